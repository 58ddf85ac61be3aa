/**
 * What GitHub holds about an organisation's non-human identities, as collected: names and
 * metadata only (GitHub's secret APIs never return a value, and nothing here could hold one).
 * Field names and types are GitHub's own, picked from its OpenAPI description.
 */
import type { components } from "@octokit/openapi-types";
import type { AuditResult } from "../workflows/run.js";
import type { Feature } from "./permissions.js";

type Schemas = components["schemas"];

export type SecretMeta = Pick<Schemas["actions-secret"], "name" | "created_at" | "updated_at">;
export type OrgSecretMeta = Pick<Schemas["organization-actions-secret"], "name" | "created_at" | "updated_at" | "visibility">;
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

export interface OrgCollection {
  readonly org: string;
  /** `https://github.com` or a GitHub Enterprise Server's web address, for settings links. */
  readonly serverUrl: string;
  readonly repositories: readonly CollectedRepository[];
  /** Every repository of the organisation, swept or not (for organisation secret visibility). */
  readonly allRepositories: readonly RepositoryMeta[];
  /** True when only some repositories were swept (`--repo`): organisation-wide judgements are withheld. */
  readonly partial: boolean;
  readonly orgSecrets?: readonly CollectedOrgSecret[];
  readonly patGrants?: readonly PatGrantMeta[];
  readonly installations?: readonly InstallationMeta[];
  readonly skipped: readonly Skipped[];
}
