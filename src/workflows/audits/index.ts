/** Every workflow audit, one file each; a test checks none is left out. */
import type { WorkflowAudit } from "../audit.js";
import { dangerousTriggers } from "./dangerous-triggers.js";
import { excessivePermissions } from "./excessive-permissions.js";
import { longLivedCloudKey } from "./long-lived-cloud-key.js";
import { orphanedIdentity } from "./orphaned-identity.js";
import { overprovisionedSecrets } from "./overprovisioned-secrets.js";
import { reviewOverdue } from "./review-overdue.js";
import { rotationOverdue } from "./rotation-overdue.js";
import { secretsInherit } from "./secrets-inherit.js";
import { templateInjection } from "./template-injection.js";
import { unownedWorkflowToken } from "./unowned-workflow-token.js";
import { unpinnedUses } from "./unpinned-uses.js";

export const AUDIT_MODULES: Readonly<Record<string, WorkflowAudit>> = {
  "excessive-permissions": excessivePermissions,
  "dangerous-triggers": dangerousTriggers,
  "template-injection": templateInjection,
  "secrets-inherit": secretsInherit,
  "overprovisioned-secrets": overprovisionedSecrets,
  "unpinned-uses": unpinnedUses,
  "long-lived-cloud-key": longLivedCloudKey,
  "unowned-workflow-token": unownedWorkflowToken,
  "rotation-overdue": rotationOverdue,
  "review-overdue": reviewOverdue,
  "orphaned-identity": orphanedIdentity,
};

export const ALL_AUDITS: readonly WorkflowAudit[] = Object.values(AUDIT_MODULES);
