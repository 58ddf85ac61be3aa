/**
 * The files of a directory to scan: through git when it is a repository (so .gitignore is
 * honoured exactly as git does), otherwise a walk that reads .gitignore files with `ignore`.
 * Then each file's bytes, read synchronously into one reused buffer.
 */
import { isAscii } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import type { Ignore } from "ignore";
import { listWorktreeFiles } from "./git.js";

export type FileContent =
  /**
   * `bytes` is the file as read: a view of the reader's buffer, valid until its next read.
   * Its Latin-1 view (one char per byte) is the scanned text: ASCII exact, and the same
   * keywords and tokens for UTF-8 (see FileReader.read); `ascii` says whether it is also
   * the exact UTF-8 text, else `utf8()` decodes it properly.
   */
  | { readonly kind: "text"; readonly path: string; readonly bytes: Buffer; readonly ascii: boolean; utf8(): string }
  /** `bytes`: a binary file's content all the same (path rules check a keystore's magic bytes). */
  | { readonly kind: "skipped"; readonly path: string; readonly reason: "binary" | "huge" | "unreadable"; readonly bytes?: Buffer }
  /** Listed but not a regular file now: deleted since, a symlink, a submodule. Not counted. */
  | { readonly kind: "absent"; readonly path: string };

const SNIFF_BYTES = 8000;

/**
 * One `git ls-files` in a repository (or a subdirectory of one), else a walk. The list is
 * unchecked: FileReader.read says which entries are regular files.
 */
export async function listFiles(root: string): Promise<string[]> {
  const files = await listWorktreeFiles(root).catch(() => undefined);
  return files ?? walk(root);
}

/**
 * Synchronous: a walk is metadata calls on cached directories, cheaper without a promise each.
 * Paths are built as strings ("/"-separated, relative to root) rather than with path.join and
 * path.relative per entry, which cost more than the directory reads.
 */
async function walk(root: string): Promise<string[]> {
  // Only a directory outside git needs .gitignore parsed by hand.
  const { default: ignore } = await import("ignore");
  const out: string[] = [];
  const visit = (dir: string, rel: string, rules: ReadonlyArray<{ base: string; ig: Ignore }>): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    let here = rules;
    if (entries.some((e) => e.name === ".gitignore")) {
      try {
        here = [...rules, { base: rel, ig: ignore().add(readFileSync(`${dir}/.gitignore`, "utf8")) }];
      } catch {
        /* unreadable: as if absent */
      }
    }
    for (const e of entries) {
      if (e.name === ".git" || e.name === "node_modules") continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      // Each .gitignore speaks of paths relative to its own directory.
      const ignored = here.some(({ base, ig }) => {
        const own = base ? path.slice(base.length + 1) : path;
        return ig.ignores(e.isDirectory() ? `${own}/` : own);
      });
      if (ignored) continue;
      if (e.isDirectory()) visit(`${dir}/${e.name}`, path, here);
      else if (e.isFile()) out.push(path);
    }
  };
  visit(root, "", []);
  return out.sort();
}

/** Bytes read from the start of fd into buf until its end or the file's, or undefined if reading fails. */
function readInto(fd: number, buf: Buffer, from: number): number | undefined {
  try {
    let n = from;
    for (let r: number; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, n)) > 0; ) n += r;
    return n;
  } catch {
    return undefined;
  }
}

/** Never block on a FIFO; and, reading a listing, never follow a symlink (it names the link). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Reads files synchronously into one buffer that grows to the largest file read (at most the
 * size limit), so memory stays flat however many files a tree has. Synchronous because the
 * files are usually in the page cache, and the thread-pool round trips of the async calls
 * were a third of the scan time; callers yield to the event loop now and then (scan.ts).
 */
export class FileReader {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private readonly flags: number;

  constructor(
    private readonly maxBytes: number,
    options: { readonly followSymlinks?: boolean } = {},
  ) {
    this.flags = OPEN_FLAGS | (options.followSymlinks ? 0 : NO_FOLLOW);
  }

  /** A file unless it is binary or larger than the limit; never throws. */
  read(root: string, path: string): FileContent {
    let fd: number;
    try {
      fd = openSync(`${root}/${path}`, this.flags);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === "ENOENT" || code === "ELOOP" || code === "ENOTDIR" ? { kind: "absent", path } : { kind: "skipped", path, reason: "unreadable" };
    }
    try {
      // Most files fit the buffer: read to its end without asking fstat the size. Only a full
      // buffer (or a read that fails: a directory, a FIFO) asks fstat what the file is.
      let n = readInto(fd, this.buffer, 0);
      if (n === undefined || n === this.buffer.length) {
        const st = fstatSync(fd);
        if (!st.isFile()) return { kind: "absent", path };
        if (st.size > this.maxBytes) return { kind: "skipped", path, reason: "huge" };
        if (n === undefined) return { kind: "skipped", path, reason: "unreadable" };
        if (st.size > this.buffer.length) {
          const grown = Buffer.allocUnsafe(Math.min(Math.max(st.size, this.buffer.length * 2), this.maxBytes));
          this.buffer.copy(grown, 0, 0, n);
          this.buffer = grown;
        }
        // The size fstat saw, as readFileSync reads it (a file growing meanwhile is cut there).
        for (let r: number; n < st.size && (r = readSync(fd, this.buffer, n, st.size - n, n)) > 0; ) n += r;
      }
      // (A buffer grown for an earlier file may hold more than the limit.)
      if (n > this.maxBytes) return { kind: "skipped", path, reason: "huge" };
      const bytes = this.buffer.subarray(0, n);
      if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { kind: "skipped", path, reason: "binary", bytes };
      // Keywords and tokens are ASCII, and UTF-8 never uses ASCII bytes inside multi-byte
      // characters, so the Latin-1 view finds the same candidates as the decoded text at a
      // fraction of the cost; files with findings are decoded properly (scan.ts).
      const ascii = isAscii(bytes);
      return { kind: "text", path, bytes, ascii, utf8: () => bytes.toString(ascii ? "latin1" : "utf8") };
    } catch {
      return { kind: "skipped", path, reason: "unreadable" };
    } finally {
      closeSync(fd);
    }
  }
}
