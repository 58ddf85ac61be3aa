/**
 * Owners for scanner findings in a checkout: CODEOWNERS of the file, else the author of the
 * commit that introduced the line (known for history findings, `git blame` otherwise). Each
 * owner carries where it came from.
 */
import type { SecretFinding } from "../detect/types.js";
import type { RepoSource } from "../ingest/repo-source.js";
import { CODEOWNERS_LOCATIONS, parseCodeowners, type CodeownersRule } from "./codeowners.js";
import { lineAuthor } from "./history.js";
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
  for (const f of findings) {
    const c = f.location.commit;
    const resolved = await resolveOwners(
      { path: f.location.path, line: f.location.line, ...(c ? { commitAuthor: { name: c.author, email: c.email } } : {}) },
      { identities: [], codeowners, ...(git ? { blame: (path: string, line: number) => lineAuthor(root, path, line) } : {}) },
    );
    out.set(f.fingerprint + (c ? `@${c.sha}` : ""), { owners: resolved.owners.map(formatOwner), source: resolved.source === "inventory" ? "codeowners" : resolved.source });
  }
  return out;
}

export function ownersKey(f: SecretFinding): string {
  return f.fingerprint + (f.location.commit ? `@${f.location.commit.sha}` : "");
}
