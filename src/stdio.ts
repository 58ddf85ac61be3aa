/**
 * Writers for stdout and stderr that survive a reader going away: `keyward rules | head` closes
 * the pipe early, and Node reports that as an EPIPE error event that would otherwise end the
 * process with a stack trace. Once the pipe is closed, further output is dropped and the
 * command finishes with its own exit code.
 */
import type { Writable } from "node:stream";

export function pipeSafeWriter(stream: Writable): (s: string) => void {
  let closed = false;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") closed = true;
    else throw err;
  });
  return (s) => {
    if (closed || stream.destroyed) return;
    stream.write(s);
  };
}
