/**
 * Reads checkpoints published outside the operator, for `verify --checkpoints`: a clone of the
 * checkpoint repository (every version of every file in its history, oldest first, so a
 * checkpoint later overwritten still counts) or a plain directory of checkpoint files. Files that
 * are not checkpoints are skipped by the caller; sizes and counts are bounded.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { PublishedCheckpoint } from "./verify.js";

const run = promisify(execFile);
const MAX_FILES = 20_000;
const MAX_NOTE = 64 * 1024;

export async function loadPublished(dir: string): Promise<PublishedCheckpoint[]> {
  if (existsSync(join(dir, ".git"))) return fromGit(dir);
  const out: PublishedCheckpoint[] = [];
  for (const name of (await readdir(dir)).sort().slice(0, MAX_FILES)) {
    const path = join(dir, name);
    const info = await stat(path);
    if (info.isFile() && info.size <= MAX_NOTE) out.push({ source: name, note: await readFile(path, "utf8") });
  }
  return out;
}

async function fromGit(dir: string): Promise<PublishedCheckpoint[]> {
  const git = (...args: string[]) => run("git", ["-C", dir, ...args], { maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
  const { stdout } = await git("log", "--reverse", "--format=commit %H", "--name-only", "--diff-filter=AM", "--no-renames", "HEAD");
  const versions: { commit: string; path: string }[] = [];
  let commit = "";
  for (const line of stdout.split("\n")) {
    if (line.startsWith("commit ")) commit = line.slice(7);
    else if (line.trim() && commit) versions.push({ commit, path: line });
  }
  const out: PublishedCheckpoint[] = [];
  for (const v of versions.slice(0, MAX_FILES)) {
    const { stdout: size } = await git("cat-file", "-s", `${v.commit}:${v.path}`);
    if (Number(size) > MAX_NOTE) continue;
    const { stdout: note } = await git("cat-file", "blob", `${v.commit}:${v.path}`);
    out.push({ source: `${v.commit.slice(0, 12)}:${v.path}`, note });
  }
  return out;
}
