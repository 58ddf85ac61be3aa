/**
 * Owners of a leaked secret as the App sees them: CODEOWNERS of the file at the default
 * branch, else the GitHub user who committed the line; then which of them GitHub will accept
 * as assignees (teams and emails are mentioned instead).
 */
import type { SecretFinding } from "../../detect/types.js";
import { CODEOWNERS_LOCATIONS, ownersOf, parseCodeowners, type CodeownersRule } from "../../ownership/codeowners.js";
import { authorOwner } from "../../ownership/history.js";
import type { Owner } from "../../ownership/types.js";
import type { RepoSource } from "../../ingest/repo-source.js";
import type { Services } from "../types.js";

export interface ResolvedOwners {
  readonly owners: Owner[];
  readonly source: "codeowners" | "history" | "none";
}

export async function loadCodeowners(source: RepoSource): Promise<readonly CodeownersRule[]> {
  for (const path of CODEOWNERS_LOCATIONS) {
    const text = await source.read(path);
    if (text !== undefined) return parseCodeowners(text, path).rules;
  }
  return [];
}

export function ownersForFinding(f: SecretFinding, codeowners: readonly CodeownersRule[], logins: ReadonlyMap<string, string>): ResolvedOwners {
  const byCodeowners = ownersOf(codeowners, f.location.path).owners;
  if (byCodeowners.length) return { owners: byCodeowners, source: "codeowners" };
  const commit = f.location.commit;
  if (commit) {
    const login = logins.get(commit.sha);
    if (login) return { owners: [{ kind: "user", login, source: "history" }], source: "history" };
    if (commit.email) return { owners: [authorOwner({ email: commit.email })], source: "history" };
  }
  return { owners: [], source: "none" };
}

/** Logins GitHub will accept as assignees on this repository (checked with the API). */
export async function assignable(s: Services, owners: readonly Owner[]): Promise<string[]> {
  const out: string[] = [];
  for (const o of owners) {
    if (o.kind !== "user") continue;
    try {
      await s.octokit.rest.issues.checkUserCanBeAssigned({ owner: s.repo.owner, repo: s.repo.repo, assignee: o.login });
      out.push(o.login);
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
  }
  return out.slice(0, 10);
}
