/** pat-unused: a personal access token with organisation access that is expired or has not been used for a long time. */
import { build, day, daysSince, describe, type InventoryRule } from "../rule.js";

export const patUnused: InventoryRule = {
  id: "pat-unused",
  description: "A personal access token with access to the organisation is expired or unused",
  check({ identities, now, policy }) {
    return identities.flatMap((i) => {
      if (i.kind !== "personal-access-token" || !i.createdAt) return [];
      const limit = policy.patUnusedDays;
      const expired = i.expiresAt ? Date.parse(i.expiresAt) <= now.getTime() : false;
      const idle = i.lastUsed ? daysSince(i.lastUsed, now) >= limit : daysSince(i.createdAt, now) >= limit;
      if (!expired && !idle) return [];
      const what = expired
        ? `expired on ${day(i.expiresAt!)} but still holds its grant`
        : i.lastUsed
          ? `was last used on ${day(i.lastUsed)}, more than ${limit} days ago`
          : `has never been used since it was granted access on ${day(i.createdAt)}`;
      return [
        build(patUnused, {
          identity: i,
          where: { url: i.settingsUrl },
          message: `${describe(i)} ${what}`,
          remediation: "revoke its access to the organisation; the owner can request access again when it is needed",
          severity: "medium",
          confidence: "high",
        }),
      ];
    });
  },
};
