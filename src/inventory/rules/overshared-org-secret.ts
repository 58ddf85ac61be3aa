/** overshared-org-secret: an organisation secret more repositories can read than use it. */
import { build, describe, type InventoryRule } from "../rule.js";

export const oversharedOrgSecret: InventoryRule = {
  id: "overshared-org-secret",
  description: "An organisation secret is visible to more repositories than use it",
  check({ identities, organisation }) {
    if (!organisation || organisation.facts.partial) return [];
    return identities.flatMap((i) => {
      if (i.kind !== "organization-secret" && i.kind !== "organization-dependabot-secret") return [];
      const readers = i.blastRadius.repositories;
      const users = new Set(i.uses.map((u) => u.repository.toLowerCase()));
      for (const d of organisation.digests) if (d.handsOverAll && readers.some((n) => n.toLowerCase() === d.repository.toLowerCase())) users.add(d.repository.toLowerCase());
      // Used by none is orphaned-secret's finding.
      if (users.size === 0 || readers.length <= users.size) return [];
      const names = [...new Set(i.uses.map((u) => u.repository))];
      return [
        build(oversharedOrgSecret, {
          identity: i,
          where: { url: i.settingsUrl },
          message: `${describe(i)} (visibility: ${i.visibility}) can be read by ${readers.length} repositories but only ${users.size} use it (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""})`,
          remediation: "set its repository access to selected repositories and select only those that use it",
          severity: i.visibility === "selected" ? "low" : "medium",
          confidence: "high",
        }),
      ];
    });
  },
};
