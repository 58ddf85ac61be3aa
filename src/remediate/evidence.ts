/**
 * Evidence for what the App did about a secret: every step a lifecycle record carrying the
 * delivery id, so a redelivery appends nothing new. Never the secret: rule, place, preview.
 */
import type { SecretFinding } from "../detect/types.js";
import type { EvidenceEvent } from "../evidence/types.js";
import { formatOwner } from "../ownership/types.js";
import type { IssueOutcome } from "./issues.js";
import type { Services } from "./types.js";

export const secretFingerprint = (secretId: string) => `secret:${secretId}`;

/** What evidence says about a finding: rule, place and masked preview — never the secret. */
export function findingDetails(f: SecretFinding): Record<string, unknown> {
  return {
    rule: f.ruleId,
    severity: f.severity,
    path: f.location.path,
    line: f.location.line,
    ...(f.location.commit ? { commit: f.location.commit.sha } : {}),
    preview: f.preview,
  };
}

export async function recordEvent(s: Services, fingerprint: string, event: EvidenceEvent, extra: Record<string, unknown>, actor = "keyward", stateful = true): Promise<void> {
  const input = { ...(s.repo.installation ? { installation: s.repo.installation } : {}), repository: s.repo.fullName, fingerprint, event, actor, deliveryId: s.deliveryId, details: extra };
  try {
    if (stateful) await s.deps.store.transition(input);
    else await s.deps.store.append(input);
  } catch (err) {
    // A refused transition is a fact about the lifecycle, not a reason to drop the delivery.
    s.log.warn({ err: (err as Error).message, event, fingerprint, delivery: s.deliveryId }, "evidence record refused");
  }
}

export async function recordIssueOutcome(s: Services, f: SecretFinding, outcome: IssueOutcome): Promise<void> {
  const fp = secretFingerprint(f.secretId);
  const state = await s.deps.store.stateOf(s.repo.fullName, fp);
  const issue = { issue: outcome.number, url: outcome.url };
  if (state === undefined) await recordEvent(s, fp, "detected", findingDetails(f));
  if (outcome.action === "created" || state === undefined || state === "detected") {
    await recordEvent(s, fp, "issue-opened", { ...issue, ...findingDetails(f) });
    const owners = outcome.owners.owners.map(formatOwner);
    if (outcome.assignees.length || owners.length)
      await recordEvent(s, fp, "assigned", { ...issue, assignees: outcome.assignees, owners, ownerSource: outcome.owners.source });
    else await recordEvent(s, fp, "redetected", { ...issue, unowned: true, owners: [] }, "keyward", false);
    return;
  }
  if (outcome.action === "reopened") {
    await recordEvent(s, fp, "reopened", { ...issue, reason: "regression: the secret appeared again", ...findingDetails(f) });
    return;
  }
  await recordEvent(s, fp, "redetected", { ...issue, ...findingDetails(f) }, "keyward", false);
}
