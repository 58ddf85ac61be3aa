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
      resolve(err ? undefined : parsePorcelain(stdout));
    });
  });
}

/** The header of a `git blame --porcelain` entry: `<sha> <orig> <final> <n>`, then `key value` lines. */
function parsePorcelain(out: string): LineAuthor | undefined {
  const lines = out.split("\n");
  const commit = /^([0-9a-f]{40,64}) /.exec(lines[0] ?? "")?.[1];
  if (!commit) return undefined;
  const field = (key: string) => lines.find((l) => l.startsWith(`${key} `))?.slice(key.length + 1);
  const name = field("author") ?? "";
  const email = (field("author-mail") ?? "").replace(/^<(.*)>$/, "$1");
  return { name, email, commit };
}

// GitHub's private commit emails: `ID+login@users.noreply.github.com`, or `login@…` for older accounts.
const NOREPLY = /^(?:\d+\+)?([A-Za-z0-9][A-Za-z0-9_-]*(?:\[bot\])?)@users\.noreply\.github\.com$/i;

/** A noreply address names the GitHub account outright; any other email stays an email. */
export function authorOwner(author: { readonly email: string }): Owner {
  const login = NOREPLY.exec(author.email)?.[1];
  return login ? { kind: "user", login, source: "history" } : { kind: "email", email: author.email, source: "history" };
}
