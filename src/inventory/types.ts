/**
 * What GitHub holds about an organisation's non-human identities, as collected: names and
 * metadata only (GitHub's secret APIs never return a value, and nothing here could hold one).
 * Field names and types are GitHub's own, picked from its OpenAPI description.
 */
import type { components } from "@octokit/openapi-types";
import type { Identity } from "../ownership/inventory.js";
import type { Owner } from "../ownership/types.js";
import type { AuditResult } from "../workflows/run.js";
import type { IdentityUse, OrgIdentity } from "./join.js";
import type { Feature } from "./permissions.js";
import type { Policy } from "./rule.js";

type Schemas = components["schemas"];

export type SecretMeta = Pick<Schemas["actions-secret"], "name" | "created_at" | "updated_at">;
export type OrgSecretMeta = Pick<Schemas["organization-actions-secret"], "name" | "created_at" | "updated_at" | "visibility">;
export type OrgDependabotSecretMeta = Pick<Schemas["organization-dependabot-secret"], "name" | "created_at" | "updated_at" | "visibility">;
export type DeployKeyMeta = Pick<Schemas["deploy-key"], "id" | "title" | "read_only" | "created_at" | "last_used" | "added_by">;
export type ProtectionRule = Schemas["environment"]["protection_rules"] extends ReadonlyArray<infer R> | undefined ? R : never;
export type BranchPolicy = Schemas["deployment-branch-policy-settings"];
export type PatGrantMeta = Pick<
  Schemas["organization-programmatic-access-grant"],
  "id" | "repository_selection" | "permissions" | "access_granted_at" | "token_id" | "token_name" | "token_expired" | "token_expires_at" | "token_last_used_at"
> & { readonly owner: { readonly login: string } };
export type InstallationMeta = Pick<Schemas["installation"], "id" | "app_id" | "app_slug" | "repository_selection" | "permissions" | "events" | "created_at" | "updated_at" | "suspended_at">;

export interface EnvironmentMeta {
  readonly name: string;
  readonly protectionRules: readonly ProtectionRule[];
  readonly branchPolicy: BranchPolicy | null;
  /** False when the environments API was not accessible: the name comes from a workflow, the protection is unknown. */
  readonly protectionKnown: boolean;
  /** Undefined when the environment secrets could not be listed. */
  readonly secrets?: readonly SecretMeta[];
}

export interface RepositoryMeta {
  readonly name: string;
  readonly fullName: string;
  readonly visibility: "public" | "private" | "internal";
  readonly archived: boolean;
  readonly defaultBranch: string;
  readonly htmlUrl: string;
}

/** One repository as collected; a list is undefined when its feature was skipped. */
export interface CollectedRepository {
  readonly repo: RepositoryMeta;
  readonly secrets?: readonly SecretMeta[];
  /** Names of the organisation secrets this repository can read. */
  readonly orgSecretsVisible?: readonly string[];
  readonly dependabotSecrets?: readonly SecretMeta[];
  readonly deployKeys?: readonly DeployKeyMeta[];
  /** From the environments API; without it, the environments the workflows name, unprotected status unknown. */
  readonly environments?: readonly EnvironmentMeta[];
  /** The workflow audit of the default branch: uses, jobs, triggers, the inventory file, CODEOWNERS. */
  readonly audit: AuditResult;
  /** Secret names `.github/dependabot.yml` refers to (registries). */
  readonly dependabotReferences: readonly string[];
}

export interface CollectedOrgSecret extends OrgSecretMeta {
  /** For `visibility: selected`: the repositories that can read it (undefined if not listed). */
  readonly selectedRepositories?: readonly string[];
}

/** A feature that could not be collected, and why (GitHub's own message). */
export interface Skipped {
  readonly feature: Feature;
  readonly permission: string;
  readonly where: string;
  readonly status: number;
  readonly message: string;
}

/** An inventory entry as the join needs it: who owns a name, and its rotation period. JSON-safe. */
export type OwnerEntry = Pick<Identity, "secret" | "owners" | "rotateEveryDays" | "line">;

/** A problem in the organisation's `.github/keyward.yml`, located. */
export interface PolicyError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * What the organisation holds beyond its repositories, collected once per sweep, with the
 * organisation-wide settings. JSON-safe: in queue mode it is a job's data.
 */
export interface OrgFacts {
  readonly org: string;
  /** `https://github.com` or a GitHub Enterprise Server's web address, for settings links. */
  readonly serverUrl: string;
  /** Every repository of the organisation, swept or not (for organisation secret visibility). */
  readonly allRepositories: readonly RepositoryMeta[];
  /** Set when only some repositories are swept (`--repo`): organisation-wide judgements are withheld. */
  readonly only?: readonly string[];
  readonly partial: boolean;
  /** The inventory of the organisation's `.github` repository: owners of organisation-level identities, and the fallback for every repository. */
  readonly orgInventory: { readonly repository: string; readonly entries: readonly OwnerEntry[] };
  readonly policy: Policy;
  /** Reviewers of unowned identities (`inventory.governance`). */
  readonly governance: readonly string[];
  /** Why the policy is the default one, when the file was invalid. */
  readonly policyErrors: readonly PolicyError[];
  readonly orgSecrets?: readonly CollectedOrgSecret[];
  readonly orgDependabotSecrets?: readonly CollectedOrgSecret[];
  readonly patGrants?: readonly PatGrantMeta[];
  readonly installations?: readonly InstallationMeta[];
  readonly skipped: readonly Skipped[];
}

/** What one repository's collection needs from the organisation's: small and JSON-safe (a queue job's data). */
export interface RepositoryInput {
  readonly org: string;
  readonly serverUrl: string;
  readonly repo: RepositoryMeta;
  readonly orgInventory: OrgFacts["orgInventory"];
  readonly policy: Policy;
  readonly governance: readonly string[];
  /** Names of the organisation Dependabot secrets this repository can read (undefined: not collected). */
  readonly orgDependabotVisible?: readonly string[];
}

/** How a repository's workflows use one secret name: what the organisation-level join needs. */
export interface SecretUseDigest {
  readonly name: string;
  readonly uses: readonly IdentityUse[];
  readonly adopters: readonly Owner[];
  readonly tokenPermissions: OrgIdentity["blastRadius"]["tokenPermissions"];
  readonly forkReachable: boolean;
  readonly outsideReachable: boolean;
}

/**
 * One swept repository, reduced to what the organisation-level judgement needs from it (who
 * uses which name, who owns it there). JSON-safe: in queue mode a repository job returns it.
 */
export interface RepositoryDigest {
  readonly repository: string;
  readonly name: string;
  /** A workflow hands over every secret (`secrets: inherit`, `toJSON(secrets)`). */
  readonly handsOverAll: boolean;
  readonly secrets: readonly SecretUseDigest[];
  /** Its own inventory entries (owners of an organisation secret it uses, when the organisation names none). */
  readonly entries: readonly OwnerEntry[];
  /** Secret names `.github/dependabot.yml` refers to. */
  readonly dependabotReferences: readonly string[];
  readonly skipped: readonly Skipped[];
}

/** A whole sweep in one process (the CLI, the App without a queue). */
export interface OrgCollection extends OrgFacts {
  readonly repositories: readonly CollectedRepository[];
}
