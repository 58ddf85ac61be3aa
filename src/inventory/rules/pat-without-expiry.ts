/** pat-without-expiry: a fine-grained personal access token with organisation access that never expires. */
import { build, describe, type InventoryRule } from "../rule.js";

export const patWithoutExpiry: InventoryRule = {
  id: "pat-without-expiry",
  description: "A personal access token with access to the organisation never expires",
  check({ identities }) {
    return identities
      .filter((i) => i.kind === "personal-access-token" && i.expiresAt === null)
      .map((i) =>
        build(patWithoutExpiry, {
          identity: i,
          where: { url: i.settingsUrl },
          message: `${describe(i)}, owned by ${i.owners.map((o) => (o.kind === "user" ? `@${o.login}` : o.kind === "team" ? `@${o.org}/${o.slug}` : o.email)).join(", ")}, has no expiry date`,
          remediation: "have the owner replace it with a token that expires, revoke this one's access, and set a maximum token lifetime in the organisation's personal access token policy",
          severity: "high",
          confidence: "high",
        }),
      );
  },
};
