/**
 * overprovisioned-secrets: more secrets delivered than a step uses — the whole secrets context
 * (`toJSON(secrets)`, dynamic indexing) or a secret in workflow-level `env`, which every step
 * of every job (and every action they run) receives.
 */
import type { WorkflowAudit } from "../audit.js";
import type { FindingDraft } from "../finding.js";
import { expressions, secretNames, usesWholeSecrets } from "../expressions.js";
import type { Step, YamlPath } from "../model.js";

function wholeSecretsIn(values: Readonly<Record<string, string>>, base: YamlPath): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (!expressions(v).some((e) => usesWholeSecrets(e.body))) continue;
    out.push({ path: [...base, k], message: "the whole secrets context is injected here; every secret the repository has reaches this step", severity: "medium", confidence: "high" });
  }
  return out;
}

export const overprovisionedSecrets: WorkflowAudit = {
  id: "overprovisioned-secrets",
  description: "More secrets reach the runner than the step needs",
  onWorkflow(wf) {
    const out: FindingDraft[] = [];
    for (const [k, v] of Object.entries(wf.env)) {
      for (const e of expressions(v)) {
        for (const name of secretNames(e.body))
          out.push({
            path: ["env", k],
            message: `secret ${name} is set in workflow-level env, so every step of all ${wf.jobs.length} job(s) and every action they run receives it; set it on the step that uses it`,
            severity: "medium",
            confidence: "high",
            identity: name,
          });
      }
    }
    return [...out, ...wholeSecretsIn(wf.env, ["env"])];
  },
  onJob(job) {
    return wholeSecretsIn(job.env, [...job.path, "env"]);
  },
  onStep(step: Step) {
    const out = [...wholeSecretsIn(step.env, [...step.path, "env"]), ...wholeSecretsIn(step.with, [...step.path, "with"])];
    if (step.run && expressions(step.run).some((e) => usesWholeSecrets(e.body)))
      out.push({ path: [...step.path, "run"], message: "the whole secrets context is expanded into this script", severity: "high", confidence: "high" });
    return out;
  },
};
