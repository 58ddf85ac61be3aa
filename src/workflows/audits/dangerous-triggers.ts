/**
 * dangerous-triggers: `pull_request_target` and `workflow_run` run with the base repository's
 * secrets and a write-capable token on events a fork controls. Checking out or running the
 * pull request's code there hands both to the fork's author.
 */
import type { WorkflowAudit } from "../audit.js";
import type { FindingDraft } from "../finding.js";
import { identitiesOf } from "../identities.js";
import type { Step, Workflow } from "../model.js";
import { effectivePermissions, mayWrite } from "../permissions.js";
import { FORK_PRIVILEGED } from "../triggers.js";

/** Refs that name the fork's code rather than the base branch's. */
const UNTRUSTED_REF = /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|refs\/pull\/|github\.event\.number|pull_request\.merge/;
/** Steps that are safe under these triggers because they never run the PR's code. */
const SAFE_ACTIONS = /^(actions\/labeler|actions\/first-interaction|actions\/stale|amannn\/action-semantic-pull-request)$/i;

function checksOutUntrusted(step: Step): boolean {
  if (step.uses?.kind === "repo" && `${step.uses.owner}/${step.uses.repo}`.toLowerCase() === "actions/checkout") return UNTRUSTED_REF.test(step.with.ref ?? "") || UNTRUSTED_REF.test(step.with.repository ?? "");
  return step.run !== undefined && /\bgh\s+pr\s+checkout\b|\bgit\s+(fetch|checkout)\b[^\n]*(pull\/|\$\{\{\s*github\.(head_ref|event\.pull_request\.head))/.test(step.run);
}

function onlySafeSteps(wf: Workflow): boolean {
  return wf.jobs.every((j) => !j.uses && j.steps.length > 0 && j.steps.every((s) => s.uses?.kind === "repo" && SAFE_ACTIONS.test(`${s.uses.owner}/${s.uses.repo}`)));
}

export const dangerousTriggers: WorkflowAudit = {
  id: "dangerous-triggers",
  description: "A privileged trigger (pull_request_target, workflow_run) can put secrets or a write token within a fork's reach",
  onWorkflow(wf) {
    const risky = wf.triggers.filter((t) => FORK_PRIVILEGED.has(t.event));
    if (risky.length === 0) return [];
    const out: FindingDraft[] = [];
    const ids = identitiesOf(wf);
    let checkout = false;
    for (const job of wf.jobs) {
      const secrets = ids.secrets.some((s) => s.job === job.id || s.site === "workflow-env") || ids.wholeSecrets.some((w) => w.job === job.id);
      const write = mayWrite(effectivePermissions(job, wf));
      for (const step of job.steps) {
        if (!checksOutUntrusted(step)) continue;
        checkout = true;
        const inReach = [secrets ? "secrets" : "", write ? "a write-capable GITHUB_TOKEN" : ""].filter(Boolean).join(" and ");
        out.push({
          path: step.path,
          message: `${risky.map((t) => t.event).join("/")} checks out the pull request's code in job '${job.id}'${inReach ? ` with ${inReach} in reach` : ""}: the fork's author can run code in a privileged context`,
          severity: inReach ? "high" : "medium",
          confidence: "high",
        });
      }
    }
    if (!checkout && !onlySafeSteps(wf)) {
      for (const t of risky)
        out.push({
          path: ["on", t.event],
          key: true,
          message: `${t.event} runs with the repository's secrets and a write token on events a fork can cause; make sure no step runs or builds the fork's code, or use pull_request instead`,
          severity: "medium",
          confidence: "medium",
        });
    }
    return out;
  },
};
