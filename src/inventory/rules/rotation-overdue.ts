/**
 * rotation-overdue, from what GitHub records: a secret whose value was last set (`updated_at`)
 * longer ago than its inventory entry's `rotate_every`, or the default policy; a deploy key
 * (which cannot be updated, only replaced) older than that.
 */
import { build, day, daysSince, describe, whereOf, type InventoryRule } from "../rule.js";

const ROTATABLE = new Set(["repository-secret", "environment-secret", "organization-secret", "organization-dependabot-secret", "dependabot-secret", "deploy-key"]);

export const rotationOverdue: InventoryRule = {
  id: "rotation-overdue",
  description: "A credential has not been rotated within its rotation period",
  check({ identities, now, policy }) {
    return identities.flatMap((i) => {
      const since = i.kind === "deploy-key" ? i.createdAt : i.updatedAt;
      if (!ROTATABLE.has(i.kind) || !since) return [];
      const period = i.rotateEveryDays ?? policy.rotateEveryDays;
      const age = daysSince(since, now);
      if (age < period) return [];
      const whose = i.rotateEveryDays ? `its inventory entry (${i.ownerEntry}) asks for every ${period} days` : `the policy (inventory.rotate_every) is every ${period} days`;
      return [
        build(rotationOverdue, {
          identity: i,
          where: whereOf(i),
          message: `${describe(i)} was ${i.kind === "deploy-key" ? "added" : "last set"} on ${day(since)} (GitHub's ${i.kind === "deploy-key" ? "created_at" : "updated_at"}), ${age} days ago; ${whose}`,
          remediation: i.kind === "deploy-key" ? "generate a new key pair, add it as a deploy key, move its users over and delete this one" : "issue a new credential with its provider, update the secret, then revoke the old credential",
          severity: age >= 2 * period ? "high" : "medium",
          confidence: "high",
        }),
      ];
    });
  },
};
