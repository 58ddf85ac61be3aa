/**
 * Two organisations for the stand-in, judged as of 2026-12-01: one planted with each inventory
 * finding (each line that plants one says which), one where everything is defined, owned,
 * fresh, protected and scoped, so nothing is reported. Secrets have names and dates only.
 */
import type { FakeOrg } from "../helpers/github-org.js";

export const TODAY = "2026-12-01";

const deployWorkflow = (extra: string[] = []) =>
  [
    "name: deploy",
    "on:",
    "  push:",
    "    branches: [main]",
    "permissions:",
    "  contents: read",
    "jobs:",
    "  deploy:",
    "    runs-on: ubuntu-latest",
    "    environment: production",
    "    steps:",
    "      - run: ./deploy.sh",
    "        env:",
    "          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}",
    "          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}",
    "          SHARED_TOKEN: ${{ secrets.SHARED_TOKEN }}",
    ...extra,
    "",
  ].join("\n");

const CI = ["name: ci", "on: pull_request", "permissions: {}", "jobs:", "  test:", "    runs-on: ubuntu-latest", "    steps:", "      - run: npm test", ""].join("\n");

export function plantedOrg(): FakeOrg {
  return {
    login: "acme-planted",
    repos: [
      {
        name: "web",
        files: {
          ".github/workflows/deploy.yml": deployWorkflow(["          SENTRY_DSN: ${{ secrets.SENTRY_DSN }}"]), // NOT OK: undefined-secret (line 17)
          ".github/CODEOWNERS": "* @acme-planted/web-team\n",
          ".github/dependabot.yml": "version: 2\nregistries:\n  npm:\n    type: npm-registry\n    url: https://registry.npmjs.org\n    token: ${{ secrets.NPM_REGISTRY_TOKEN }}\n  maven:\n    type: maven-repository\n    url: https://maven.example\n    password: ${{ secrets.ORG_REGISTRY_TOKEN }}\nupdates: []\n",
          ".github/keyward.yml": [
            "identities:",
            "  - secret: NPM_TOKEN",
            "    owners: ['@acme-planted/release']",
            "    rotate_every: 90d",
            "  - secret: DEPLOY_TOKEN",
            "    owners: ['@alice']",
            "  - secret: NPM_REGISTRY_TOKEN",
            "    owners: ['@alice']",
            "",
          ].join("\n"),
        },
        secrets: [
          { name: "NPM_TOKEN", created_at: "2024-05-01T10:00:00Z", updated_at: "2026-06-01T10:00:00Z" }, // NOT OK: rotation-overdue (90d)
          { name: "LEGACY_KEY", created_at: "2026-10-01T10:00:00Z", updated_at: "2026-10-01T10:00:00Z" }, // NOT OK: orphaned-secret, unowned-identity
        ],
        dependabotSecrets: [{ name: "NPM_REGISTRY_TOKEN", created_at: "2026-09-01T00:00:00Z", updated_at: "2026-09-01T00:00:00Z" }],
        environments: [{ name: "production", secrets: [{ name: "DEPLOY_TOKEN", created_at: "2026-11-01T00:00:00Z", updated_at: "2026-11-01T00:00:00Z" }] }], // NOT OK: unprotected-environment-secret
        deployKeys: [{ id: 71, title: "old-ci", read_only: true, created_at: "2026-01-10T00:00:00Z", last_used: "2026-03-01T00:00:00Z", added_by: "alice" }], // NOT OK: stale-deploy-key
      },
      { name: "api", files: { ".github/workflows/ci.yml": CI } },
      { name: "docs", visibility: "public", files: { "README.md": "docs\n" } },
      {
        name: ".github",
        files: { ".github/keyward.yml": ["identities:", "  - secret: SHARED_TOKEN", "    owners: ['@acme-planted/platform']", "  - secret: ORG_REGISTRY_TOKEN", "    owners: ['@acme-planted/platform']", ""].join("\n") },
      },
    ],
    dependabotSecrets: [
      { name: "ORG_REGISTRY_TOKEN", created_at: "2026-10-01T00:00:00Z", updated_at: "2026-10-01T00:00:00Z", visibility: "selected", selected: ["web"] }, // OK: web's dependabot.yml uses it, owned
      { name: "ORG_DEPENDABOT_OLD", created_at: "2025-01-01T00:00:00Z", updated_at: "2025-01-01T00:00:00Z", visibility: "private" }, // NOT OK: orphaned-secret, rotation-overdue (699 days), unowned-identity
    ],
    secrets: [
      { name: "SHARED_TOKEN", created_at: "2026-10-01T00:00:00Z", updated_at: "2026-10-01T00:00:00Z", visibility: "all" }, // NOT OK: overshared-org-secret (4 can read, 1 uses)
      { name: "ORG_UNUSED", created_at: "2026-10-01T00:00:00Z", updated_at: "2026-10-01T00:00:00Z", visibility: "selected", selected: ["api"] }, // NOT OK: orphaned-secret
    ],
    pats: [
      { id: 1, owner: "bob", token_id: 901, token_name: "forever", granted_at: "2026-02-01T00:00:00Z", expires_at: null, last_used_at: "2026-11-30T00:00:00Z" }, // NOT OK: pat-without-expiry
      { id: 2, owner: "carol", token_id: 902, token_name: "idle", granted_at: "2026-01-01T00:00:00Z", expires_at: "2027-06-01T00:00:00Z", last_used_at: "2026-02-01T00:00:00Z" }, // NOT OK: pat-unused
    ],
    installations: [{ id: 31, app_id: 3100, app_slug: "renovate", permissions: { contents: "write", pull_requests: "write", metadata: "read" }, created_at: "2026-03-01T00:00:00Z", updated_at: "2026-03-01T00:00:00Z" }], // NOT OK: unowned-identity
  };
}

