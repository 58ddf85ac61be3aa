/**
 * Which GitHub App permission each part of the inventory needs, checked against GitHub's
 * "Permissions required for GitHub Apps" and the OpenAPI description. All are read-only; each
 * is optional: without it the feature is skipped and the output says so. `app.yml` and the
 * README's table are tested against this list.
 */

export type Feature =
  | "repositories"
  | "repository-files"
  | "repository-secrets"
  | "environments"
  | "environment-secrets"
  | "dependabot-secrets"
  | "deploy-keys"
  | "organization-secrets"
  | "organization-dependabot-secrets"
  | "personal-access-tokens"
  | "app-installations";

export interface FeatureAccess {
  /** The permission's key in an App manifest (`default_permissions`). */
  readonly permission: string;
  readonly level: "read";
  readonly scope: "repository" | "organization";
  readonly endpoints: readonly string[];
  /** What the inventory learns from it. */
  readonly gives: string;
}

export const FEATURES: Readonly<Record<Feature, FeatureAccess>> = {
  repositories: {
    permission: "metadata",
    level: "read",
    scope: "repository",
    endpoints: ["GET /installation/repositories", "GET /orgs/{org}/repos"],
    gives: "the repositories to sweep, their visibility (for organisation secrets visible to private repositories)",
  },
  "repository-files": {
    permission: "contents",
    level: "read",
    scope: "repository",
    endpoints: ["GET /repos/{owner}/{repo}/contents/{path}", "GET /repos/{owner}/{repo}/git/blobs/{file_sha}"],
    gives: "workflows, local actions, `.github/dependabot.yml`, CODEOWNERS and `.github/keyward.yml` (where each secret is used, and by whom it is owned)",
  },
  "repository-secrets": {
    permission: "secrets",
    level: "read",
    scope: "repository",
    endpoints: ["GET /repos/{owner}/{repo}/actions/secrets", "GET /repos/{owner}/{repo}/actions/organization-secrets"],
    gives: "Actions secrets defined in each repository (name, created_at, updated_at) and the organisation secrets it can read",
  },
  environments: {
    permission: "actions",
    level: "read",
    scope: "repository",
    endpoints: ["GET /repos/{owner}/{repo}/environments"],
    gives: "each repository's environments and their protection rules (required reviewers, wait timer, branch policy)",
  },
  "environment-secrets": {
    permission: "environments",
    level: "read",
    scope: "repository",
    endpoints: ["GET /repos/{owner}/{repo}/environments/{environment_name}/secrets"],
    gives: "secrets defined per environment",
  },
  "dependabot-secrets": {
    permission: "dependabot_secrets",
    level: "read",
    scope: "repository",
    endpoints: ["GET /repos/{owner}/{repo}/dependabot/secrets"],
    gives: "Dependabot secrets defined in each repository",
  },
  "deploy-keys": {
    permission: "administration",
    level: "read",
    scope: "repository",
    endpoints: ["GET /repos/{owner}/{repo}/keys"],
    gives: "deploy keys: read-only or write, created_at, last_used, added_by",
  },
  "organization-secrets": {
    permission: "organization_secrets",
    level: "read",
    scope: "organization",
    endpoints: ["GET /orgs/{org}/actions/secrets", "GET /orgs/{org}/actions/secrets/{secret_name}/repositories"],
    gives: "organisation Actions secrets, their visibility and, for `selected`, the repositories that can read them",
  },
  "organization-dependabot-secrets": {
    permission: "organization_dependabot_secrets",
    level: "read",
    scope: "organization",
    endpoints: ["GET /orgs/{org}/dependabot/secrets", "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories"],
    gives: "organisation Dependabot secrets, their visibility and, for `selected`, the repositories that can read them",
  },
  "personal-access-tokens": {
    permission: "organization_personal_access_tokens",
    level: "read",
    scope: "organization",
    endpoints: ["GET /orgs/{org}/personal-access-tokens"],
    gives: "fine-grained personal access tokens with access to the organisation: owner, permissions, expiry, last use (only GitHub Apps may call it)",
  },
  "app-installations": {
    permission: "organization_administration",
    level: "read",
    scope: "organization",
    endpoints: ["GET /orgs/{org}/installations"],
    gives: "the GitHub Apps installed in the organisation and the permissions each holds",
  },
};
