/**
 * Who may run a command on a finding's issue, decided when the command arrives: the finding's
 * owners as CODEOWNERS at the default branch names them for the places the store recorded it
 * (else the owners the App recorded when it assigned the issue: the commit's author), and the
 * commenter's role as GitHub's collaborator-permission API answers it. Never the owners
 * row or assignees: whoever can edit an issue would decide who may close it.
 */
import { authority as authoritySchema, typed, type Authority } from "../evidence/details.js";
import { ownersOf } from "../ownership/codeowners.js";
import { formatOwner, parseOwner, type Owner } from "../ownership/types.js";
import { loadCodeowners } from "./github/owners.js";
import { apiSource } from "./github/repo-files.js";
import type { Services } from "./types.js";

export interface FindingOwners {
  readonly owners: readonly Owner[];
  readonly source: "codeowners" | "recorded" | "none";
}

/** The files the store says the finding was seen in, first seen first. */
export async function recordedPaths(s: Services, fingerprint: string): Promise<string[]> {
  return pathsIn(await findingRecords(s, fingerprint));
}

export async function ownersNow(s: Services, fingerprint: string): Promise<FindingOwners> {
  const records = await findingRecords(s, fingerprint);
  const codeowners = await loadCodeowners(apiSource(s.octokit, s.repo, s.repo.defaultBranch));
  const byCodeowners = unique(pathsIn(records).flatMap((p) => ownersOf(codeowners, p).owners));
  if (byCodeowners.length) return { owners: byCodeowners, source: "codeowners" };
  // The owners the App itself recorded when it assigned the issue (CODEOWNERS then, or the author).
  let recorded: Owner[] = [];
  for (const t of records) {
    if (t.ok && t.event === "assigned" && t.details.owners) recorded = t.details.owners.flatMap((o) => parseOwner(typeof o === "string" ? o : `@${o.login}`, "history") ?? []);
  }
  return recorded.length ? { owners: unique(recorded), source: "recorded" } : { owners: [], source: "none" };
}

async function findingRecords(s: Services, fingerprint: string) {
  return (await s.deps.store.records({ repository: s.repo.fullName, fingerprint })).map(typed);
}

function pathsIn(records: ReadonlyArray<ReturnType<typeof typed>>): string[] {
  const paths = new Set<string>();
  for (const t of records) if (t.ok && "path" in t.details && t.details.path) paths.add(t.details.path);
  return [...paths];
}

function unique(owners: readonly Owner[]): Owner[] {
  const seen = new Map<string, Owner>();
  for (const o of owners) seen.set(formatOwner(o).toLowerCase(), o);
  return [...seen.values()];
}

/** Whether `login` is one of the finding's owners (users; a team would need its membership). */
export function isOwner(owners: FindingOwners, login: string): boolean {
  return owners.owners.some((o) => o.kind === "user" && o.login.toLowerCase() === login.toLowerCase());
}

/**
 * The person's role on the repository, as GitHub's collaborator-permission API says:
 * role_name (admin, maintain, write, triage, read, or a custom role), "none" for a
 * non-collaborator (404). Any other failure fails the delivery: no command runs on a guess.
 */
export async function repositoryRole(s: Services, login: string): Promise<string> {
  try {
    const { data } = await s.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: s.repo.owner, repo: s.repo.repo, username: login });
    return data.role_name || data.permission || "none";
  } catch (err) {
    if ((err as { status?: number }).status === 404) return "none";
    throw err;
  }
}

export const MAINTAINER_ROLES: ReadonlySet<string> = new Set(["admin", "maintain"]);

/** Who did a step, for its record: GitHub's login and numeric id, the role that allowed it, where. */
export function authorityOf(sender: { readonly login: string; readonly id?: number }, role: string, url: string): Authority | undefined {
  const a = authoritySchema.safeParse({ login: sender.login, id: sender.id, role, url });
  return a.success ? a.data : undefined;
}
