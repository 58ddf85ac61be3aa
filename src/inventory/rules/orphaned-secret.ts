/** orphaned-secret: a secret GitHub holds that no workflow (or dependabot.yml) uses — offboard it. */
import { handsOverAllSecrets } from "../join.js";
import { build, describe, type InventoryRule } from "../rule.js";

const SECRET_KINDS = new Set(["repository-secret", "environment-secret", "organization-secret", "organization-dependabot-secret", "dependabot-secret"]);
const ORG_SECRET_KINDS = new Set(["organization-secret", "organization-dependabot-secret"]);

export const orphanedSecret: InventoryRule = {
  id: "orphaned-secret",
  description: "A secret is defined but no workflow uses it",
  check({ identities, repository, organisation }) {
    return identities
      .filter((i) => SECRET_KINDS.has(i.kind) && i.uses.length === 0)
      .filter((i) => {
        // Which repositories could be reading it unseen: those that hand every secret over at once.
        if (ORG_SECRET_KINDS.has(i.kind)) {
          if (!organisation || organisation.facts.partial) return false;
          const readers = new Set(i.blastRadius.repositories.map((n) => n.toLowerCase()));
          return !organisation.digests.some((d) => readers.has(d.repository.toLowerCase()) && d.handsOverAll);
        }
        return repository !== undefined && repository.collected.repo.fullName === i.definedIn.repository && !handsOverAllSecrets(repository.collected);
      })
      .map((i) =>
        build(orphanedSecret, {
          identity: i,
          where: { url: i.settingsUrl },
          message: `${describe(i)} is used by no workflow${ORG_SECRET_KINDS.has(i.kind) ? ` in the ${i.blastRadius.repositories.length} repositories that can read it` : ""}${i.kind.endsWith("dependabot-secret") ? " and no registry in .github/dependabot.yml" : ""}`,
          remediation: "if nothing outside the workflows needs it, revoke the credential with its provider and delete the secret",
          severity: "low",
          confidence: "medium",
        }),
      );
  },
};
