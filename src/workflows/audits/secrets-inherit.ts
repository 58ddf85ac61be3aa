/** secrets-inherit: a reusable-workflow call handed every secret of the repository. */
import type { WorkflowAudit } from "../audit.js";

export const secretsInherit: WorkflowAudit = {
  id: "secrets-inherit",
  description: "A reusable workflow receives every secret instead of the ones it needs",
  onJob(job) {
    if (job.secrets !== "inherit") return [];
    return [
      {
        path: [...job.path, "secrets"],
        message: `job '${job.id}' calls ${job.uses?.raw ?? "a reusable workflow"} with secrets: inherit, handing it every repository and organisation secret; pass the named secrets it needs`,
        severity: "medium",
        confidence: "high",
      },
    ];
  },
};
