/**
 * long-lived-cloud-key: a static cloud or registry credential stored as a secret where the
 * provider accepts the workflow's OIDC token instead (no stored secret to leak or rotate).
 */
import type { WorkflowAudit } from "../audit.js";
import type { FindingDraft } from "../finding.js";
import { expressions, secretNames } from "../expressions.js";
import type { Step } from "../model.js";

interface Pattern {
  readonly action: RegExp;
  /** `with:` inputs that carry the static credential. */
  readonly inputs: readonly string[];
  readonly provider: string;
  readonly instead: string;
}

const PATTERNS: readonly Pattern[] = [
  { action: /^aws-actions\/configure-aws-credentials$/i, inputs: ["aws-access-key-id", "aws-secret-access-key"], provider: "AWS", instead: "role-to-assume with id-token: write" },
  { action: /^google-github-actions\/auth$/i, inputs: ["credentials_json"], provider: "Google Cloud", instead: "workload_identity_provider with id-token: write" },
  { action: /^azure\/login$/i, inputs: ["creds", "client-secret"], provider: "Azure", instead: "client-id/tenant-id/subscription-id federated credentials with id-token: write" },
  { action: /^pypa\/gh-action-pypi-publish$/i, inputs: ["password"], provider: "PyPI", instead: "trusted publishing (no password, id-token: write)" },
];

/** Environment variables that carry static cloud keys into any tool. */
const ENV_KEYS: ReadonlyArray<[RegExp, string, string]> = [
  [/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)$/, "AWS", "aws-actions/configure-aws-credentials with role-to-assume"],
  [/^(GOOGLE_APPLICATION_CREDENTIALS_JSON|GCP_SA_KEY|GOOGLE_CREDENTIALS)$/, "Google Cloud", "google-github-actions/auth with workload identity federation"],
  [/^(ARM_CLIENT_SECRET|AZURE_CLIENT_SECRET)$/, "Azure", "azure/login with OIDC"],
];

const secretsOf = (v: string | undefined) => (v ? expressions(v).flatMap((e) => secretNames(e.body)) : []);

export const longLivedCloudKey: WorkflowAudit = {
  id: "long-lived-cloud-key",
  description: "A static cloud credential is stored as a secret where OIDC federation would remove it",
  onStep(step: Step) {
    const out: FindingDraft[] = [];
    if (step.uses?.kind === "repo") {
      const name = `${step.uses.owner}/${step.uses.repo}`;
      const p = PATTERNS.find((x) => x.action.test(name));
      if (p) {
        for (const input of p.inputs) {
          for (const secret of secretsOf(step.with[input]))
            out.push({ path: [...step.path, "with", input], message: `${name} is given the long-lived ${p.provider} credential ${secret}; use ${p.instead} so no stored secret is needed`, severity: "medium", confidence: "high", identity: secret });
        }
      }
    }
    for (const [k, v] of Object.entries(step.env)) {
      const hit = ENV_KEYS.find(([re]) => re.test(k));
      if (!hit) continue;
      for (const secret of secretsOf(v))
        out.push({ path: [...step.path, "env", k], message: `${k} carries the long-lived ${hit[1]} credential ${secret}; use ${hit[2]} instead`, severity: "medium", confidence: "medium", identity: secret });
    }
    return out;
  },
};
