/**
 * The files of a directory to scan: through git when it is a repository (so .gitignore is
 * honoured exactly as git does), otherwise a walk that reads .gitignore files with `ignore`.
 */
import { lstat, open, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { isGitRepository, listWorktreeFiles } from "./git.js";

export type FileContent =
  | { readonly kind: "text"; readonly path: string; readonly text: string; readonly bytes: number }
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

/** Read a file unless it is binary or larger than `maxBytes`; never throws. */
export async function readScannable(root: string, path: string, maxBytes: number): Promise<FileContent> {
  const full = join(root, path);
  try {
    const st = await lstat(full);
    if (st.size > maxBytes) return { kind: "skipped", path, reason: "huge" };
    const fh = await open(full, "r");
    try {
      const buf = await fh.readFile();
      const sniff = buf.subarray(0, SNIFF_BYTES);
      if (sniff.includes(0)) return { kind: "skipped", path, reason: "binary" };
      return { kind: "text", path, text: buf.toString("utf8"), bytes: buf.length };
    } finally {
      await fh.close();
    }
  } catch {
    return { kind: "skipped", path, reason: "unreadable" };
  }
}