export function cleanOrg(): FakeOrg {
  return {
    login: "acme-clean",
    repos: [
      {
        name: "web",
        files: {
          ".github/workflows/deploy.yml": deployWorkflow(),
          ".github/CODEOWNERS": "* @acme-clean/web-team\n",
          ".github/dependabot.yml": "version: 2\nregistries:\n  maven:\n    type: maven-repository\n    url: https://maven.example\n    password: ${{ secrets.ORG_REGISTRY_TOKEN }}\nupdates: []\n",
          ".github/keyward.yml": ["identities:", "  - secret: NPM_TOKEN", "    owners: ['@acme-clean/release']", "    rotate_every: 90d", "  - secret: DEPLOY_TOKEN", "    owners: ['@alice']", "  - secret: deploy-key:release-bot", "    owners: ['@acme-clean/release']", ""].join("\n"),
        },
        secrets: [{ name: "NPM_TOKEN", created_at: "2024-05-01T10:00:00Z", updated_at: "2026-11-15T10:00:00Z" }], // OK: rotated 16 days ago
        environments: [{ name: "production", reviewers: ["alice"], branchPolicy: "protected", secrets: [{ name: "DEPLOY_TOKEN", created_at: "2026-11-01T00:00:00Z", updated_at: "2026-11-01T00:00:00Z" }] }],
        deployKeys: [{ id: 72, title: "release-bot", read_only: true, created_at: "2026-06-01T00:00:00Z", last_used: "2026-11-29T00:00:00Z", added_by: "alice" }],
      },
      { name: "api", files: { ".github/workflows/ci.yml": CI } },
      {
        name: ".github",
        files: { ".github/keyward.yml": ["identities:", "  - secret: SHARED_TOKEN", "    owners: ['@acme-clean/platform']", "  - secret: app:renovate", "    owners: ['@acme-clean/platform']", "  - secret: ORG_REGISTRY_TOKEN", "    owners: ['@acme-clean/platform']", ""].join("\n") },
      },
    ],
    dependabotSecrets: [{ name: "ORG_REGISTRY_TOKEN", created_at: "2026-10-01T00:00:00Z", updated_at: "2026-10-01T00:00:00Z", visibility: "selected", selected: ["web"] }],
    secrets: [{ name: "SHARED_TOKEN", created_at: "2026-10-01T00:00:00Z", updated_at: "2026-10-01T00:00:00Z", visibility: "selected", selected: ["web"] }],
    pats: [{ id: 1, owner: "bob", token_id: 903, token_name: "release", granted_at: "2026-09-01T00:00:00Z", expires_at: "2027-03-01T00:00:00Z", last_used_at: "2026-11-28T00:00:00Z" }],
    installations: [{ id: 31, app_id: 3100, app_slug: "renovate", permissions: { contents: "write", pull_requests: "write", metadata: "read" }, created_at: "2026-03-01T00:00:00Z", updated_at: "2026-03-01T00:00:00Z" }],
  };
}
