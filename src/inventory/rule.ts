/**
 * Inventory findings: one rule per file under rules/, each a pure check over the joined
 * identities. A finding cannot be built without a rule id, a location, a severity, a confidence
 * and the remediation; it is located at the workflow line where one exists, else at the
 * settings page where the identity is managed.
 */
import { createHash } from "node:crypto";
import type { Confidence, Severity } from "../detect/types.js";
import type { WorkflowFinding } from "../workflows/finding.js";
import type { Config } from "../config.js";
import type { IdentityKind, IdentityUse, OrgIdentity } from "./join.js";
import type { CollectedRepository, OrgFacts, RepositoryDigest } from "./types.js";

export interface Policy {
  /** Rotation period for a secret no inventory entry gives one (days since GitHub's updated_at). */
  readonly rotateEveryDays: number;
  /** A deploy key unused this long is stale. */
  readonly deployKeyUnusedDays: number;
  /** A personal access token unused this long is unused. */
  readonly patUnusedDays: number;
  /** How long an accepted access review holds before the sweep asks again. */
  readonly reviewHoldsDays: number;
}

export const DEFAULT_POLICY: Policy = { rotateEveryDays: 365, deployKeyUnusedDays: 90, patUnusedDays: 90, reviewHoldsDays: 90 };

/** The policy from `inventory:` in the organisation's `.github/keyward.yml` (validated in config.ts). */
export function policyOf(c: Pick<Config["inventory"], "rotate_every" | "deploy_key_idle" | "pat_idle" | "review_holds">): Policy {
  return { rotateEveryDays: c.rotate_every, deployKeyUnusedDays: c.deploy_key_idle, patUnusedDays: c.pat_idle, reviewHoldsDays: c.review_holds };
}

/**
 * What a rule judges: the identities of one scope. A repository's own identities are judged
 * with that repository at hand (one queue job each); the organisation's — its secrets, tokens
 * and Apps — with every repository's digest, since who uses them is spread across all of them.
 */
export interface RuleContext {
  readonly identities: readonly OrgIdentity[];
  readonly now: Date;
  readonly policy: Policy;
  readonly repository?: RepositoryScope;
  readonly organisation?: OrganisationScope;
}

export interface RepositoryScope {
  readonly collected: CollectedRepository;
  /** Names of the organisation's Dependabot secrets this repository can read (undefined: not collected). */
  readonly orgDependabotVisible?: readonly string[];
}

export interface OrganisationScope {
  readonly facts: OrgFacts;
  /** One per swept repository, in the organisation's order. */
  readonly digests: readonly RepositoryDigest[];
}

export interface InventoryFinding extends WorkflowFinding {
  /** What to do about it, on its own (the message ends with it too). */
  readonly remediation: string;
  /** The repository it is about, when it is about one. */
  readonly repository?: string;
  readonly identityId?: string;
  readonly identityKind?: IdentityKind;
}

export interface InventoryRule {
  readonly id: string;
  readonly description: string;
  check(ctx: RuleContext): InventoryFinding[];
}

export type Where = { readonly use: IdentityUse } | { readonly repository: string; readonly file: string; readonly line: number } | { readonly url: string };

export interface Draft {
  readonly where: Where;
  readonly message: string;
  readonly remediation: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly identity?: OrgIdentity;
  /** Stable key when there is no identity (an undefined secret's repository, file and name). */
  readonly key?: string;
  readonly repository?: string;
}

export function build(rule: { id: string; description: string }, d: Draft): InventoryFinding {
  const at =
    "use" in d.where
      ? { path: `${d.where.use.repository}/${d.where.use.file}`, line: d.where.use.line }
      : "url" in d.where
        ? { path: d.where.url, line: 1 }
        : { path: `${d.where.repository}/${d.where.file}`, line: d.where.line };
  const key = d.identity?.id ?? d.key ?? at.path;
  const repository = d.repository ?? d.identity?.definedIn.repository ?? ("use" in d.where ? d.where.use.repository : "repository" in d.where ? d.where.repository : undefined);
  return {
    kind: "workflow",
    ruleId: rule.id,
    description: rule.description,
    message: `${d.message}: ${d.remediation}`,
    remediation: d.remediation,
    severity: d.severity,
    confidence: d.confidence,
    location: { path: at.path, line: at.line, column: 1, endLine: at.line, endColumn: 1 },
    ...(d.identity ? { identity: d.identity.name, identityId: d.identity.id, identityKind: d.identity.kind } : {}),
    ...(repository ? { repository } : {}),
    fingerprint: `github:${rule.id}:${createHash("sha256").update(key).digest("hex").slice(0, 16)}`,
  };
}

/** Where a finding about an identity points: its first workflow use, else its settings page. */
export function whereOf(identity: OrgIdentity): Where {
  const first = identity.uses.find((u) => u.file !== ".github/dependabot.yml") ?? identity.uses[0];
  return first ? { use: first } : { url: identity.settingsUrl };
}

export const LABEL: Readonly<Record<IdentityKind, string>> = {
  "repository-secret": "repository secret",
  "environment-secret": "environment secret",
  "organization-secret": "organisation secret",
  "organization-dependabot-secret": "organisation Dependabot secret",
  "dependabot-secret": "Dependabot secret",
  "deploy-key": "deploy key",
  "personal-access-token": "fine-grained personal access token",
  "app-installation": "GitHub App",
};

/** `repository secret NPM_TOKEN in acme/web`, `environment secret X in acme/web (production)`. */
export function describe(i: OrgIdentity): string {
  const where = i.definedIn.repository ? ` in ${i.definedIn.repository}${i.definedIn.environment ? ` (environment ${i.definedIn.environment})` : ""}` : ` in ${i.definedIn.organization}`;
  return `${LABEL[i.kind]} ${i.name}${where}`;
}

export const DAY_MS = 86_400_000;
export const day = (iso: string) => iso.slice(0, 10);
export const daysSince = (iso: string, now: Date) => Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
