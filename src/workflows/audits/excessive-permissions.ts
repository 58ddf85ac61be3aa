/**
 * excessive-permissions: a GITHUB_TOKEN broader than the job needs — no `permissions` at all
 * (the repository default, read-write on many repositories), `write-all`/`read-all`,
 * write scopes granted to every job from the workflow level, or write scopes no step uses.
 */
import type { WorkflowAudit } from "../audit.js";
import type { FindingDraft } from "../finding.js";
import type { Job, Workflow } from "../model.js";
import { scopeEvidence } from "../scope-needs.js";

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
    if (p.kind === "all" && p.level === "write")
      out.push({ path: ["permissions"], message: "write-all at the workflow level gives every job a token that can write to everything in the repository", severity: "high", confidence: "high", identity: "GITHUB_TOKEN" });
    if (p.kind === "all" && p.level === "read")
      out.push({ path: ["permissions"], message: "read-all at the workflow level grants every read scope to every job; list only the scopes the jobs use", severity: "medium", confidence: "high", identity: "GITHUB_TOKEN" });
    if (p.kind === "scopes" && wf.jobs.length > 1) {
      for (const [scope, level] of Object.entries(p.scopes)) {
        if (level !== "write") continue;
        out.push({ path: ["permissions", scope], message: `${scope}: write at the workflow level reaches all ${wf.jobs.length} jobs; grant it only in the job that needs it`, severity: "medium", confidence: "high", identity: "GITHUB_TOKEN" });
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

/** Write scopes that no step of the job shows any sign of using (a heuristic: low confidence). */
function unusedWrites(job: Job): FindingDraft[] {
  if (job.uses) return []; // a reusable workflow's needs are not visible from here
  const evidence = scopeEvidence(job);
  if (evidence.has("*")) return [];
  const out: FindingDraft[] = [];
  const p = job.permissions;
  if (p.kind !== "scopes") return out;
  for (const [scope, level] of Object.entries(p.scopes)) {
    if (level !== "write" || evidence.has(scope)) continue;
    out.push({
      path: [...job.path, "permissions", scope],
      message: `${scope}: write is granted to job '${job.id}' but none of its steps appears to need it`,
      severity: "low",
      confidence: "low",
      identity: "GITHUB_TOKEN",
    });
  }
  return out;
}
