/**
 * undefined-secret: a workflow reads `secrets.NAME` that is defined nowhere it could come from
 * (the repository, the job's environment, the organisation secrets the repository can read, its
 * own and the organisation's Dependabot secrets): the step silently gets an empty string. Reusable workflows are skipped,
 * since their caller passes the secrets in.
 */
import { BUILTIN_SECRETS } from "../../workflows/identities.js";
import { build, type InventoryFinding, type InventoryRule } from "../rule.js";

export const undefinedSecret: InventoryRule = {
  id: "undefined-secret",
  description: "A workflow reads a secret that is defined nowhere",
  check({ repository }) {
    const out: InventoryFinding[] = [];
    if (!repository) return out;
    const r = repository.collected;
    // Without the repository's own and its organisation secrets nothing can be concluded.
    if (!r.secrets || !r.orgSecretsVisible) return out;
    const defined = new Set([...r.secrets.map((s) => s.name), ...r.orgSecretsVisible, ...(r.dependabotSecrets ?? []).map((s) => s.name), ...(repository.orgDependabotVisible ?? [])].map((n) => n.toUpperCase()));
    const seen = new Set<string>();
    for (const u of r.audit.model.secretUses) {
      if (BUILTIN_SECRETS.has(u.name) || defined.has(u.name.toUpperCase())) continue;
      const wf = r.audit.model.workflows.find((w) => w.file === u.file);
      if (!wf || wf.triggers.some((t) => t.event === "workflow_call")) continue;
      const envName = u.job ? wf.jobs.find((j) => j.id === u.job)?.environment : undefined;
      if (envName !== undefined) {
        const env = r.environments?.find((e) => e.name.toLowerCase() === envName.toLowerCase());
        if (envName.includes("${{") || !env?.secrets) continue; // an environment whose secrets are unknown
        if (env.secrets.some((s) => s.name.toUpperCase() === u.name.toUpperCase())) continue;
      }
      const key = `${r.repo.fullName}\0${u.file}\0${u.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(
        build(undefinedSecret, {
          key,
          repository: r.repo.fullName,
          where: { repository: r.repo.fullName, file: u.file, line: wf.locate(u.path).line },
          message: `secret ${u.name} is read here but defined nowhere ${r.repo.fullName} can read it from (repository${envName ? `, environment ${envName}` : ""}, organisation or Dependabot secrets), so the step gets an empty string`,
          remediation: "define the secret where this job can read it, or remove the reference",
          severity: "medium",
          confidence: "high",
        }),
      );
    }
    return out;
  },
};
