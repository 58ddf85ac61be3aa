/**
 * The files of a directory to scan: through git when it is a repository (so .gitignore is
 * honoured exactly as git does), otherwise a walk that reads .gitignore files with `ignore`.
 */
import { isAscii } from "node:buffer";
import { readFileSync, statSync } from "node:fs";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { isGitRepository, listWorktreeFiles } from "./git.js";

export type FileContent =
  /** `text` is the file read as Latin-1 (one char per byte: ASCII exact, fast); `ascii` says
   * whether that is also the exact UTF-8 text, else `utf8()` decodes it properly. */
  | { readonly kind: "text"; readonly path: string; readonly text: string; readonly bytes: number; readonly ascii: boolean; utf8(): string }
  | { readonly kind: "skipped"; readonly path: string; readonly reason: "binary" | "huge" | "unreadable" };

const SNIFF_BYTES = 8000;

export async function listFiles(root: string): Promise<string[]> {
  if (await isGitRepository(root)) {
    const files = await listWorktreeFiles(root);
    // A tracked file deleted in the working tree, or a symlink: nothing to read.
    const out: string[] = [];
    for (const f of files) {
      try {
        if ((await lstat(join(root, f))).isFile()) out.push(f);
      } catch {
        /* deleted */
      }
    }
    return out;
  }
  return walk(root);
}

async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, rules: Array<{ base: string; ig: Ignore }>): Promise<void> => {
    let here = rules;
    try {
      const gi = await readFile(join(dir, ".gitignore"), "utf8");
      here = [...rules, { base: dir, ig: ignore().add(gi) }];
    } catch {
      /* no .gitignore here */
    }
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.name === ".git" || e.name === "node_modules") continue;
      const full = join(dir, e.name);
      const ignored = here.some(({ base, ig }) => {
        const rel = relative(base, full).split(sep).join("/");
        return ig.ignores(e.isDirectory() ? `${rel}/` : rel);
      });
      if (ignored) continue;
      if (e.isDirectory()) await visit(full, here);
      else if (e.isFile()) out.push(relative(root, full).split(sep).join("/"));
    }
  };
  await visit(root, []);
  return out.sort();
}

/** Read a file unless it is binary or larger than `maxBytes`; never throws. Synchronous: see below. */
export function readScannable(root: string, path: string, maxBytes: number): FileContent {
  const full = join(root, path);
  try {
    // Synchronous stat and read: the file is usually in the page cache, and the thread-pool
    // round trips of the async calls were a third of the scan time. The caller yields to the
    // event loop between files now and then (scan.ts), so a server stays responsive.
    const st = statSync(full);
    if (!st.isFile()) return { kind: "skipped", path, reason: "unreadable" };
    if (st.size > maxBytes) return { kind: "skipped", path, reason: "huge" };
    const buf = readFileSync(full);
    const sniff = buf.subarray(0, SNIFF_BYTES);
    if (sniff.includes(0)) return { kind: "skipped", path, reason: "binary" };
    // A one-byte string is a copy; UTF-8 decoding is ~30x slower here. Keywords and tokens are
    // ASCII, and UTF-8 never uses ASCII bytes inside multi-byte characters, so the Latin-1
    // view finds the same candidates; files with findings are decoded properly (scan.ts).
    const ascii = isAscii(buf);
    return { kind: "text", path, text: buf.toString("latin1"), bytes: buf.length, ascii, utf8: () => (ascii ? buf.toString("latin1") : buf.toString("utf8")) };
  } catch {
    return { kind: "skipped", path, reason: "unreadable" };
  }
}
