/** orphaned-identity: an inventory entry that no workflow uses — an offboarding candidate. */
import { minimatch } from "minimatch";
import type { WorkflowAudit } from "../audit.js";
import { inventoryFinding } from "../inventory-finding.js";

const rule = { id: "orphaned-identity", description: "An inventoried credential is used by no workflow" };

export const orphanedIdentity: WorkflowAudit = {
  ...rule,
  onRepository(repo, ctx) {
    const used = new Set(repo.secretUses.map((u) => u.name));
    return ctx.identities
      .filter((identity) => ![...used].some((name) => name === identity.secret || minimatch(name, identity.secret)))
      .map((identity) =>
        inventoryFinding(rule, identity, `${identity.secret} is in the inventory but no workflow or action in this repository uses it: if nothing else does, revoke it and remove the entry`, "low", "medium"),
      );
  },
};
