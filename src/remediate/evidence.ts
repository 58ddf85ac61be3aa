/**
 * Evidence for what the App did about a secret: every step a lifecycle record carrying the
 * delivery id, so a redelivery appends nothing new. Never the secret: rule, place, preview.
 */
import type { SecretFinding } from "../detect/types.js";
import { evidence, evidenceInput, type DetectedDetails, type Evidence } from "../evidence/details.js";
import { IllegalTransitionError, InvalidDetailsError, isLifecycleEvent } from "../evidence/lifecycle.js";
import { DETAILS } from "../evidence/details.js";
import { formatOwner } from "../ownership/types.js";
import type { IssueOutcome } from "./issues.js";
import type { Services } from "./types.js";

/** What a refused step carries over from the step it refused: the issue, who, with what authority. */
const refusedStep = DETAILS["transition-refused"].pick({ issue: true, url: true, by: true, authority: true });

export const secretFingerprint = (secretId: string) => `secret:${secretId}`;

/** What evidence says about a finding: rule, place and masked preview — never the secret. */
export function findingDetails(f: SecretFinding): DetectedDetails {
  return {
    rule: f.ruleId,
    severity: f.severity,
    path: f.location.path,
    line: f.location.line,
    // When the leaked line was committed: where the exposure window starts.
    ...(f.location.commit ? { commit: f.location.commit.sha, ...(f.location.commit.date ? { committedAt: f.location.commit.date } : {}) } : {}),
    preview: f.preview,
  };
}

/** Records that a rule, a check or a provider answered, which carry the scan's provenance. */
const JUDGEMENTS: ReadonlySet<Evidence["event"]> = new Set(["detected", "reopened", "redetected", "resolved", "validity-checked", "revocation-requested", "revoked", "revocation-failed", "fix-verified", "scanned"]);

export type Recorded = { readonly ok: true } | { readonly ok: false; readonly problem: string };

/**
 * Appends `e` for the finding: a lifecycle event as a transition, any other as a plain record.
 * A step the lifecycle refuses (illegal from the finding's state, or details it cannot take)
 * is itself recorded, as `transition-refused` with what the lifecycle said and who asked, and
 * reported back; any other store error fails the delivery.
 */
export async function recordEvent(s: Services, fingerprint: string, e: Evidence, actor = "keyward"): Promise<Recorded> {
  const at = { ...(s.repo.installation ? { installation: s.repo.installation } : {}), repository: s.repo.fullName, fingerprint, deliveryId: s.deliveryId };
  // A judgement made during a scan says by which Keyward, rules and configuration (provenance.ts).
  const judged = s.provenance && JUDGEMENTS.has(e.event) ? ({ event: e.event, details: { ...s.provenance, ...e.details } } as Evidence) : e;
  const input = evidenceInput({ ...at, actor }, judged);
  const event = e.event;
  try {
    if (isLifecycleEvent(event)) await s.deps.store.transition(input);
    else await s.deps.store.append(input);
    return { ok: true };
  } catch (err) {
    // A refused transition is a fact about the lifecycle, not a reason to drop the delivery.
    // Anything else (the database is down) fails the delivery: a GitHub write without its
    // record is a bug, and the redelivery completes both exactly once.
    if (!(err instanceof IllegalTransitionError || err instanceof InvalidDetailsError)) throw err;
    s.log.warn({ err: err.message, event, fingerprint, delivery: s.deliveryId }, "evidence record refused");
    const asked = e.details as Partial<Record<"issue" | "url" | "by" | "authority", unknown>>;
    const carried = refusedStep.safeParse({ issue: asked.issue, url: asked.url, by: asked.by, authority: asked.authority });
    const from = err instanceof IllegalTransitionError && err.from ? { from: err.from } : {};
    const refusal = evidence("transition-refused", { ...(carried.success ? carried.data : {}), refused: event, ...from, reason: err.message });
    await s.deps.store.append(evidenceInput({ ...at, actor: "keyward" }, refusal));
    return { ok: false, problem: err.message };
  }
}

/**
 * Before the first GitHub write about a secret: its detection, so that no issue exists without
 * a record, and a store outage stops the delivery before anything is written.
 */
export async function recordDetection(s: Services, f: SecretFinding): Promise<void> {
  const fp = secretFingerprint(f.secretId);
  if ((await s.deps.store.stateOf(s.repo.fullName, fp)) === undefined) await recordEvent(s, fp, evidence("detected", findingDetails(f)));
}

export async function recordIssueOutcome(s: Services, f: SecretFinding, outcome: IssueOutcome): Promise<void> {
  const fp = secretFingerprint(f.secretId);
  const state = await s.deps.store.stateOf(s.repo.fullName, fp);
  const issue = { issue: outcome.number, url: outcome.url, ...(outcome.labelRestored ? { labelRestored: true } : {}) };
  if (state === undefined) await recordEvent(s, fp, evidence("detected", findingDetails(f)));
  if (outcome.action === "created" || state === undefined || state === "detected") {
    await recordEvent(s, fp, evidence("issue-opened", { ...issue, ...findingDetails(f), ...(outcome.nodeId ? { nodeId: outcome.nodeId } : {}), ...(outcome.createdBy ? { createdBy: outcome.createdBy } : {}) }));
    const owners = outcome.owners.owners.map(formatOwner);
    if (outcome.assignees.length || owners.length)
      await recordEvent(s, fp, evidence("assigned", { ...issue, assignees: [...outcome.assignees], owners, ownerSource: outcome.owners.source }));
    else await recordEvent(s, fp, evidence("redetected", { ...issue, unowned: true, owners: [] }));
    return;
  }
  if (outcome.action === "reopened") {
    await recordEvent(s, fp, evidence("reopened", { ...issue, reason: "regression: the secret appeared again", ...findingDetails(f) }));
    return;
  }
  await recordEvent(s, fp, evidence("redetected", { ...issue, ...findingDetails(f) }));
}
