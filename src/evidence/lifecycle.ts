/**
 * A finding's remediation lifecycle as a table: for each event, the state it leads to and
 * the states it may happen in. The happy path is
 *
 *   detected → issue-opened → assigned → acknowledged → rotated | revoked → fix-verified → closed
 *
 * with these branches, each one something the App really sees:
 *   - The owner may attest rotated/revoked at any point before that (many fix first and
 *     acknowledge never), and again afterwards (rotated then revoked: a new key, then the old one
 *     revoked by the App) — re-attesting is recorded, not refused. An owner may also rotate a
 *     secret that is under an exception.
 *   - fix-verified only follows an attestation, so every verified fix names who did it; when a
 *     secret disappears by itself (a provider revoked it), the App first records `revoked` with
 *     itself as the actor, then the check that verifies it.
 *   - closed follows fix-verified (closing the issue before the check is not closure) or
 *     false-positive (its issue is closed as not planned; reports still count it as a false
 *     positive from its history). Not an exception: a closed finding could never expire.
 *   - reopened is legal from every state and starts the flow over (issue-opened, assigned,
 *     acknowledged, rotated …): a failed check after an attestation (the key still works),
 *     after fix-verified or closed (the secret is back), after false-positive or an exception
 *     (someone disagreed), and an issue closed before anything was verified. An exception
 *     that runs out is `exception-expired`, which also leads to reopened.
 *   - false-positive (needs details.reason) and exception-granted (needs approver, reason,
 *     expires, and an approver who is not the owner) are open to any finding not yet worked
 *     on; an exception may be renewed while it runs.
 *   - Re-assignment is legal from assigned or acknowledged: the new owner starts at assigned.
 *   - resolved is how a workflow or identity finding ends: a later scan that looked where it was
 *     (the default branch's whole audit, a complete inventory sweep) no longer sees it. It is
 *     refused for secrets: a secret gone from the code still works until it is rotated or revoked.
 *     Seen again, the finding is reopened.
 * `detected` is only ever a finding's first record; seeing the secret again is `redetected`,
 * which like reviews and validity checks is recorded without changing state.
 */
import { DETAILS, normalLogin, ownersNamed, readDetails, type DetailsOf } from "./details.js";
import type { EvidenceEvent, EvidenceRecord, FindingState } from "./types.js";

export { normalLogin } from "./details.js";

export type LifecycleEvent =
  | "detected"
  | "issue-opened"
  | "assigned"
  | "acknowledged"
  | "rotated"
  | "revoked"
  | "fix-verified"
  | "closed"
  | "reopened"
  | "false-positive"
  | "exception-granted"
  | "exception-expired"
  | "resolved";

/** Events that are recorded without moving a finding: the store's `append`. */
export type RecordOnlyEvent = Exclude<EvidenceEvent, LifecycleEvent>;

/** Nothing done about the finding yet (or it was reopened): every way forward is open. */
const UNWORKED = ["detected", "issue-opened", "assigned", "acknowledged", "reopened"] as const satisfies readonly FindingState[];
const ATTESTED = ["rotated", "revoked"] as const satisfies readonly FindingState[];

export interface Transition {
  readonly to: FindingState;
  /** States the event is legal in; empty for `detected`, which is legal only as the first record. */
  readonly from: readonly FindingState[];
}

export const TRANSITIONS: Readonly<Record<LifecycleEvent, Transition>> = {
  detected: { to: "detected", from: [] },
  "issue-opened": { to: "issue-opened", from: ["detected", "reopened"] },
  assigned: { to: "assigned", from: ["detected", "issue-opened", "assigned", "acknowledged", "reopened"] },
  acknowledged: { to: "acknowledged", from: ["issue-opened", "assigned", "reopened"] },
  rotated: { to: "rotated", from: [...UNWORKED, ...ATTESTED, "exception"] },
  revoked: { to: "revoked", from: [...UNWORKED, ...ATTESTED, "exception"] },
  "fix-verified": { to: "fix-verified", from: ATTESTED },
  closed: { to: "closed", from: ["fix-verified", "false-positive"] },
  reopened: { to: "reopened", from: [...UNWORKED, ...ATTESTED, "fix-verified", "closed", "false-positive", "exception", "resolved"] },
  "false-positive": { to: "false-positive", from: UNWORKED },
  "exception-granted": { to: "exception", from: [...UNWORKED, "exception"] },
  "exception-expired": { to: "reopened", from: ["exception"] },
  resolved: { to: "resolved", from: [...UNWORKED, "exception"] },
};

export const LIFECYCLE_EVENTS = Object.keys(TRANSITIONS) as LifecycleEvent[];

export function isLifecycleEvent(event: EvidenceEvent): event is LifecycleEvent {
  return Object.hasOwn(TRANSITIONS, event);
}

