/**
 * Owners for scanner findings in a checkout: CODEOWNERS of the file, else the author of the
 * commit that introduced the line (known for history findings, `git blame` otherwise). Each
 * owner carries where it came from.
 */
import type { SecretFinding } from "../detect/types.js";
import type { RepoSource } from "../ingest/repo-source.js";
import { CODEOWNERS_LOCATIONS, parseCodeowners, type CodeownersRule } from "./codeowners.js";
import { lineAuthors, type LineAuthor } from "./history.js";
import { resolveOwners } from "./resolve.js";
import { formatOwner } from "./types.js";

export interface FindingOwners {
  readonly owners: readonly string[];
  readonly source: "codeowners" | "history" | "none";
}

export async function ownersOfFindings(root: string, source: RepoSource, findings: readonly SecretFinding[], git: boolean): Promise<Map<string, FindingOwners>> {
  let codeowners: readonly CodeownersRule[] = [];
  for (const path of CODEOWNERS_LOCATIONS) {
    const text = await source.read(path);
    if (text !== undefined) {
      codeowners = parseCodeowners(text, path).rules;
      break;
    }
  }
  const out = new Map<string, FindingOwners>();
  const blame = git ? batchedBlame(root) : undefined;
  // All at once, so the blames they ask for are batched per file (batchedBlame).
  const resolved = await Promise.all(
    findings.map((f) => {
      const c = f.location.commit;
      return resolveOwners({ path: f.location.path, line: f.location.line, ...(c ? { commitAuthor: { name: c.author, email: c.email } } : {}) }, { identities: [], codeowners, ...(blame ? { blame } : {}) });
    }),
  );
  findings.forEach((f, i) => out.set(ownersKey(f), { owners: resolved[i]!.owners.map(formatOwner), source: resolved[i]!.source === "inventory" ? "codeowners" : resolved[i]!.source }));
  return out;
}

/** Files blamed at once: git is CPU and disk bound, and a tree's findings may sit in thousands of files. */
const BLAME_CONCURRENCY = 4;

/**
 * A `blame(path, line)` that collects the lines asked for in one turn of the event loop and
 * blames each file once for all of them (lineAuthors), a few files at a time.
 */
function batchedBlame(root: string): (path: string, line: number) => Promise<LineAuthor | undefined> {
  let pending = new Map<string, Array<{ line: number; resolve: (a: LineAuthor | undefined) => void }>>();
  const flush = async () => {
    const batch = [...pending];
    pending = new Map();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < batch.length; i = next++) {
        const [path, asks] = batch[i]!;
        const authors = await lineAuthors(root, path, asks.map((a) => a.line));
        for (const a of asks) a.resolve(authors.get(a.line));
      }
    };
    await Promise.all(Array.from({ length: Math.min(BLAME_CONCURRENCY, batch.length) }, worker));
  };
  return (path, line) =>
    new Promise((resolve) => {
      if (pending.size === 0) setImmediate(() => void flush());
      const asks = pending.get(path) ?? [];
      asks.push({ line, resolve });
      pending.set(path, asks);
    });
}

export function ownersKey(f: SecretFinding): string {
  return f.fingerprint + (f.location.commit ? `@${f.location.commit.sha}` : "");
}
