/**
 * The join: what GitHub holds (collect.ts) with where the workflows use it, who owns it and how
 * far it reaches. Pure: collected data in, identities out.
 *
 * Ownership, most deliberate first: an entry in the repository's inventory
 * (`.github/keyward.yml` `identities:`), then one in the organisation's `.github` repository;
 * then what GitHub itself records (a token's owner, who added a deploy key). Otherwise the
 * identity is unowned, and the code owners of the workflows that use it are named as adopters.
 */
import { ownersOf } from "../ownership/codeowners.js";
import { matchIdentity } from "../ownership/inventory.js";
import type { Owner } from "../ownership/types.js";
import { identitiesOf, type SecretUse } from "../workflows/identities.js";
import { describePermissions, effectivePermissions } from "../workflows/permissions.js";
import { reachOf } from "../workflows/triggers.js";
import type { CollectedOrgSecret, CollectedRepository, OrgCollection, OrgFacts, OwnerEntry, RepositoryDigest, RepositoryInput, SecretMeta } from "./types.js";

export type IdentityKind =
  | "repository-secret"
  | "environment-secret"
  | "organization-secret"
  | "organization-dependabot-secret"
  | "dependabot-secret"
  | "deploy-key"
  | "personal-access-token"
  | "app-installation";

/** Kinds defined by the organisation itself: judged once per sweep, with every repository's digest. */
export const ORGANISATION_KINDS: ReadonlySet<IdentityKind> = new Set(["organization-secret", "organization-dependabot-secret", "personal-access-token", "app-installation"]);

export interface IdentityUse {
  readonly repository: string;
  readonly file: string;
  readonly line: number;
  readonly job?: string;
  readonly environment?: string;
  readonly triggers: readonly string[];
}

export interface OrgIdentity {
  /** Stable across sweeps: kind, where it is defined, its name or GitHub id. */
  readonly id: string;
  readonly kind: IdentityKind;
  readonly name: string;
  /** Where it is defined: the organisation, a repository, or an environment of one. */
  readonly definedIn: { readonly repository?: string; readonly environment?: string; readonly organization: string };
  /** The settings page where it is managed (the location of findings without a workflow line). */
  readonly settingsUrl: string;
  readonly createdAt?: string;
  /** GitHub's `updated_at`: when the value was last set — rotation evidence, not a typed date. */
  readonly updatedAt?: string;
  readonly lastUsed?: string | null;
  readonly expiresAt?: string | null;
  readonly uses: readonly IdentityUse[];
  readonly owners: readonly Owner[];
  readonly ownerSource: "inventory" | "github" | "none";
  /** The inventory entry that owns it (`repo:.github/keyward.yml:line`), when one does. */
  readonly ownerEntry?: string;
  readonly rotateEveryDays?: number;
  /** Who should adopt an unowned identity: the code owners of the workflows that use it. */
  readonly adopters: readonly Owner[];
  readonly blastRadius: {
    /** Repositories whose workflows can read it. */
    readonly repositories: readonly string[];
    /** GITHUB_TOKEN permissions of the jobs that receive it. */
    readonly tokenPermissions: ReadonlyArray<{ readonly repository: string; readonly file: string; readonly job: string; readonly permissions: string }>;
    /** A PAT's or an App's own permissions. */
    readonly permissions?: Readonly<Record<string, string>>;
    readonly forkReachable: boolean;
    readonly outsideReachable: boolean;
  };
  /** Environments: the protection GitHub enforces before a job gets the secrets. */
  readonly protection?: { readonly known: boolean; readonly requiredReviewers: boolean; readonly branchPolicy: boolean; readonly waitTimer: boolean };
  readonly readOnly?: boolean;
  readonly visibility?: "all" | "private" | "selected";
}

/** Every use of a secret name in one repository, located at its workflow line. */
function usesIn(r: CollectedRepository, name: string, environment?: string): IdentityUse[] {
  const wfs = r.audit.model.workflows;
  const out: IdentityUse[] = [];
  for (const u of r.audit.model.secretUses) {
    if (u.name !== name) continue;
    const wf = wfs.find((w) => w.file === u.file);
    if (!wf) continue; // composite actions get secrets only through their callers
    if (environment !== undefined) {
      const envOf = (job?: string) => wf.jobs.find((j) => j.id === job)?.environment?.toLowerCase();
      const reaches = u.job !== undefined ? envOf(u.job) === environment.toLowerCase() : wf.jobs.some((j) => j.environment?.toLowerCase() === environment.toLowerCase());
      if (!reaches) continue;
    }
    out.push(use(r, u));
  }
  return out;
}

