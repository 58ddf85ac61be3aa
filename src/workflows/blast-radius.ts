/**
 * An identity's blast radius: where it is delivered, who can cause that, which actions it is
 * handed to, and what the GITHUB_TOKEN can do next to it.
 */
import type { SecretUse } from "./identities.js";
import type { Job, Workflow } from "./model.js";
import { describePermissions, effectivePermissions } from "./permissions.js";
import { reachOf } from "./triggers.js";

export interface BlastRadius {
  readonly identity: string;
  readonly workflows: ReadonlyArray<{ readonly file: string; readonly jobs: readonly string[] }>;
  readonly triggers: readonly string[];
  readonly forkReachable: boolean;
  readonly outsideReachable: boolean;
  readonly actions: ReadonlyArray<{ readonly uses: string; readonly pinned: boolean }>;
  readonly tokenPermissions: ReadonlyArray<{ readonly file: string; readonly job: string; readonly permissions: string }>;
  readonly environments: readonly string[];
}

export function blastRadius(identity: string, uses: readonly SecretUse[], workflows: readonly Workflow[]): BlastRadius {
  const mine = uses.filter((u) => u.name === identity);
  const byFile = new Map<string, Set<string>>();
  const actions = new Map<string, boolean>();
  const tokens: Array<BlastRadius["tokenPermissions"][number]> = [];
  const triggers = new Set<string>();
  const environments = new Set<string>();
  let fork = false;
  let outside = false;
  for (const u of mine) {
    const wf = workflows.find((w) => w.file === u.file);
    if (!wf) continue;
    // Workflow-level env reaches every job; job-level env every step of that job.
    const jobs: Job[] = u.site === "workflow-env" ? [...wf.jobs] : wf.jobs.filter((j) => j.id === u.job);
    const set = byFile.get(wf.file) ?? new Set<string>();
    for (const job of jobs) {
      set.add(job.id);
      if (job.environment) environments.add(job.environment);
      const steps = u.step !== undefined && (u.site === "step-env" || u.site === "step-with") ? job.steps.filter((s) => s.index === u.step) : job.steps;
      for (const s of steps) if (s.uses && s.uses.kind !== "local") actions.set(s.uses.raw, "pinned" in s.uses ? s.uses.pinned : true);
      if (job.uses) actions.set(job.uses.raw, job.uses.kind === "local" || job.uses.pinned);
      if (!tokens.some((t) => t.file === wf.file && t.job === job.id)) tokens.push({ file: wf.file, job: job.id, permissions: describePermissions(effectivePermissions(job, wf)) });
    }
    byFile.set(wf.file, set);
    const reach = reachOf(wf);
    reach.events.forEach((e) => triggers.add(e));
    fork ||= reach.fork;
    outside ||= reach.outside;
  }
  return {
    identity,
    workflows: [...byFile].map(([file, jobs]) => ({ file, jobs: [...jobs] })),
    triggers: [...triggers],
    forkReachable: fork,
    outsideReachable: outside,
    actions: [...actions].map(([uses, pinned]) => ({ uses, pinned })),
    tokenPermissions: tokens,
    environments: [...environments],
  };
}
