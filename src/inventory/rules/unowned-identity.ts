/**
 * unowned-identity: a secret, deploy key or App that no inventory entry owns and for which
 * GitHub records no owner either. The code owners of the workflows that use it should adopt it.
 */
import { formatOwner } from "../../ownership/types.js";
import { build, describe, whereOf, type InventoryRule } from "../rule.js";

export const unownedIdentity: InventoryRule = {
  id: "unowned-identity",
  description: "A non-human identity has no accountable owner",
  check({ identities }) {
    return identities
      .filter((i) => i.ownerSource === "none")
      .map((i) => {
        const entry = i.kind === "deploy-key" ? `deploy-key:${i.name}` : i.kind === "app-installation" ? `app:${i.name}` : i.name;
        const file = i.definedIn.repository ? `${i.definedIn.repository}'s .github/keyward.yml` : `${i.definedIn.organization}/.github's .github/keyward.yml`;
        return build(unownedIdentity, {
          identity: i,
          where: whereOf(i),
          message: `${describe(i)} has no owner${i.adopters.length ? `; the code owners of the workflows that use it (${i.adopters.map(formatOwner).join(", ")}) should adopt it` : ""}`,
          remediation: `add "${entry}" to identities in ${file} with its owners and a rotation period`,
          severity: "medium",
          confidence: "high",
        });
      });
  },
};