/** Remediated, or judged not to be a secret: no longer open. */
export const RESOLVED_STATES: ReadonlySet<FindingState> = new Set(["fix-verified", "closed", "false-positive", "resolved"]);

/** Secrets' fingerprints: `resolved` (no longer observed) is never their end. */
export const isSecretFingerprint = (fingerprint: string) => fingerprint.startsWith("secret:");

export class IllegalTransitionError extends Error {
  override readonly name = "IllegalTransitionError";
  constructor(
    readonly from: FindingState | undefined,
    readonly event: EvidenceEvent,
    why?: string,
  ) {
    super(
      why !== undefined
        ? `'${event}' is not allowed: ${why}`
        : !isLifecycleEvent(event)
        ? `'${event}' does not change a finding's state: append it instead`
        : from === undefined
          ? `a finding's first record must be 'detected', not '${event}'`
          : `'${event}' is not allowed for a finding in state '${from}' (allowed: ${legalEvents(from).join(", ") || "none"})`,
    );
  }
}

export class InvalidDetailsError extends Error {
  override readonly name = "InvalidDetailsError";
  constructor(
    readonly event: EvidenceEvent,
    readonly field: string,
    problem: string,
  ) {
    super(`'${event}' ${problem}`);
  }
}

/** The events a finding in `state` may take next (for the undefined state: `detected`). */
export function legalEvents(state: FindingState | undefined): LifecycleEvent[] {
  if (state === undefined) return ["detected"];
  return LIFECYCLE_EVENTS.filter((e) => TRANSITIONS[e].from.includes(state));
}

type Details = Readonly<Record<string, unknown>>;

/**
 * The state after `event`, or an IllegalTransitionError / InvalidDetailsError (details that do
 * not fit the event's schema in details.ts, or miss what the event cannot do without).
 * `knownOwners` are the owners the finding's earlier records name, so an owner cannot approve
 * her own exception by leaving herself out of the record.
 */
export function applyEvent(state: FindingState | undefined, event: EvidenceEvent, details: Details, knownOwners: readonly string[] = [], fingerprint?: string): FindingState {
  if (!isLifecycleEvent(event)) throw new IllegalTransitionError(state, event);
  const legal = state === undefined ? event === "detected" : TRANSITIONS[event].from.includes(state);
  if (!legal) throw new IllegalTransitionError(state, event);
  if (event === "resolved" && fingerprint !== undefined && isSecretFingerprint(fingerprint)) throw new IllegalTransitionError(state, event, "a secret is not resolved by disappearing: it needs rotated or revoked, then fix-verified");
  checkDetails(event, details, knownOwners);
  return TRANSITIONS[event].to;
}

/** Owners a record names: details.owner ("@a, @b"), details.owners (logins, or objects with a login). */
export function ownersIn(record: Pick<EvidenceRecord, "event" | "details">): string[] {
  return ownersNamed(readDetails(record.event, record.details));
}

/** The state a finding's records leave it in: the target of its last lifecycle event. */
export function stateAfter(events: readonly EvidenceEvent[]): FindingState | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (isLifecycleEvent(event)) return TRANSITIONS[event].to;
  }
  return undefined;
}

/** Details of the event's shape, and what some events cannot do without: an exception is only evidence with its approval. */
function checkDetails(event: LifecycleEvent, raw: Details, knownOwners: readonly string[]): void {
  const parsed = DETAILS[event].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "details");
    throw new InvalidDetailsError(event, field, raw[field] === undefined ? `needs details.${field}` : `has details.${issue.path.join(".")} that does not fit: ${issue.message}`);
  }
  if (event === "false-positive") requireText(event, "reason", (parsed.data as DetailsOf<"false-positive">).reason);
  if (event !== "exception-granted") return;
  const d = parsed.data as DetailsOf<"exception-granted">;
  const approver = requireText(event, "approver", d.approver);
  requireText(event, "reason", d.reason);
  const expires = requireText(event, "expires", d.expires);
  if (!isCalendarDay(expires)) throw new InvalidDetailsError(event, "expires", `needs details.expires as YYYY-MM-DD, got '${expires}'`);
  // Four eyes: the person carrying the risk cannot be the one accepting it — any owner the
  // record or the finding's history names. Logins compare case-insensitively, as GitHub does.
  const owners = [...ownersNamed({ ok: true, event, details: d }), ...knownOwners.map(normalLogin)];
  if (owners.includes(normalLogin(approver))) {
    throw new InvalidDetailsError(event, "approver", `must be approved by someone other than the owner (${approver})`);
  }
}

function requireText(event: LifecycleEvent, field: string, value: string): string {
  if (value.trim() === "") throw new InvalidDetailsError(event, field, `needs details.${field}`);
  return value;
}

export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
