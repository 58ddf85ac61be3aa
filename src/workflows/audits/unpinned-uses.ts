/**
 * unpinned-uses: a third-party action (or reusable workflow, or container) that is handed a
 * secret or runs next to a write-capable token, referenced by a movable tag or branch rather
 * than a full commit SHA — whoever can move the tag gets the secret.
 */
import type { WorkflowAudit } from "../audit.js";
import type { FindingDraft } from "../finding.js";
import { expressions, secretNames, usesWholeSecrets } from "../expressions.js";
import type { ActionRef, Job, Step } from "../model.js";
import { effectivePermissions, mayWrite } from "../permissions.js";

/** GitHub's own actions are still movable tags, but trusted as the platform itself is. */
function firstParty(ref: ActionRef): boolean {
  return ref.kind === "repo" && /^(actions|github)$/i.test(ref.owner);
}

function secretsIn(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values) for (const e of expressions(v)) {
    secretNames(e.body).forEach((n) => out.add(n));
    if (usesWholeSecrets(e.body)) out.add("(all secrets)");
  }
  return [...out];
}

function unpinned(ref: ActionRef | undefined): ref is Extract<ActionRef, { pinned: boolean }> {
  return ref !== undefined && ref.kind !== "local" && !ref.pinned && !firstParty(ref);
}

export const unpinnedUses: WorkflowAudit = {
  id: "unpinned-uses",
  description: "A third-party action that receives a secret or a write token is not pinned to a commit SHA",
  onStep(step: Step, job: Job | undefined, doc) {
    if (!unpinned(step.uses)) return [];
    // Secrets handed to this step directly come first: they name the finding's identity.
    const direct = secretsIn([...Object.values(step.with), ...Object.values(step.env)]);
    const secrets = [...new Set([...direct, ...secretsIn([...Object.values(job?.env ?? {}), ...(doc.kind === "workflow" ? Object.values(doc.env) : [])])])];
    const write = job && doc.kind === "workflow" ? mayWrite(effectivePermissions(job, doc)) : false;
    if (secrets.length === 0 && !write) return [];
    const what = step.uses.kind === "docker" ? `container ${step.uses.image} is not pinned to a digest` : `${step.uses.raw} is pinned to '${step.uses.ref || "(nothing)"}', not a full commit SHA`;
    const given = [secrets.length ? `receives ${secrets.join(", ")}` : "", write ? "runs with a write-capable GITHUB_TOKEN" : ""].filter(Boolean).join(" and ");
    const first: FindingDraft = {
      path: [...step.path, "uses"],
      message: `${what}; it ${given}`,
      severity: secrets.length ? "high" : "medium",
      confidence: "high",
      ...(secrets[0] && secrets[0] !== "(all secrets)" ? { identity: secrets[0] } : {}),
    };
    return [first];
  },
  onJob(job: Job) {
    if (!unpinned(job.uses)) return [];
    const secrets = job.secrets === "inherit" ? ["(all secrets)"] : secretsIn(Object.values(job.secrets ?? {}));
    if (secrets.length === 0) return [];
    return [
      {
        path: [...job.path, "uses"],
        message: `reusable workflow ${job.uses.raw} is pinned to '${job.uses.kind === "repo" ? job.uses.ref : ""}', not a full commit SHA; it receives ${secrets.join(", ")}`,
        severity: "high",
        confidence: "high",
      },
    ];
  },
};
