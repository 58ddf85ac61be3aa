/**
 * Reads history from a real git repository. Patches are streamed line by line from a spawned
 * `git` so memory stays bounded however long the history; the small questions (is this a
 * repository, where is its top level, does a revision exist) are one `git` call each, without
 * a wrapper library: every CLI scan asks them, and loading one cost more than the calls.
 */
import { execFile, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { DiffParser, LOG_FORMAT, type DiffEvent } from "./diff.js";

export class GitError extends Error {
  override readonly name = "GitError";
}

/** stdout of `git ARGS` run in dir, or undefined when git fails or cannot run. */
function gitOutput(dir: string, args: readonly string[]): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd: dir, encoding: "buffer", maxBuffer: 1 << 30 }, (err, stdout) => resolve(err ? undefined : stdout));
  });
}

export async function isGitRepository(dir: string): Promise<boolean> {
  return (await gitOutput(dir, ["rev-parse", "--is-inside-work-tree"]))?.toString("utf8").trim() === "true";
}

export async function gitTopLevel(dir: string): Promise<string> {
  const out = await gitOutput(dir, ["rev-parse", "--show-toplevel"]);
  if (out === undefined) throw new GitError(`${dir} is not in a git working tree`);
  return out.toString("utf8").trim();
}

export async function verifyRevision(dir: string, rev: string): Promise<void> {
  const ok = await new Promise<boolean>((resolve) => {
    execFile("git", ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { cwd: dir }, (err) => resolve(!err));
  });
  if (!ok) throw new GitError(`unknown revision '${rev}'`);
}

export interface StreamOptions {
  readonly maxFileBytes: number;
  /** Called after every commit header: progress reporting. */
  readonly onCommit?: (count: number) => void;
}

/**
 * Every line added by the commits in `revisions` (e.g. ["A..B"], ["--all"]), newest first,
 * as chunks tagged with commit and author.
 */
export async function streamHistory(dir: string, revisions: readonly string[], onEvent: (e: DiffEvent) => void, options: StreamOptions): Promise<number> {
  const args = ["-c", "core.quotePath=false", "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", `--format=${LOG_FORMAT}`, ...revisions, "--"];
  let commits = 0;
  await streamGit(dir, args, (e) => {
    if (e.type === "commit") options.onCommit?.(++commits);
    onEvent(e);
  }, options);
  return commits;
}

/** Lines added by a diff that is not a commit (e.g. `diff --cached`: what is staged). */
export async function streamDiff(dir: string, diffArgs: readonly string[], onEvent: (e: DiffEvent) => void, options: StreamOptions): Promise<void> {
  await streamGit(dir, ["-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", ...diffArgs, "--"], onEvent, options);
}

async function streamGit(dir: string, args: readonly string[], onEvent: (e: DiffEvent) => void, options: StreamOptions): Promise<void> {
  const child = spawn("git", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const parser = new DiffParser(onEvent, { maxFileBytes: options.maxFileBytes });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", (err) => reject(new GitError(`could not run git: ${err.message}`)));
    child.on("close", (code) => resolve(code ?? 1));
  });
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of lines) parser.push(line);
  parser.end();
  const code = await exited;
  if (code !== 0) throw new GitError(`git ${args.filter((a) => !a.startsWith("--format")).slice(2, 4).join(" ")} failed: ${stderr.trim().split("\n")[0] ?? `exit ${code}`}`);
}

/** Files of the working tree that git would not ignore: tracked and untracked. */
export async function listWorktreeFiles(dir: string): Promise<string[]> {
  const out = await gitOutput(dir, ["-c", "core.quotePath=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  if (out === undefined) throw new GitError(`git ls-files failed in ${dir}`);
  return [...new Set(out.toString("utf8").split("\0").filter(Boolean))];
}
