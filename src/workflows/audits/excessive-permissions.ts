/**
 * excessive-permissions: a GITHUB_TOKEN broader than the job needs — no `permissions` at all
 * (the repository default, read-write on many repositories), `write-all`/`read-all`,
 * write scopes granted to every job from the workflow level, or write scopes no step needs.
 * What a step needs comes from the table in scope-needs.ts; where Keyward cannot tell, it
 * says nothing rather than advise a removal that could break the job.
 */
import type { WorkflowAudit } from "../audit.js";
import type { FindingDraft } from "../finding.js";
import type { Job, Workflow } from "../model.js";
import { jobNeeds } from "../scope-needs.js";

const id = "excessive-permissions";

/** A workflow only other workflows call: its callers decide the token (as zizmor treats it). */
function reusableOnly(wf: Workflow): boolean {
  return wf.triggers.length > 0 && wf.triggers.every((t) => t.event === "workflow_call");
}

export const excessivePermissions: WorkflowAudit = {
  id,
  description: "The workflow's GITHUB_TOKEN can do more than its jobs need",
  onWorkflow(wf) {
    const out: FindingDraft[] = [];
    const p = wf.permissions;
    // Jobs that declare their own permissions do not get the workflow's: only these do.
    const inheriting = wf.jobs.filter((j) => j.permissions.kind === "unset");
    // write-all stays a finding even when every job overrides it: the next job added gets it.
    if (p.kind === "all" && p.level === "write")
      out.push(
        inheriting.length > 0
          ? { path: ["permissions"], message: "write-all at the workflow level gives every job a token that can write to everything in the repository", severity: "high", confidence: "high", identity: "GITHUB_TOKEN" }
          : { path: ["permissions"], message: "write-all at the workflow level reaches no job today (each sets its own), but any job added later gets a token that can write to everything; use permissions: {}", severity: "medium", confidence: "high", identity: "GITHUB_TOKEN" },
      );
    if (inheriting.length === 0) return out;
    if (p.kind === "all" && p.level === "read")
      out.push({ path: ["permissions"], message: `read-all at the workflow level grants every read scope to ${jobsText(inheriting)}; list only the scopes the jobs use`, severity: "medium", confidence: "high", identity: "GITHUB_TOKEN" });
    if (p.kind === "scopes") {
      const verdicts = inheriting.map((j) => ({ job: j, needs: jobNeeds(j) }));
      for (const [scope, level] of Object.entries(p.scopes)) {
        if (level !== "write") continue;
        const users = verdicts.filter((v) => v.needs.needs.has(scope) || v.needs.may.has(scope) || v.needs.unknown.length > 0);
        if (users.length === 0)
          out.push({ path: ["permissions", scope], message: `${scope}: write at the workflow level reaches ${jobsText(inheriting)}, and none of their steps needs it`, severity: "low", confidence: "medium", identity: "GITHUB_TOKEN" });
        else if (inheriting.length > 1)
          out.push({ path: ["permissions", scope], message: `${scope}: write at the workflow level reaches ${jobsText(inheriting)}; grant it only in the job that needs it`, severity: "medium", confidence: "high", identity: "GITHUB_TOKEN" });
      }
    }
    return out;
  },
  onJob(job, wf) {
    const out: FindingDraft[] = [];
    const p = job.permissions;
    // A reusable-only workflow's own jobs take the caller's token; but a job that calls another
    // workflow must still say what it passes on.
    if (p.kind === "unset" && wf.permissions.kind === "unset" && (!reusableOnly(wf) || job.uses))
      out.push({
        path: job.path,
        key: true,
        message: `job '${job.id}' declares no permissions, and neither does the workflow: its token gets the repository default, which is read-write on many repositories`,
        severity: "medium",
        confidence: "high",
        identity: "GITHUB_TOKEN",
      });
    if (p.kind === "all" && p.level === "write")
      out.push({ path: [...job.path, "permissions"], message: `write-all gives job '${job.id}' a token that can write to everything in the repository`, severity: "high", confidence: "high", identity: "GITHUB_TOKEN" });
    if (p.kind === "all" && p.level === "read")
      out.push({ path: [...job.path, "permissions"], message: `read-all grants job '${job.id}' every read scope; list only the scopes it uses`, severity: "low", confidence: "high", identity: "GITHUB_TOKEN" });
    if (p.kind === "scopes") out.push(...unusedWrites(job));
    return out;
  },
};

function jobsText(jobs: readonly Job[]): string {
  return jobs.length === 1 ? `job '${jobs[0]!.id}'` : `${jobs.length} jobs (${jobs.map((j) => j.id).join(", ")})`;
}

/**
 * Write scopes no step needs. Reported only when every step is one Keyward knows (the table
 * in scope-needs.ts): an unknown action or an unreadable script could be what needs it.
 */
function unusedWrites(job: Job): FindingDraft[] {
  const p = job.permissions;
  if (p.kind !== "scopes") return [];
  const verdict = jobNeeds(job);
  if (verdict.unknown.length > 0) return [];
  const out: FindingDraft[] = [];
  for (const [scope, level] of Object.entries(p.scopes)) {
    if (level !== "write" || verdict.needs.has(scope) || verdict.may.has(scope)) continue;
    out.push({
      path: [...job.path, "permissions", scope],
      message: `${scope}: write is granted to job '${job.id}' but none of its steps needs it (each is in Keyward's table of actions' and commands' permissions)`,
      severity: "low",
      confidence: "medium",
      identity: "GITHUB_TOKEN",
    });
  }
  return out;
}
