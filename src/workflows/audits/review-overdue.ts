/** review-overdue: an inventoried credential whose access review is past due. */
import type { WorkflowAudit } from "../audit.js";
import { dueDates } from "../../ownership/inventory.js";
import { inventoryFinding, isoDay } from "../inventory-finding.js";

const rule = { id: "review-overdue", description: "A credential's access review is overdue" };

export const reviewOverdue: WorkflowAudit = {
  ...rule,
  onRepository(_repo, ctx) {
    return ctx.identities.flatMap((identity) => {
      const due = dueDates(identity, ctx.now);
      if (!due.reviewOverdue) return [];
      const when = due.reviewDue ? `was due for review on ${isoDay(due.reviewDue)}` : "has review_every set but no last_reviewed date on record";
      return [inventoryFinding(rule, identity, `${identity.secret} ${when}: its owners should confirm it is still needed and scoped, then update last_reviewed`, "low", "high")];
    });
  },
};
