/**
 * stale-deploy-key: a deploy key unused past the threshold, or one with write access that no
 * workflow of its repository hands to an SSH step (so nothing in CI needs it to push).
 */
import type { CollectedRepository } from "../types.js";
import { build, day, daysSince, describe, type InventoryRule } from "../rule.js";

const SSH_INPUT = /ssh[-_]?(?:private[-_]?)?key|deploy[-_]?key/i;

/** Does any step hand a secret to an SSH key input or variable? */
function workflowsUseSshKeys(r: CollectedRepository): boolean {
  return [...r.audit.model.workflows.flatMap((w) => w.jobs.flatMap((j) => j.steps)), ...r.audit.model.actions.flatMap((a) => a.steps)].some((s) =>
    [...Object.entries(s.with), ...Object.entries(s.env)].some(([k, v]) => SSH_INPUT.test(k) && v.includes("secrets.")),
  );
}

export const staleDeployKey: InventoryRule = {
  id: "stale-deploy-key",
  description: "A deploy key is unused, or has write access nothing needs",
  check({ repository, identities, now, policy }) {
    return identities.flatMap((i) => {
      if (i.kind !== "deploy-key" || !i.createdAt) return [];
      const limit = policy.deployKeyUnusedDays;
      const repo = repository && repository.collected.repo.fullName === i.definedIn.repository ? repository.collected : undefined;
      const unused = i.lastUsed ? daysSince(i.lastUsed, now) >= limit : daysSince(i.createdAt, now) >= limit;
      if (unused)
        return [
          build(staleDeployKey, {
            identity: i,
            where: { url: i.settingsUrl },
            message: `${describe(i)} (${i.readOnly ? "read-only" : "read-write"}) ${i.lastUsed ? `was last used on ${day(i.lastUsed)}` : `has never been used since it was added on ${day(i.createdAt)}`}, more than ${limit} days ago`,
            remediation: "delete the deploy key; whoever still needs access gets a new one",
            severity: i.readOnly ? "low" : "medium",
            confidence: "high",
          }),
        ];
      if (i.readOnly || !repo || workflowsUseSshKeys(repo)) return [];
      return [
        build(staleDeployKey, {
          identity: i,
          where: { url: i.settingsUrl },
          message: `${describe(i)} has write access, and no workflow in ${repo.repo.fullName} hands an SSH key to a step`,
          remediation: "if nothing pushes with it, replace it with a read-only key",
          severity: "low",
          confidence: "medium",
        }),
      ];
    });
  },
};
