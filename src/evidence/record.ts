/**
 * What both stores do inside their append transaction, minus the SQL: decide the next state,
 * stamp and hash the record, and map rows back. Pure, so the stores differ only in how they
 * lock and write.
 */
import { canonicalize, toJson } from "./canonical.js";
import { GENESIS_HASH, hashRecord } from "./chain.js";
import { detailsProblem, ownersNamed, readDetails } from "./details.js";
import { applyEvent, InvalidDetailsError, isLifecycleEvent, LIFECYCLE_EVENTS, stateAfter, TRANSITIONS } from "./lifecycle.js";
import type { EvidenceEvent, EvidenceInput, EvidenceRecord, FindingState, RecordQuery, StateMismatch, StoredTreeHead } from "./types.js";

/** Side effects a store takes from its caller. */
export interface StoreOptions {
  /** When records are stamped (default: the system clock); tests pin it. */
  readonly clock?: () => Date;
  /**
   * Called inside the append transaction right after the record is inserted and before the
   * finding's state is written; a throw rolls both back. Tests use it to simulate a crash.
   */
  readonly afterInsert?: (record: EvidenceRecord) => void;
}

export type AppendKind = "transition" | "append";

export interface PlannedAppend {
  readonly record: EvidenceRecord;
  /** The finding's new state; absent for records that do not change state. */
  readonly state?: FindingState;
}

/**
 * The record to insert after `head`. A transition must be a lifecycle event that is legal
 * from `current` (IllegalTransitionError / InvalidDetailsError otherwise); a plain append must
 * not be one, so no state change can slip past the table.
 */
export function planAppend(kind: AppendKind, input: EvidenceInput, current: FindingState | undefined, head: Pick<EvidenceRecord, "seq" | "hash"> | undefined, now: Date, knownOwners: readonly string[] = []): PlannedAppend {
  if (!input.repository || !input.fingerprint || !input.actor) throw new TypeError("an evidence record needs a repository, a fingerprint and an actor");
  if (kind === "append" && isLifecycleEvent(input.event)) throw new TypeError(`'${input.event}' changes a finding's state: use transition()`);
  const state = kind === "transition" ? applyEvent(current, input.event, input.details, knownOwners, input.fingerprint) : undefined;
  // What is written can be read back: details that do not fit their event are refused, never stored.
  const problem = kind === "append" ? detailsProblem(input.event, input.details) : undefined;
  if (problem) throw new InvalidDetailsError(input.event, "details", `has details that do not fit: ${problem}`);
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    time: now.toISOString(),
    ...(input.installation !== undefined ? { installation: input.installation } : {}),
    repository: input.repository,
    fingerprint: input.fingerprint,
    event: input.event,
    actor: input.actor,
    ...(input.deliveryId !== undefined ? { deliveryId: input.deliveryId } : {}),
    // Stored as its canonical text and read back parsed, so the record returned now and the
    // one read later hash the same.
    details: toJson(input.details) as Readonly<Record<string, unknown>>,
  };
  if (typeof fields.details !== "object" || fields.details === null || Array.isArray(fields.details)) throw new TypeError("details must be an object");
  const prevHash = head?.hash ?? GENESIS_HASH;
  const record: EvidenceRecord = { ...fields, prevHash, hash: hashRecord(fields, prevHash) };
  return state === undefined ? { record } : { record, state };
}

/** What a store needs to know about a finding before appending to it: from its records, not a cache. */
/** The owners a finding's records name (for four eyes on exceptions), from their rows' event and details JSON. */
export function ownersOfDetails(rows: readonly { readonly event: string; readonly details: string }[]): string[] {
  return [...new Set(rows.flatMap((r) => ownersNamed(readDetails(r.event, JSON.parse(r.details)))))];
}

/** The state cache row for a lifecycle event's name (a `records.event` value). */
export function stateOfEvent(event: string | undefined): FindingState | undefined {
  return event === undefined ? undefined : stateAfter([event as EvidenceEvent]);
}

/** Lifecycle event names as SQL string literals, for `event IN (…)`. */
export const LIFECYCLE_SQL = LIFECYCLE_EVENTS.map((e) => `'${e}'`).join(", ");