function use(r: CollectedRepository, u: SecretUse): IdentityUse {
  const wf = r.audit.model.workflows.find((w) => w.file === u.file)!;
  return {
    repository: r.repo.fullName,
    file: u.file,
    line: wf.locate(u.path).line,
    ...(u.job ? { job: u.job } : {}),
    ...(u.environment ? { environment: u.environment } : {}),
    triggers: wf.triggers.map((t) => t.event),
  };
}

/** `secrets: inherit` or `toJSON(secrets)`: every secret the repository can read may be used. */
export function handsOverAllSecrets(r: CollectedRepository): boolean {
  return r.audit.model.workflows.some((wf) => identitiesOf(wf).wholeSecrets.length > 0);
}

function blastOf(repos: readonly CollectedRepository[], uses: readonly IdentityUse[]): OrgIdentity["blastRadius"] {
  const tokens: Array<OrgIdentity["blastRadius"]["tokenPermissions"][number]> = [];
  let fork = false;
  let outside = false;
  for (const u of uses) {
    const r = repos.find((x) => x.repo.fullName === u.repository);
    const wf = r?.audit.model.workflows.find((w) => w.file === u.file);
    if (!r || !wf) continue;
    const reach = reachOf(wf);
    fork ||= reach.fork;
    outside ||= reach.outside;
    for (const job of u.job ? wf.jobs.filter((j) => j.id === u.job) : wf.jobs)
      if (!tokens.some((t) => t.repository === u.repository && t.file === u.file && t.job === job.id))
        tokens.push({ repository: u.repository, file: u.file, job: job.id, permissions: describePermissions(effectivePermissions(job, wf)) });
  }
  return { repositories: [...new Set(uses.map((u) => u.repository))], tokenPermissions: tokens, forkReachable: fork, outsideReachable: outside };
}

interface OwnerAnswer {
  readonly owners: readonly Owner[];
  readonly ownerSource: OrgIdentity["ownerSource"];
  readonly ownerEntry?: string;
  readonly rotateEveryDays?: number;
}

function fromInventory(identity: OwnerEntry | undefined, where: string): OwnerAnswer | undefined {
  if (!identity) return undefined;
  return { owners: identity.owners, ownerSource: "inventory", ownerEntry: `${where}:.github/keyward.yml:${identity.line}`, ...(identity.rotateEveryDays ? { rotateEveryDays: identity.rotateEveryDays } : {}) };
}

const NONE: OwnerAnswer = { owners: [], ownerSource: "none" };

function adoptersOf(repos: readonly CollectedRepository[], uses: readonly IdentityUse[]): Owner[] {
  const out = new Map<string, Owner>();
  for (const u of uses) {
    const r = repos.find((x) => x.repo.fullName === u.repository);
    for (const o of r ? ownersOf(r.audit.codeownersRules, u.file).owners : []) out.set(JSON.stringify(o), o);
  }
  return [...out.values()];
}

/** Who owns a name by the organisation's `.github` inventory. */
function orgOwnerOf(inventory: OrgFacts["orgInventory"]) {
  return (name: string) => fromInventory(matchIdentity(inventory.entries, name), inventory.repository);
}

/**
 * The identities one repository defines — its secrets, environment and Dependabot secrets,
 * deploy keys — joined with its own workflows, inventory and CODEOWNERS, and the
 * organisation's inventory as the fallback owner. Needs nothing from other repositories.
 */
