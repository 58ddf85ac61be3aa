/**
 * Which GITHUB_TOKEN write scopes a job's steps need, from a maintained table of well-known
 * actions and commands. Each entry names where its permissions are documented (the action's
 * README or action.yml). Anything Keyward cannot read — an action not in the table, a local
 * or Docker action, a reusable workflow, `gh api`, a script handed the token — makes the
 * verdict "could not tell", never "unused": advice to remove a permission must be justified.
 */
import type { Job, Step } from "./model.js";

/** Why a step needs (or may use) a scope, for messages: "step 3 (softprops/action-gh-release)". */
export type Reasons = Map<string, string[]>;

export interface JobNeeds {
  /** Write scopes some step needs. */
  readonly needs: Reasons;
  /** Write scopes some step uses only with options or inputs Keyward does not follow. */
  readonly may: Reasons;
  /** Steps whose use of the token Keyward cannot tell at all. */
  readonly unknown: readonly string[];
}

type With = Readonly<Record<string, string>>;

interface ActionEntry {
  /** `owner/repo` or `owner/repo/path`, matched case-insensitively; `*` ends a prefix. */
  readonly uses: readonly string[];
  /** Where the permissions come from. */
  readonly source: string;
  /** Scopes it needs, given its inputs. */
  readonly needs: (w: With) => { needs?: readonly string[]; may?: readonly string[] };
}

const truthy = (v: string | undefined) => v !== undefined && /^(true|yes|1)$/i.test(v.trim());
const always =
  (needs: readonly string[], may: readonly string[] = []) =>
  () => ({ needs, may });

/**
 * The table. Keep each entry to what the action's own documentation asks for; an action that
 * only needs read access (or none) is listed with no scopes, so it counts as known.
 */
