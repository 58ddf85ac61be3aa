/**
 * Access reviews: which inventoried identities are due for review or rotation, and which
 * exceptions have expired (their findings reopen). Shared by `keyward review` and the App's
 * scheduled run; every step is an evidence record, kept per repository.
 */
import { evidence, evidenceInput, typed, type ExceptionGrantedDetails, type ReviewOpenedDetails } from "./evidence/details.js";
import type { EvidenceRecord, EvidenceStore } from "./evidence/types.js";
import { dueDates, type Identity } from "./ownership/inventory.js";
import { formatOwner } from "./ownership/types.js";

export interface DueReview {
  readonly identity: Identity;
  readonly reasons: readonly string[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const utcDay = (d: Date) => new Date(`${day(d)}T00:00:00Z`);

/**
 * Identities overdue for review or rotation, or expired, as of `now`. `reviewed` holds the
 * latest review on record per identity (see `reviewsOnRecord`): a review recorded after the
 * inventory's `last_reviewed` counts from its own day, so it is not asked for again until due.
 */
export function dueReviews(identities: readonly Identity[], now: Date, reviewed: ReadonlyMap<string, Date> = new Map()): DueReview[] {
  const out: DueReview[] = [];
  for (const identity of identities) {
    const recorded = reviewed.get(identity.secret);
    const lastReviewed = recorded && (!identity.lastReviewed || recorded > identity.lastReviewed) ? utcDay(recorded) : identity.lastReviewed;
    const due = dueDates({ ...identity, ...(lastReviewed ? { lastReviewed } : {}) }, now);
    const reasons: string[] = [];
    if (due.reviewOverdue) reasons.push(due.reviewDue ? `review was due on ${day(due.reviewDue)}` : "no review on record");
    if (due.rotationOverdue) reasons.push(due.rotationDue ? `rotation was due on ${day(due.rotationDue)}` : "no rotation on record");
    if (due.expired && identity.expires) reasons.push(`expired on ${day(identity.expires)}`);
    if (reasons.length) out.push({ identity, reasons });
  }
  return out;
}

export const identityFingerprint = (name: string) => `identity:${name}`;

/** The latest `reviewed` record's time for each identity of one repository. */
export async function reviewsOnRecord(store: EvidenceStore, repository: string): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  for (const r of await store.records({ repository })) {
    if (r.event !== "reviewed" || !r.fingerprint.startsWith("identity:")) continue;
    const name = r.fingerprint.slice("identity:".length);
    const at = new Date(r.time);
    const previous = out.get(name);
    if (!previous || at > previous) out.set(name, at);
  }
  return out;
}

/**
 * Record that a review was opened: once per identity per repository per day. The delivery key
 * names the repository, because the store answers a repeated key with the record it already
 * has — without it, a second repository's review would point at the first's.
 */
export async function recordReviewOpened(store: EvidenceStore, repository: string, due: DueReview, now: Date, actor: string, extra: Partial<ReviewOpenedDetails> = {}): Promise<EvidenceRecord> {
  return store.append(
    evidenceInput(
      { repository, fingerprint: identityFingerprint(due.identity.secret), actor, deliveryId: `review:${repository}:${day(now)}` },
      evidence("review-opened", { identity: due.identity.secret, owners: due.identity.owners.map(formatOwner), reasons: [...due.reasons], ...extra }),
    ),
  );
}

/** `operator`: typed in through the CLI, so the record says it is the operator's attestation. */
export async function recordReviewed(store: EvidenceStore, repository: string, name: string, by: string, note?: string, deliveryId?: string, operator = false): Promise<EvidenceRecord> {
  return store.append(evidenceInput({ repository, fingerprint: identityFingerprint(name), actor: by, ...(deliveryId ? { deliveryId } : {}) }, evidence("reviewed", { identity: name, by, ...(note ? { note } : {}), ...(operator ? { via: "cli", attestation: "operator" } : {}) })));
}

/**
 * Findings whose exception has expired move to "reopened" (exception-expired). Returns the
 * records written. The latest exception-granted record of each finding holds its expiry.
 */
export async function expireExceptions(store: EvidenceStore, now: Date, actor = "keyward", repository?: string): Promise<EvidenceRecord[]> {
  const granted = new Map<string, { record: EvidenceRecord; details: ExceptionGrantedDetails | undefined }>();
  for (const record of await store.records(repository ? { repository } : {})) {
    const t = typed(record);
    // An unreadable grant still replaces the earlier one: its expiry is unknown, so nothing expires on its word.
    if (record.event === "exception-granted") granted.set(`${record.repository}\0${record.fingerprint}`, { record, details: t.ok && t.event === "exception-granted" ? t.details : undefined });
  }
  const out: EvidenceRecord[] = [];
  for (const { record: r, details } of granted.values()) {
    if (!details || details.expires >= day(now)) continue;
    if ((await store.stateOf(r.repository, r.fingerprint)) !== "exception") continue;
    out.push(
      await store.transition(
        evidenceInput({ repository: r.repository, fingerprint: r.fingerprint, actor, deliveryId: `exception-expired:${r.seq}` }, evidence("exception-expired", { expired: details.expires, approver: details.approver, grantedAt: r.seq })),
      ),
    );
  }
  return out;
}