export function joinRepository(r: CollectedRepository, input: Pick<RepositoryInput, "org" | "serverUrl" | "orgInventory">): OrgIdentity[] {
  const server = input.serverUrl.replace(/\/+$/, "");
  const orgOwner = orgOwnerOf(input.orgInventory);
  const repoOwner = (name: string) => fromInventory(matchIdentity(r.audit.identities, name), r.repo.fullName) ?? orgOwner(name);
  const base = { repository: r.repo.fullName, organization: input.org };
  const out: OrgIdentity[] = [];

  // A secret defined in the repository (or one of its environments): the same join for each kind.
  const repoSecret = (kind: IdentityKind, s: SecretMeta, settings: string, uses: IdentityUse[], extra: Partial<OrgIdentity> = {}): OrgIdentity => ({
    id: `${kind}:${r.repo.fullName}:${extra.definedIn?.environment ? `${extra.definedIn.environment}:` : ""}${s.name}`,
    kind,
    name: s.name,
    definedIn: base,
    settingsUrl: `${server}/${r.repo.fullName}/settings/${settings}`,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    uses,
    ...(repoOwner(s.name) ?? NONE),
    adopters: adoptersOf([r], uses),
    blastRadius: blastOf([r], uses),
    ...extra,
  });

  const repoUrl = `${server}/${r.repo.fullName}`;
  for (const s of r.secrets ?? []) out.push(repoSecret("repository-secret", s, "secrets/actions", usesIn(r, s.name)));
  for (const env of r.environments ?? []) {
    const protection = {
      known: env.protectionKnown,
      requiredReviewers: env.protectionRules.some((p) => p.type === "required_reviewers" && (!("reviewers" in p) || (p.reviewers?.length ?? 0) > 0)),
      branchPolicy: env.branchPolicy !== null && (env.branchPolicy.protected_branches || env.branchPolicy.custom_branch_policies),
      waitTimer: env.protectionRules.some((p) => p.type === "wait_timer"),
    };
    for (const s of env.secrets ?? []) out.push(repoSecret("environment-secret", s, "environments", usesIn(r, s.name, env.name), { definedIn: { ...base, environment: env.name }, protection }));
  }
  for (const s of r.dependabotSecrets ?? []) {
    // Dependabot secrets reach dependabot.yml's registries and the workflows Dependabot triggers.
    const uses = usesIn(r, s.name);
    out.push(repoSecret("dependabot-secret", s, "secrets/dependabot", uses, { uses: [...registryUse(r.repo.fullName, r.dependabotReferences, s.name), ...uses] }));
  }
  for (const k of r.deployKeys ?? []) {
    const entry = repoOwner(`deploy-key:${k.title}`);
    out.push({
      id: `deploy-key:${r.repo.fullName}:${k.id}`,
      kind: "deploy-key",
      name: k.title,
      definedIn: base,
      settingsUrl: `${repoUrl}/settings/keys`,
      createdAt: k.created_at,
      lastUsed: k.last_used ?? null,
      uses: [],
      ...(entry ?? (k.added_by ? { owners: [{ kind: "user", login: k.added_by, source: "github" } as const], ownerSource: "github" as const } : NONE)),
      adopters: [],
      blastRadius: { repositories: [r.repo.fullName], tokenPermissions: [], permissions: { contents: k.read_only ? "read" : "write" }, forkReachable: false, outsideReachable: false },
      readOnly: k.read_only,
    });
  }
  return out;
}

const registryUse = (repository: string, references: readonly string[], name: string): IdentityUse[] => (references.includes(name) ? [{ repository, file: ".github/dependabot.yml", line: 1, triggers: [] }] : []);

/** What the organisation-level join needs from one repository: who uses each secret name, and how. */
export function digestRepository(r: CollectedRepository, skipped: RepositoryDigest["skipped"] = []): RepositoryDigest {
  const names = [...new Set(r.audit.model.secretUses.map((u) => u.name))];
  return {
    repository: r.repo.fullName,
    name: r.repo.name,
    handsOverAll: handsOverAllSecrets(r),
    secrets: names.flatMap((name) => {
      const uses = usesIn(r, name);
      if (uses.length === 0) return [];
      const blast = blastOf([r], uses);
      return [{ name, uses, adopters: adoptersOf([r], uses), tokenPermissions: blast.tokenPermissions, forkReachable: blast.forkReachable, outsideReachable: blast.outsideReachable }];
    }),
    entries: r.audit.identities.map((i) => ({ secret: i.secret, owners: i.owners, line: i.line, ...(i.rotateEveryDays ? { rotateEveryDays: i.rotateEveryDays } : {}) })),
    dependabotReferences: r.dependabotReferences,
    skipped,
  };
}

/**
 * The identities the organisation itself defines — organisation Actions and Dependabot
 * secrets, token grants, installed Apps — joined with every swept repository's digest.
 */
