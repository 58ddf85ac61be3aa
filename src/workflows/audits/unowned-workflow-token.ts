/**
 * unowned-workflow-token: a secret a workflow uses that no inventory entry owns. CODEOWNERS
 * owns the workflow file, not the credential, so it only says who should adopt it.
 */
import type { WorkflowAudit } from "../audit.js";
import { blastRadius } from "../blast-radius.js";
import { resolveFinding, type WorkflowFinding } from "../finding.js";
import { BUILTIN_SECRETS } from "../identities.js";
import { formatOwner } from "../../ownership/types.js";

const rule = { id: "unowned-workflow-token", description: "A workflow uses a secret that has no accountable owner" };

export const unownedWorkflowToken: WorkflowAudit = {
  ...rule,
  onRepository(repo, ctx) {
    const out: WorkflowFinding[] = [];
    const seen = new Set<string>();
    const docs = [...repo.workflows, ...repo.actions];
    for (const use of repo.secretUses) {
      if (BUILTIN_SECRETS.has(use.name) || ctx.identityFor(use.name)) continue;
      const key = `${use.file}\0${use.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const doc = docs.find((d) => d.file === use.file);
      if (!doc) continue;
      const adopters = ctx.codeownersOf(use.file).map(formatOwner);
      const f = resolveFinding(
        rule,
        doc,
        {
          path: use.path,
          message: `secret ${use.name} has no owner: add it to identities in .github/keyward.yml with owners and a rotation period${adopters.length ? `; this workflow's code owners (${adopters.join(", ")}) should adopt it` : "; the workflow has no code owner either"}`,
          severity: "medium",
          confidence: "high",
          identity: use.name,
        },
        blastRadius(use.name, repo.secretUses, repo.workflows),
      );
      if (f) out.push(f);
    }
    return out;
  },
};
