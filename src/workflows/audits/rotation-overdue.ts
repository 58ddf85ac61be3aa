/** rotation-overdue: an inventoried credential past its rotation date, or past its expiry. */
import type { WorkflowAudit } from "../audit.js";
import { blastRadius } from "../blast-radius.js";
import { dueDates } from "../../ownership/inventory.js";
import { inventoryFinding, isoDay } from "../inventory-finding.js";

const rule = { id: "rotation-overdue", description: "A credential is overdue for rotation or has expired" };

export const rotationOverdue: WorkflowAudit = {
  ...rule,
  onRepository(repo, ctx) {
    return ctx.identities.flatMap((identity) => {
      const due = dueDates(identity, ctx.now);
      const blast = blastRadius(identity.secret, repo.secretUses, repo.workflows);
      if (due.expired && identity.expires)
        return [inventoryFinding(rule, identity, `${identity.secret} expired on ${isoDay(identity.expires)}: rotate it and record the new expiry`, "high", "high", blast)];
      if (!due.rotationOverdue) return [];
      const when = due.rotationDue ? `was due for rotation on ${isoDay(due.rotationDue)}` : `has rotate_every set but no last_rotated date on record`;
      return [inventoryFinding(rule, identity, `${identity.secret} ${when}: rotate it and update last_rotated`, "medium", "high", blast)];
    });
  },
};