export const ACTION_PERMISSIONS: readonly ActionEntry[] = [
  // Read-only or tokenless building blocks (their READMEs ask for no write permission).
  {
    uses: ["actions/checkout", "actions/setup-*", "actions/cache", "actions/cache/*", "actions/upload-artifact", "actions/download-artifact", "actions/upload-pages-artifact", "actions/configure-pages", "actions/dependency-review-action", "docker/setup-buildx-action", "docker/setup-qemu-action", "docker/metadata-action", "ruby/setup-ruby", "pnpm/action-setup", "astral-sh/setup-uv", "dtolnay/rust-toolchain", "Swatinem/rust-cache", "hashicorp/setup-terraform", "azure/setup-*", "sigstore/cosign-installer"],
    source: "each action's README: contents: read at most",
    needs: always([]),
  },
  // github/codeql-action README: "security-events: write" to upload results (init/analyze/upload-sarif).
  { uses: ["github/codeql-action/upload-sarif", "github/codeql-action/analyze", "github/codeql-action/init", "github/codeql-action/autobuild"], source: "github/codeql-action README (Permissions)", needs: (w) => ({ needs: ["security-events"], ...(w.upload === "false" || w.upload === "never" ? { needs: [] } : {}) }) },
  // ossf/scorecard-action README (Workflow example): id-token: write is "needed to publish results" (publish_results: true).
  { uses: ["ossf/scorecard-action"], source: "ossf/scorecard-action README (publish_results)", needs: (w) => ({ needs: truthy(w.publish_results) ? ["id-token"] : [] }) },
  // actions/deploy-pages README: "pages: write" and "id-token: write".
  { uses: ["actions/deploy-pages"], source: "actions/deploy-pages README (Usage)", needs: always(["pages", "id-token"]) },
  // peaceiris/actions-gh-pages README: github_token "needs contents: write"; deploy_key / personal_token need none.
  { uses: ["peaceiris/actions-gh-pages"], source: "peaceiris/actions-gh-pages README (github_token)", needs: (w) => (w.deploy_key || w.personal_token ? {} : { needs: ["contents"] }) },
  // JamesIves/github-pages-deploy-action README: "permissions: contents: write" unless an ssh-key or token is given.
  { uses: ["JamesIves/github-pages-deploy-action"], source: "JamesIves/github-pages-deploy-action README (Getting Started)", needs: (w) => (w["ssh-key"] ? {} : { needs: ["contents"] }) },
  // Release actions: creating a release and uploading assets is contents: write (their READMEs).
  { uses: ["softprops/action-gh-release", "ncipollo/release-action", "actions/create-release", "actions/upload-release-asset", "svenstaro/upload-release-action", "goreleaser/goreleaser-action"], source: "softprops/action-gh-release, ncipollo/release-action, goreleaser-action READMEs (permissions: contents: write)", needs: always(["contents"]) },
  // googleapis/release-please-action README: contents: write, pull-requests: write (issues: write for labels).
  { uses: ["googleapis/release-please-action", "google-github-actions/release-please-action"], source: "googleapis/release-please-action README (Basic Configuration)", needs: always(["contents", "pull-requests"], ["issues"]) },
  // changesets/action README: contents: write and pull-requests: write for the version PR.
  { uses: ["changesets/action"], source: "changesets/action README (permissions)", needs: always(["contents", "pull-requests"]) },
  // release-drafter README: contents: write for the draft release, pull-requests: write for the autolabeler.
  { uses: ["release-drafter/release-drafter"], source: "release-drafter README (Usage)", needs: always(["contents"], ["pull-requests"]) },
  // Commit-and-push actions: contents: write (their READMEs).
  { uses: ["stefanzweifel/git-auto-commit-action", "EndBug/add-and-commit", "ad-m/github-push-action"], source: "stefanzweifel/git-auto-commit-action README (permissions: contents: write)", needs: always(["contents"]) },
  // peter-evans/create-pull-request README: contents: write and pull-requests: write.
  { uses: ["peter-evans/create-pull-request"], source: "peter-evans/create-pull-request README (Token)", needs: always(["contents", "pull-requests"]) },
  { uses: ["peter-evans/enable-pull-request-automerge"], source: "peter-evans/enable-pull-request-automerge README", needs: always(["pull-requests", "contents"]) },
  // Comment actions: pull-requests: write for a pull request, issues: write for an issue.
  { uses: ["peter-evans/create-or-update-comment", "marocchino/sticky-pull-request-comment", "thollander/actions-comment-pull-request", "actions/first-interaction"], source: "their READMEs (pull-requests: write / issues: write)", needs: always([], ["pull-requests", "issues"]) },
  // actions/labeler README: contents: read, pull-requests: write (issues: write to create missing labels).
  { uses: ["actions/labeler"], source: "actions/labeler README (Permissions)", needs: always(["pull-requests"], ["issues"]) },
  { uses: ["amannn/action-semantic-pull-request"], source: "amannn/action-semantic-pull-request README", needs: always([], ["pull-requests", "statuses"]) },
  { uses: ["dependabot/fetch-metadata"], source: "dependabot/fetch-metadata README (pull-requests: read)", needs: always([]) },
  // actions/stale README: issues: write, pull-requests: write (actions: write to keep its state cache).
  { uses: ["actions/stale"], source: "actions/stale README (Recommended permissions)", needs: always(["issues", "pull-requests"], ["actions"]) },
  // docker/login-action README (GitHub Container Registry): packages: write to push to ghcr.io with GITHUB_TOKEN.
  { uses: ["docker/login-action"], source: "docker/login-action README (GitHub Container Registry)", needs: (w) => (/ghcr\.io/i.test(w.registry ?? "") ? { may: ["packages"] } : {}) },
  // docker/build-push-action: pushing to ghcr.io is packages: write (docs.docker.com "Push to multi-registries").
  { uses: ["docker/build-push-action"], source: "docker/build-push-action README / GitHub Packages docs", needs: (w) => (truthy(w.push) && (/ghcr\.io/i.test(w.tags ?? "") || /\$\{\{/.test(w.tags ?? "")) ? { may: ["packages"] } : {}) },
  // actions/attest-build-provenance and attest-sbom READMEs: id-token: write, attestations: write (contents: read).
  { uses: ["actions/attest-build-provenance", "actions/attest-sbom", "actions/attest"], source: "actions/attest-build-provenance README (Usage)", needs: always(["id-token", "attestations"]) },
  // OIDC logins: id-token: write when federating (role / workload identity / client id), none with stored keys.
  { uses: ["aws-actions/configure-aws-credentials"], source: "aws-actions/configure-aws-credentials README (OIDC)", needs: (w) => (w["role-to-assume"] && !w["aws-access-key-id"] ? { needs: ["id-token"] } : {}) },
  { uses: ["google-github-actions/auth"], source: "google-github-actions/auth README (Workload Identity Federation)", needs: (w) => (w.workload_identity_provider ? { needs: ["id-token"] } : {}) },
  { uses: ["azure/login"], source: "azure/login README (OIDC)", needs: (w) => (w["client-id"] && !w.creds ? { needs: ["id-token"] } : {}) },
  { uses: ["hashicorp/vault-action"], source: "hashicorp/vault-action README (JWT with GitHub OIDC)", needs: (w) => (/jwt/i.test(w.method ?? "") ? { needs: ["id-token"] } : {}) },
  // pypa/gh-action-pypi-publish README: trusted publishing needs id-token: write (not with a password).
  { uses: ["pypa/gh-action-pypi-publish"], source: "pypa/gh-action-pypi-publish README (Trusted publishing)", needs: (w) => (w.password ? {} : { needs: ["id-token"] }) },
  { uses: ["codecov/codecov-action"], source: "codecov/codecov-action README (use_oidc)", needs: (w) => (truthy(w.use_oidc) ? { needs: ["id-token"] } : {}) },
  // Test reporters publish a check run.
  { uses: ["dorny/test-reporter", "mikepenz/action-junit-report"], source: "dorny/test-reporter README (checks: write)", needs: always(["checks"]) },
  { uses: ["EnricoMi/publish-unit-test-result-action", "EnricoMi/publish-unit-test-result-action/*"], source: "EnricoMi/publish-unit-test-result-action README (Permissions)", needs: always(["checks"], ["pull-requests", "issues"]) },
  // Keyward's own action (action.yml): its check run, remediation issues in mode app.
  { uses: ["keyward/keyward"], source: "this repository's action.yml and README", needs: always(["checks"], ["issues"]) },
];

/** Commands in `run:` scripts, and the scopes they need from the token. */
const RUN_COMMANDS: ReadonlyArray<{ readonly re: RegExp; readonly needs?: readonly string[]; readonly may?: readonly string[]; readonly what: string }> = [
  { re: /\bgit\s+push\b/, needs: ["contents"], what: "git push" },
  { re: /\bmkdocs\s+gh-deploy\b/, needs: ["contents"], what: "mkdocs gh-deploy (pushes gh-pages)" },
  { re: /\bgh\s+release\s+(create|upload|edit|delete)\b/, needs: ["contents"], what: "gh release" },
  { re: /\bgh\s+pr\s+(create|merge|edit|comment|review|close|reopen|ready)\b/, needs: ["pull-requests"], may: ["contents"], what: "gh pr" },
  { re: /\bgh\s+(issue\s+(create|edit|comment|close|reopen|delete|transfer|lock|unlock|pin|unpin)|label\s+(create|edit|delete|clone))\b/, needs: ["issues"], what: "gh issue / gh label" },
  { re: /\bgh\s+(workflow\s+(run|enable|disable)|run\s+(rerun|cancel|delete))\b/, needs: ["actions"], what: "gh workflow / gh run" },
  { re: /\bgh\s+cache\s+delete\b/, needs: ["actions"], what: "gh cache delete" },
  { re: /\bsemantic-release\b/, needs: ["contents"], may: ["issues", "pull-requests"], what: "semantic-release" },
  { re: /\blerna\s+(version|publish)\b|\bgoreleaser\b|\bchangeset\s+publish\b/, needs: ["contents"], what: "a release tool" },
  { re: /\bdocker\s+push\b[^\n]*ghcr\.io|ghcr\.io[^\n]*\bdocker\s+push\b|\bdocker\s+login\b[^\n]*ghcr\.io/, needs: ["packages"], what: "docker push to ghcr.io" },
  { re: /npm\.pkg\.github\.com|maven\.pkg\.github\.com|nuget\.pkg\.github\.com/, needs: ["packages"], what: "GitHub Packages" },
  { re: /\bnpm\s+publish\b|\bgradle\w*\s+publish|\bmvn\b[^\n]*\bdeploy\b/, may: ["packages", "id-token"], what: "a package publish" },
  { re: /ACTIONS_ID_TOKEN_REQUEST|--provenance\b|\bcosign\s+(sign|attest)\b(?![^\n]*--key)/, needs: ["id-token"], what: "an OIDC token request" },
];

/** Commands whose use of the token Keyward cannot follow. */
const OPAQUE_RUN = /\bgh\s+api\b|\bcurl\b[^\n]*api\.github\.com|\bgh\s+(secret|variable|extension|repo)\b|\boctokit\b/i;
/** A run step that executes code Keyward does not read: a script file, a task runner. */
const RUNS_A_SCRIPT = /(^|[\s;&|(])(\.{0,2}\/[\w./-]+|(ba|z)?sh\s+\S+\.sh|(python3?|node|ruby|perl|pwsh|deno|bun|tsx|npx|pnpx|bunx)\s+\S|(npm|pnpm|yarn)\s+(run\s+)?[\w:-]+|make\b|just\b|task\b|rake\b|gradlew?\b|mvnw?\b|cargo\s+(run|xtask)\b|go\s+run\b)/m;
const TOKEN_EXPR = /\$\{\{\s*(github\.token|secrets\.GITHUB_TOKEN)\s*\}\}/i;

function actionName(step: Step): string | undefined {
  const u = step.uses;
  if (!u || u.kind !== "repo") return undefined;
  return `${u.owner}/${u.repo}${u.subpath ? `/${u.subpath}` : ""}`;
}

export function findAction(name: string): ActionEntry | undefined {
  const lower = name.toLowerCase();
  return ACTION_PERMISSIONS.find((e) => e.uses.some((u) => (u.endsWith("*") ? lower.startsWith(u.slice(0, -1).toLowerCase()) : lower === u.toLowerCase())));
}

/** An action handed a token other than GITHUB_TOKEN (a PAT, an App token) does not use the job's. */
function ownToken(w: With): boolean {
  return ["token", "github-token", "github_token", "repo-token", "repo_token", "GITHUB_TOKEN"].some((k) => w[k] !== undefined && !TOKEN_EXPR.test(w[k]!));
}

export function jobNeeds(job: Job): JobNeeds {
  const needs: Reasons = new Map();
  const may: Reasons = new Map();
  const unknown: string[] = [];
  const add = (into: Reasons, scopes: readonly string[] | undefined, why: string) => {
    for (const s of scopes ?? []) into.set(s, [...(into.get(s) ?? []), why]);
  };
  if (job.uses) unknown.push(`it calls the reusable workflow ${job.uses.raw}, whose needs are not visible here`);
  // actions/checkout persists the token in .git/config unless told not to: later git commands can push with it.
  let persisted = false;
  const tokenInEnv = Object.values(job.env).some((v) => TOKEN_EXPR.test(v));
  for (const step of job.steps) {
    const label = `step ${step.index + 1}${step.name ? ` (${step.name})` : ""}`;
    if (step.uses) {
      const name = actionName(step);
      if (!name) {
        unknown.push(`${label} runs ${step.uses.raw}, which Keyward does not read`);
        continue;
      }
      if (/^actions\/checkout$/i.test(name) && step.with["persist-credentials"] !== "false" && !ownToken(step.with)) persisted = true;
      if (/^actions\/github-script$/i.test(name)) {
        unknown.push(`${label} runs a github-script, which can call any API`);
        continue;
      }
      const entry = findAction(name);
      if (!entry) {
        unknown.push(`${label} uses ${name}, which is not in Keyward's table of actions' permissions`);
        continue;
      }
      const verdict = entry.needs(step.with);
      const why = `${label}: ${name}`;
      if (ownToken(step.with)) add(may, [...(verdict.needs ?? []), ...(verdict.may ?? [])], `${why} (given its own token)`);
      else {
        add(needs, verdict.needs, why);
        add(may, verdict.may, why);
      }
      continue;
    }
    if (!step.run) continue;
    const script = step.run;
    const hasToken = tokenInEnv || TOKEN_EXPR.test(script) || Object.values(step.env).some((v) => TOKEN_EXPR.test(v));
    for (const c of RUN_COMMANDS) {
      if (!c.re.test(script)) continue;
      const why = `${label}: ${c.what}`;
      // A push works only with credentials: the persisted checkout token or one handed over here.
      if (c.what === "git push" && !persisted && !hasToken) add(may, c.needs, `${why}, with credentials Keyward cannot see`);
      else {
        add(needs, c.needs, why);
        add(may, c.may, why);
      }
    }
    if (OPAQUE_RUN.test(script) && hasToken) unknown.push(`${label} calls the GitHub API directly`);
    else if (RUNS_A_SCRIPT.test(script) && hasToken) unknown.push(`${label} hands the token to a script Keyward cannot read`);
    else if (RUNS_A_SCRIPT.test(script) && persisted) add(may, ["contents"], `${label}: a script Keyward cannot read, with the checkout's persisted token`);
  }
  return { needs, may, unknown };
}

export interface ScopeVerdict {
  readonly scope: string;
  /** `needed`: a step in the table needs it; `could-not-tell`: a step Keyward cannot read might; `unused`: no step needs it. */
  readonly verdict: "needed" | "could-not-tell" | "unused";
  readonly why: string;
}

/** For each write scope the job's token has: who needs it, or why Keyward could not tell. */
export function writeVerdicts(job: Job, writeScopes: readonly string[]): ScopeVerdict[] {
  const n = jobNeeds(job);
  return writeScopes.map((scope) => {
    const needed = n.needs.get(scope);
    if (needed) return { scope, verdict: "needed", why: needed.join("; ") };
    const may = n.may.get(scope) ?? [];
    if (may.length > 0 || n.unknown.length > 0) return { scope, verdict: "could-not-tell", why: `Keyward could not tell: ${[...may, ...n.unknown].join("; ")}` };
    return { scope, verdict: "unused", why: "no step needs it" };
  });
}
