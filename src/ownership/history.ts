/**
 * The last resort: whoever committed the line. Not an owner anyone declared, so it comes last,
 * but it names a person where nothing else does.
 */
import { execFile } from "node:child_process";
import type { Owner } from "./types.js";

export interface LineAuthor {
  readonly name: string;
  readonly email: string;
  readonly commit: string;
}

/**
 * The author of the commit that last changed `line` of `path` at `rev` (`git blame`).
 * Undefined when the revision, file or line does not exist, or git cannot run: a missing
 * fallback owner is not worth failing a scan for.
 */
export function lineAuthor(repoDir: string, path: string, line: number, rev = "HEAD"): Promise<LineAuthor | undefined> {
  // A revision starting with "-" would be read as an option.
  if (!Number.isInteger(line) || line < 1 || rev.startsWith("-")) return Promise.resolve(undefined);
  const args = ["blame", "--porcelain", "-L", `${line},${line}`, rev, "--", path];
  return new Promise((resolve) => {
    execFile("git", args, { cwd: repoDir, encoding: "utf8", maxBuffer: 1024 * 1024 }, (err, stdout) => {
      resolve(err ? undefined : parsePorcelain(stdout).get(line));
    });
  });
}

/**
 * `lineAuthor` for several lines of one file in one `git blame` (one -L per line): a scan with
 * many findings runs one git per file, not per finding. Lines it could not blame are absent;
 * when the batch fails as a whole (a line past the end of the file at `rev`), each line is
 * asked on its own, so one bad line costs no other line its author.
 */
export async function lineAuthors(repoDir: string, path: string, lines: readonly number[], rev = "HEAD"): Promise<Map<number, LineAuthor>> {
  const wanted = [...new Set(lines.filter((l) => Number.isInteger(l) && l >= 1))].sort((a, b) => a - b);
  const out = new Map<number, LineAuthor>();
  if (wanted.length === 0 || rev.startsWith("-")) return out;
  const args = ["blame", "--porcelain", ...wanted.flatMap((l) => ["-L", `${l},${l}`]), rev, "--", path];
  const stdout = await new Promise<string | undefined>((resolve) => {
    execFile("git", args, { cwd: repoDir, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (err, text) => resolve(err ? undefined : text));
  });
  if (stdout !== undefined) {
    for (const [line, author] of parsePorcelain(stdout)) if (wanted.includes(line)) out.set(line, author);
    return out;
  }
  if (wanted.length === 1) return out;
  for (const line of wanted) {
    const author = await lineAuthor(repoDir, path, line, rev);
    if (author) out.set(line, author);
  }
  return out;
}

/**
 * The authors of `git blame --porcelain` output, by final line: each entry's header is
 * `<sha> <orig> <final> [<n>]`, and a commit's `author` and `author-mail` come only with its
 * first entry, so they are remembered by commit.
 */
function parsePorcelain(out: string): Map<number, LineAuthor> {
  const byCommit = new Map<string, { name: string; email: string }>();
  const entries: Array<{ commit: string; line: number }> = [];
  let current: { name: string; email: string } | undefined;
  for (const l of out.split("\n")) {
    const header = /^([0-9a-f]{40,64}) \d+ (\d+)(?: \d+)?$/.exec(l);
    if (header) {
      const commit = header[1]!;
      current = byCommit.get(commit);
      if (!current) byCommit.set(commit, (current = { name: "", email: "" }));
      entries.push({ commit, line: Number(header[2]) });
    } else if (current && l.startsWith("author ")) current.name = l.slice(7);
    else if (current && l.startsWith("author-mail ")) current.email = l.slice(12).replace(/^<(.*)>$/, "$1");
  }
  const authors = new Map<number, LineAuthor>();
  for (const e of entries) {
    const a = byCommit.get(e.commit)!;
    authors.set(e.line, { name: a.name, email: a.email, commit: e.commit });
  }
  return authors;
}

// GitHub's private commit emails: `ID+login@users.noreply.github.com`, or `login@…` for older accounts.
const NOREPLY = /^(?:\d+\+)?([A-Za-z0-9][A-Za-z0-9_-]*(?:\[bot\])?)@users\.noreply\.github\.com$/i;

/** A noreply address names the GitHub account outright; any other email stays an email. */
export function authorOwner(author: { readonly email: string }): Owner {
  const login = NOREPLY.exec(author.email)?.[1];
  return login ? { kind: "user", login, source: "history" } : { kind: "email", email: author.email, source: "history" };
}
