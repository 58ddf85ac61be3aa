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
import { matchIdentity, type Identity } from "../ownership/inventory.js";
import type { Owner } from "../ownership/types.js";
import { identitiesOf, type SecretUse } from "../workflows/identities.js";
import { describePermissions, effectivePermissions } from "../workflows/permissions.js";
import { reachOf } from "../workflows/triggers.js";
import type { CollectedRepository, OrgCollection, SecretMeta } from "./types.js";

export type IdentityKind = "repository-secret" | "environment-secret" | "organization-secret" | "dependabot-secret" | "deploy-key" | "personal-access-token" | "app-installation";

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

function fromInventory(identity: Identity | undefined, where: string): OwnerAnswer | undefined {
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

/** Every identity the organisation holds, joined. */
export function joinIdentities(c: OrgCollection): OrgIdentity[] {
  const server = c.serverUrl.replace(/\/+$/, "");
  const orgRepo = c.repositories.find((r) => r.repo.name === ".github");
  const orgInventory = orgRepo?.audit.identities ?? [];
  const orgOwner = (name: string) => fromInventory(matchIdentity(orgInventory, name), orgRepo?.repo.fullName ?? `${c.org}/.github`);
  const repoOwner = (r: CollectedRepository, name: string) => fromInventory(matchIdentity(r.audit.identities, name), r.repo.fullName) ?? orgOwner(name);
  const out: OrgIdentity[] = [];
  const base = (r: CollectedRepository) => ({ repository: r.repo.fullName, organization: c.org });

  // A secret defined in a repository (or one of its environments): the same join for each kind.
  const repoSecret = (r: CollectedRepository, kind: IdentityKind, s: SecretMeta, settings: string, uses: IdentityUse[], extra: Partial<OrgIdentity> = {}): OrgIdentity => ({
    id: `${kind}:${r.repo.fullName}:${extra.definedIn?.environment ? `${extra.definedIn.environment}:` : ""}${s.name}`,
    kind,
    name: s.name,
    definedIn: base(r),
    settingsUrl: `${server}/${r.repo.fullName}/settings/${settings}`,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    uses,
    ...(repoOwner(r, s.name) ?? NONE),
    adopters: adoptersOf(c.repositories, uses),
    blastRadius: blastOf(c.repositories, uses),
    ...extra,
  });

  for (const r of c.repositories) {
    const repoUrl = `${server}/${r.repo.fullName}`;
    for (const s of r.secrets ?? []) out.push(repoSecret(r, "repository-secret", s, "secrets/actions", usesIn(r, s.name)));
    for (const env of r.environments ?? []) {
      const protection = {
        known: env.protectionKnown,
        requiredReviewers: env.protectionRules.some((p) => p.type === "required_reviewers" && (!("reviewers" in p) || (p.reviewers?.length ?? 0) > 0)),
        branchPolicy: env.branchPolicy !== null && (env.branchPolicy.protected_branches || env.branchPolicy.custom_branch_policies),
        waitTimer: env.protectionRules.some((p) => p.type === "wait_timer"),
      };
      for (const s of env.secrets ?? []) out.push(repoSecret(r, "environment-secret", s, "environments", usesIn(r, s.name, env.name), { definedIn: { ...base(r), environment: env.name }, protection }));
    }
    for (const s of r.dependabotSecrets ?? []) {
      // Dependabot secrets reach dependabot.yml's registries and the workflows Dependabot triggers.
      const uses = usesIn(r, s.name);
      const registry = r.dependabotReferences.includes(s.name) ? [{ repository: r.repo.fullName, file: ".github/dependabot.yml", line: 1, triggers: [] }] : [];
      out.push(repoSecret(r, "dependabot-secret", s, "secrets/dependabot", uses, { uses: [...registry, ...uses] }));
    }
    for (const k of r.deployKeys ?? []) {
      const entry = repoOwner(r, `deploy-key:${k.title}`);
      out.push({
        id: `deploy-key:${r.repo.fullName}:${k.id}`,
        kind: "deploy-key",
        name: k.title,
        definedIn: base(r),
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
  }

  for (const s of c.orgSecrets ?? []) {
    const visible = visibleRepositories(c, s.visibility, s.selectedRepositories);
    const readers = c.repositories.filter((r) => visible.has(r.repo.name.toLowerCase()));
    const uses = readers.flatMap((r) => usesIn(r, s.name));
    const owner = orgOwner(s.name) ?? readers.map((r) => fromInventory(matchIdentity(r.audit.identities, s.name), r.repo.fullName)).find((o) => o !== undefined);
    out.push({
      id: `organization-secret:${c.org}:${s.name}`,
      kind: "organization-secret",
      name: s.name,
      definedIn: { organization: c.org },
      settingsUrl: `${server}/organizations/${c.org}/settings/secrets/actions`,
      createdAt: s.created_at,
      updatedAt: s.updated_at,
      uses,
      ...(owner ?? NONE),
      adopters: adoptersOf(c.repositories, uses),
      blastRadius: { ...blastOf(c.repositories, uses), repositories: c.allRepositories.filter((r) => visible.has(r.name.toLowerCase())).map((r) => r.fullName) },
      visibility: s.visibility,
    });
  }

  for (const g of c.patGrants ?? []) {
    const entry = orgOwner(`pat:${g.token_name}`);
    const permissions = Object.fromEntries(Object.entries(g.permissions).flatMap(([group, map]) => Object.entries(map ?? {}).map(([k, v]) => [`${group}:${k}`, v])));
    out.push({
      id: `personal-access-token:${c.org}:${g.token_id}`,
      kind: "personal-access-token",
      name: g.token_name,
      definedIn: { organization: c.org },
      settingsUrl: `${server}/organizations/${c.org}/settings/personal-access-tokens/active`,
      createdAt: g.access_granted_at,
      lastUsed: g.token_last_used_at,
      expiresAt: g.token_expires_at,
      uses: [],
      // The token's owner is a fact GitHub records; an inventory entry may name a team as well.
      ...(entry ?? { owners: [{ kind: "user", login: g.owner.login, source: "github" } as const], ownerSource: "github" as const }),
      adopters: [],
      blastRadius: { repositories: g.repository_selection === "all" ? c.allRepositories.map((r) => r.fullName) : [], tokenPermissions: [], permissions, forkReachable: false, outsideReachable: false },
    });
  }

  for (const i of c.installations ?? []) {
    const entry = orgOwner(`app:${i.app_slug}`);
    out.push({
      id: `app-installation:${c.org}:${i.id}`,
      kind: "app-installation",
      name: i.app_slug,
      definedIn: { organization: c.org },
      settingsUrl: `${server}/organizations/${c.org}/settings/installations/${i.id}`,
      createdAt: i.created_at,
      updatedAt: i.updated_at,
      uses: [],
      ...(entry ?? NONE),
      adopters: [],
      blastRadius: {
        repositories: i.repository_selection === "all" ? c.allRepositories.map((r) => r.fullName) : [],
        tokenPermissions: [],
        permissions: Object.fromEntries(Object.entries(i.permissions).filter((e): e is [string, NonNullable<(typeof e)[1]>] => typeof e[1] === "string")),
        forkReachable: false,
        outsideReachable: false,
      },
    });
  }
  return out;
}

/** Lower-cased names of the repositories an organisation secret is visible to. */
export function visibleRepositories(c: OrgCollection, visibility: "all" | "private" | "selected", selected?: readonly string[]): Set<string> {
  if (visibility === "selected") return new Set((selected ?? []).map((n) => n.toLowerCase()));
  return new Set(c.allRepositories.filter((r) => visibility === "all" || r.visibility !== "public").map((r) => r.name.toLowerCase()));
}
