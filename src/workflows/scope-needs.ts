/**
 * Which GITHUB_TOKEN write scopes a job's steps show signs of needing, from the actions they
 * use and the commands they run. "*" means a step could need anything (github-script, gh api,
 * a local action or a reusable workflow): nothing is then reported as unused.
 */
import type { Job } from "./model.js";

const ACTION_SCOPES: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^actions\/github-script$|^\.\/|^docker:/i, ["*"]],
  [/^(softprops\/action-gh-release|ncipollo\/release-action|actions\/create-release|svenstaro\/upload-release-action|goreleaser\/goreleaser-action|googleapis\/release-please-action|google-github-actions\/release-please-action|changesets\/action)$/i, ["contents", "pull-requests"]],
  [/^(stefanzweifel\/git-auto-commit-action|EndBug\/add-and-commit|JamesIves\/github-pages-deploy-action|peaceiris\/actions-gh-pages|ad-m\/github-push-action)$/i, ["contents"]],
  [/^peter-evans\/(create-pull-request|enable-pull-request-automerge)$/i, ["contents", "pull-requests"]],
  [/^(peter-evans\/create-or-update-comment|marocchino\/sticky-pull-request-comment|thollander\/actions-comment-pull-request|actions\/labeler|actions\/first-interaction|amannn\/action-semantic-pull-request|dependabot\/fetch-metadata)$/i, ["pull-requests", "issues"]],
  [/^actions\/stale$/i, ["issues", "pull-requests"]],
  [/^docker\/build-push-action$/i, ["packages"]],
  [/^(aws-actions\/configure-aws-credentials|google-github-actions\/auth|azure\/login|pypa\/gh-action-pypi-publish|hashicorp\/vault-action|sigstore\/.*|actions\/attest.*)$/i, ["id-token", "attestations"]],
  [/^actions\/deploy-pages$/i, ["pages", "id-token"]],
  [/^github\/codeql-action\/.*$/i, ["security-events"]],
  [/^(dorny\/test-reporter|EnricoMi\/publish-unit-test-result-action|mikepenz\/action-junit-report)$/i, ["checks"]],
  // Keyward's own action: its check run and remediation issues (mode app).
  [/^keyward\/keyward$/i, ["checks", "issues"]],
];

const RUN_SCOPES: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/\bgh\s+api\b|\bcurl\b[^\n]*api\.github\.com|\bgh\s+(secret|variable|workflow|run)\b/, ["*"]],
  [/\bgit\s+push\b|\bgit\s+tag\b|\bgh\s+release\b|semantic-release|\blerna\s+(version|publish)\b/, ["contents"]],
  [/\bgh\s+pr\b/, ["pull-requests", "contents"]],
  [/\bgh\s+issue\b|\bgh\s+label\b/, ["issues"]],
  [/\bdocker\s+push\b|ghcr\.io|\bnpm\s+publish\b|\bgradle\w*\s+publish|\bmvn\b[^\n]*\bdeploy\b/, ["packages"]],
  [/ACTIONS_ID_TOKEN_REQUEST|--provenance|\bcosign\b/, ["id-token"]],
];

export function scopeEvidence(job: Job): Set<string> {
  const out = new Set<string>();
  for (const step of job.steps) {
    if (step.uses) {
      const name = step.uses.kind === "repo" ? `${step.uses.owner}/${step.uses.repo}${step.uses.subpath ? `/${step.uses.subpath}` : ""}` : step.uses.raw;
      for (const [re, scopes] of ACTION_SCOPES) if (re.test(name)) scopes.forEach((s) => out.add(s));
      if (step.uses.kind === "local" || step.uses.kind === "docker") out.add("*");
    }
    if (step.run) for (const [re, scopes] of RUN_SCOPES) if (re.test(step.run)) scopes.forEach((s) => out.add(s));
  }
  return out;
}
