/**
 * The evidence log's vocabulary, shared by the App, the CLI and both stores. A record is
 * append-only and hash-chained; the lifecycle state of a finding is derived from its records.
 */
import type { DeliveryLedger } from "./ledger.js";

/** Where a finding stands in its remediation. */
export type FindingState =
  | "detected"
  | "issue-opened"
  | "assigned"
  | "acknowledged"
  | "rotated"
  | "revoked"
  | "fix-verified"
  | "closed"
  | "false-positive"
  | "exception"
  | "reopened"
  /** A workflow or identity finding the App no longer observes where it looked (never a secret). */
  | "resolved";

/** What happened: each lifecycle transition, plus records that do not change state. */
export type EvidenceEvent =
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
  | "redetected"
  | "reviewed"
  | "review-opened"
  | "validity-checked"
  | "revocation-requested"
  | "revocation-failed"
  | "resolved"
  /** A heartbeat: one scan of a repository (head SHA, rules version, findings), so coverage and its gaps show. */
  | "scanned"
  /** A configuration in force, stored once by its digest: what records' `config` digests point at. */
  | "config-recorded"
  /** The remediation policy in force (SLA days per severity): what packs are reported against. */
  | "policy-recorded"
  | "command-refused"
  | "transition-refused";

export interface EvidenceInput {
  readonly installation?: number;
  /** owner/name */
  readonly repository: string;
  /** The finding's stable fingerprint (or an identity's name for review records). */
  readonly fingerprint: string;
  readonly event: EvidenceEvent;
  /** Who did it: a GitHub login, "keyward" for the App itself, or "cli:<user>". */
  readonly actor: string;
  /** The GitHub delivery that caused it, when one did: makes redeliveries idempotent. */
  readonly deliveryId?: string;
  /**
   * Never a secret: rule, file, line, issue number, reason, approver, expiry … Each event's
   * shape is in details.ts: build with `evidence(event, details)`, read with `typed(record)`
   * (a stored record is raw JSON someone may have edited). The store refuses details that do
   * not fit their event.
   */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface EvidenceRecord extends EvidenceInput {
  /** 1, 2, 3 … with no gaps. */
  readonly seq: number;
  /** ISO-8601 UTC with milliseconds. */
  readonly time: string;
  /** Hash of the previous record ("0"×64 for the first). */
  readonly prevHash: string;
  /** sha256 over the canonical encoding of every field above. */
  readonly hash: string;
}

export interface RecordQuery {
  readonly since?: Date;
  readonly until?: Date;
  readonly repository?: string;
  readonly fingerprint?: string;
}

export interface EvidenceStore {
  /**
   * Append a record that moves a finding through its lifecycle: checks the transition is
   * legal (IllegalTransitionError otherwise), appends the record and updates the finding's
   * state in one transaction. A record with the same (deliveryId, fingerprint, event) as an
   * existing one is not appended again: the existing record is returned.
   */
  transition(input: EvidenceInput): Promise<EvidenceRecord>;
  /** Append a record that does not change state (reviewed, validity-checked, redetected …). */
  append(input: EvidenceInput): Promise<EvidenceRecord>;
  /** The current lifecycle state of a finding, or undefined when it was never recorded. */
  stateOf(repository: string, fingerprint: string): Promise<FindingState | undefined>;
  records(query?: RecordQuery): Promise<EvidenceRecord[]>;
  /** The last record, or undefined for an empty log. */
  head(): Promise<EvidenceRecord | undefined>;
  /**
   * Findings whose row in the state cache (the findings table) is not what their records say.
   * The records are the truth: transition() and stateOf() read the state from them, so an edited
   * cache changes nothing, and this says where it was edited.
   */
  checkStateCache(): Promise<StateMismatch[]>;
  /** Rewrites the state cache from the records; returns how many findings it holds. */
  rebuildStateCache(): Promise<number>;
  /** Remember a tree head the log committed to (checkpoints.ts); insert-only, like records. */
  addTreeHead(head: StoredTreeHead): Promise<void>;
  /** Every tree head remembered, oldest first. */
  treeHeads(): Promise<StoredTreeHead[]>;
  /** What the App did with each delivery and check run (ledger.ts): bookkeeping beside the log, not evidence. */
  readonly ledger: DeliveryLedger;
  close(): Promise<void>;
}

export interface StateMismatch {
  readonly repository: string;
  readonly fingerprint: string;
  /** What the findings table says (undefined: no row). */
  readonly cached: FindingState | undefined;
  /** What the records say (undefined: no lifecycle record). */
  readonly derived: FindingState | undefined;
}

/** A tree head the log committed to: a signed checkpoint, or the head an unsigned pack was exported at. */
export interface StoredTreeHead {
  readonly size: number;
  /** Hex RFC 6962 root of records 1..size. */
  readonly root: string;
  /** ISO-8601 UTC. */
  readonly time: string;
  /** The signed checkpoint note; absent for an unsigned export's head. */
  readonly note?: string;
  /** Base64 DER RFC 3161 TimeStampToken over the note, when a timestamp authority answered. */
  readonly timestamp?: string;
  /** Where the note was published (github:owner/repo@commit), when it was. */
  readonly published?: string;
}
