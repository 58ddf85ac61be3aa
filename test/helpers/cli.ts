/** Run the CLI in-process with captured output. */
import { main } from "../../src/cli.js";

export async function runCli(argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    stdoutTTY: false,
    stderrTTY: false,
  });
  return { code, stdout, stderr };
}