export function joinOrganisation(facts: OrgFacts, digests: readonly RepositoryDigest[]): OrgIdentity[] {
  const server = facts.serverUrl.replace(/\/+$/, "");
  const orgOwner = orgOwnerOf(facts.orgInventory);
  const org = facts.org;
  const out: OrgIdentity[] = [];

  const orgSecret = (kind: "organization-secret" | "organization-dependabot-secret", s: CollectedOrgSecret, settings: string): OrgIdentity => {
    const visible = visibleRepositories(facts, s.visibility, s.selectedRepositories);
    const readers = digests.filter((d) => visible.has(d.name.toLowerCase()));
    const used = readers.flatMap((d) => d.secrets.filter((u) => u.name === s.name));
    const registries = kind === "organization-dependabot-secret" ? readers.flatMap((d) => registryUse(d.repository, d.dependabotReferences, s.name)) : [];
    const uses = [...registries, ...used.flatMap((u) => u.uses)];
    const owner = orgOwner(s.name) ?? readers.map((d) => fromInventory(matchIdentity(d.entries, s.name), d.repository)).find((o) => o !== undefined);
    const adopters = new Map<string, Owner>();
    for (const o of used.flatMap((u) => u.adopters)) adopters.set(JSON.stringify(o), o);
    return {
      id: `${kind}:${org}:${s.name}`,
      kind,
      name: s.name,
      definedIn: { organization: org },
      settingsUrl: `${server}/organizations/${org}/settings/secrets/${settings}`,
      createdAt: s.created_at,
      updatedAt: s.updated_at,
      uses,
      ...(owner ?? NONE),
      adopters: [...adopters.values()],
      blastRadius: {
        repositories: facts.allRepositories.filter((r) => visible.has(r.name.toLowerCase())).map((r) => r.fullName),
        tokenPermissions: used.flatMap((u) => u.tokenPermissions),
        forkReachable: used.some((u) => u.forkReachable),
        outsideReachable: used.some((u) => u.outsideReachable),
      },
      visibility: s.visibility,
    };
  };
  for (const s of facts.orgSecrets ?? []) out.push(orgSecret("organization-secret", s, "actions"));
  for (const s of facts.orgDependabotSecrets ?? []) out.push(orgSecret("organization-dependabot-secret", s, "dependabot"));

  for (const g of facts.patGrants ?? []) {
    const entry = orgOwner(`pat:${g.token_name}`);
    const permissions = Object.fromEntries(Object.entries(g.permissions).flatMap(([group, map]) => Object.entries(map ?? {}).map(([k, v]) => [`${group}:${k}`, v])));
    out.push({
      id: `personal-access-token:${org}:${g.token_id}`,
      kind: "personal-access-token",
      name: g.token_name,
      definedIn: { organization: org },
      settingsUrl: `${server}/organizations/${org}/settings/personal-access-tokens/active`,
      createdAt: g.access_granted_at,
      lastUsed: g.token_last_used_at,
      expiresAt: g.token_expires_at,
      uses: [],
      // The token's owner is a fact GitHub records; an inventory entry may name a team as well.
      ...(entry ?? { owners: [{ kind: "user", login: g.owner.login, source: "github" } as const], ownerSource: "github" as const }),
      adopters: [],
      blastRadius: { repositories: g.repository_selection === "all" ? facts.allRepositories.map((r) => r.fullName) : [], tokenPermissions: [], permissions, forkReachable: false, outsideReachable: false },
    });
  }

  for (const i of facts.installations ?? []) {
    const entry = orgOwner(`app:${i.app_slug}`);
    out.push({
      id: `app-installation:${org}:${i.id}`,
      kind: "app-installation",
      name: i.app_slug,
      definedIn: { organization: org },
      settingsUrl: `${server}/organizations/${org}/settings/installations/${i.id}`,
      createdAt: i.created_at,
      updatedAt: i.updated_at,
      uses: [],
      ...(entry ?? NONE),
      adopters: [],
      blastRadius: {
        repositories: i.repository_selection === "all" ? facts.allRepositories.map((r) => r.fullName) : [],
        tokenPermissions: [],
        permissions: Object.fromEntries(Object.entries(i.permissions).filter((e): e is [string, NonNullable<(typeof e)[1]>] => typeof e[1] === "string")),
        forkReachable: false,
        outsideReachable: false,
      },
    });
  }
  return out;
}

/** Every identity the organisation holds, joined: each repository's, then the organisation's own. */
export function joinIdentities(c: OrgCollection): OrgIdentity[] {
  return [...c.repositories.flatMap((r) => joinRepository(r, c)), ...joinOrganisation(c, c.repositories.map((r) => digestRepository(r)))];
}

/** Lower-cased names of the repositories an organisation secret is visible to. */
export function visibleRepositories(c: Pick<OrgFacts, "allRepositories">, visibility: "all" | "private" | "selected", selected?: readonly string[]): Set<string> {
  if (visibility === "selected") return new Set((selected ?? []).map((n) => n.toLowerCase()));
  return new Set(c.allRepositories.filter((r) => visibility === "all" || r.visibility !== "public").map((r) => r.name.toLowerCase()));
}
