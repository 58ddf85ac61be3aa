/**
 * unprotected-environment-secret: an environment that holds secrets with neither required
 * reviewers nor a deployment branch policy, so any branch's workflow run gets them unasked.
 */
import { build, type InventoryFinding, type InventoryRule } from "../rule.js";

export const unprotectedEnvironmentSecret: InventoryRule = {
  id: "unprotected-environment-secret",
  description: "An environment holds secrets without required reviewers or a branch policy",
  check({ repository, identities }) {
    const out: InventoryFinding[] = [];
    for (const r of repository ? [repository.collected] : []) {
      for (const env of r.environments ?? []) {
        const held = identities.filter((i) => i.kind === "environment-secret" && i.definedIn.repository === r.repo.fullName && i.definedIn.environment === env.name);
        if (held.length === 0 || !env.protectionKnown) continue;
        const first = held[0]!;
        if (first.protection?.requiredReviewers || first.protection?.branchPolicy) continue;
        // Point at the job that deploys to it, when a workflow names it.
        let where: { repository: string; file: string; line: number } | undefined;
        let exposed = false;
        for (const wf of r.audit.model.workflows)
          for (const job of wf.jobs)
            if (job.environment?.toLowerCase() === env.name.toLowerCase()) {
              where ??= { repository: r.repo.fullName, file: wf.file, line: wf.locate([...job.path, "environment"]).line };
              exposed ||= held.some((i) => i.blastRadius.forkReachable || i.blastRadius.outsideReachable);
            }
        out.push(
          build(unprotectedEnvironmentSecret, {
            key: `environment:${r.repo.fullName}:${env.name}`,
            repository: r.repo.fullName,
            where: where ?? { url: first.settingsUrl },
            message: `environment ${env.name} in ${r.repo.fullName} holds ${held.length} secret${held.length === 1 ? "" : "s"} (${held.map((i) => i.name).join(", ")}) but has no required reviewers and no deployment branch policy${exposed ? "; a workflow run that forks or outsiders can trigger deploys to it" : ""}`,
            remediation: "add required reviewers or restrict deployments to protected branches in the environment's settings",
            severity: exposed ? "high" : "medium",
            confidence: "high",
          }),
        );
      }
    }
    return out;
  },
};