/** Every finding's state as its records leave it. */
export function derivedStates(records: readonly Pick<EvidenceRecord, "repository" | "fingerprint" | "event">[]): Map<string, { repository: string; fingerprint: string; state: FindingState }> {
  const out = new Map<string, { repository: string; fingerprint: string; state: FindingState }>();
  for (const r of records) {
    if (!isLifecycleEvent(r.event)) continue;
    out.set(`${r.repository}\u0000${r.fingerprint}`, { repository: r.repository, fingerprint: r.fingerprint, state: TRANSITIONS[r.event].to });
  }
  return out;
}

export function compareStates(cache: readonly { repository: string; fingerprint: string; state: FindingState }[], derived: ReturnType<typeof derivedStates>): StateMismatch[] {
  const out: StateMismatch[] = [];
  const seen = new Set<string>();
  for (const c of cache) {
    const key = `${c.repository}\u0000${c.fingerprint}`;
    seen.add(key);
    const d = derived.get(key)?.state;
    if (d !== c.state) out.push({ repository: c.repository, fingerprint: c.fingerprint, cached: c.state, derived: d });
  }
  for (const [key, d] of derived) if (!seen.has(key)) out.push({ repository: d.repository, fingerprint: d.fingerprint, cached: undefined, derived: d.state });
  return out;
}

/** A `records` row as both stores select it (PostgreSQL returns bigint columns as strings). */
export interface RecordRow {
  seq: number | string;
  time: string;
  installation: number | string | null;
  repository: string;
  fingerprint: string;
  event: string;
  actor: string;
  delivery_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export const RECORD_COLUMNS = "seq, time, installation, repository, fingerprint, event, actor, delivery_id, details, prev_hash, hash";

export function fromRow(row: RecordRow): EvidenceRecord {
  return {
    seq: Number(row.seq),
    time: row.time,
    ...(row.installation !== null ? { installation: Number(row.installation) } : {}),
    repository: row.repository,
    fingerprint: row.fingerprint,
    event: row.event as EvidenceEvent,
    actor: row.actor,
    ...(row.delivery_id !== null ? { deliveryId: row.delivery_id } : {}),
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export const TREE_HEAD_COLUMNS = "size, root, time, note, timestamp, published";

export interface TreeHeadRow {
  size: number | string;
  root: string;
  time: string;
  note: string | null;
  timestamp: string | null;
  published: string | null;
}

export function treeHeadFromRow(row: TreeHeadRow): StoredTreeHead {
  return {
    size: Number(row.size),
    root: row.root,
    time: row.time,
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.timestamp !== null ? { timestamp: row.timestamp } : {}),
    ...(row.published !== null ? { published: row.published } : {}),
  };
}

export function treeHeadToRow(h: StoredTreeHead): unknown[] {
  if (!Number.isSafeInteger(h.size) || h.size < 0 || !/^[0-9a-f]{64}$/.test(h.root)) throw new TypeError("a tree head needs a size and a hex root");
  return [h.size, h.root, h.time, h.note ?? null, h.timestamp ?? null, h.published ?? null];
}

/** The values for an INSERT in RECORD_COLUMNS order. */
export function toRow(r: EvidenceRecord): unknown[] {
  return [r.seq, r.time, r.installation ?? null, r.repository, r.fingerprint, r.event, r.actor, r.deliveryId ?? null, canonicalize(r.details), r.prevHash, r.hash];
}

/**
 * WHERE clause for a query: `since` inclusive, `until` exclusive. Record times are ISO-8601
 * UTC with milliseconds, so comparing the text compares the instants.
 */
export function recordFilter(query: RecordQuery, placeholder: (n: number) => string = () => "?"): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace("?", placeholder(params.length)));
  };
  if (query.since) add(`time >= ?`, query.since.toISOString());
  if (query.until) add(`time < ?`, query.until.toISOString());
  if (query.repository !== undefined) add(`repository = ?`, query.repository);
  if (query.fingerprint !== undefined) add(`fingerprint = ?`, query.fingerprint);
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}
