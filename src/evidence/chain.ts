/**
 * The hash chain. Each record's hash is
 *
 *   sha256_hex( UTF-8( canonical({ actor, deliveryId?, details, event, fingerprint,
 *                                  installation?, prevHash, repository, seq, time }) ) )
 *
 * with canonical() as documented in canonical.ts (RFC 8785) and the optional keys left out
 * when absent. That object is exactly a records.jsonl line without its "hash" key, so a line
 * can be checked with any JCS library and sha256sum. prevHash is the previous record's hash,
 * or 64 zeros for seq 1, so changing, removing, adding or moving any record breaks every
 * link after it.
 */
import type { EvidenceRecord } from "./types.js";
import { canonicalize, sha256Hex } from "./canonical.js";

export const GENESIS_HASH = "0".repeat(64);

/** Everything a record's hash covers apart from prevHash. */
export type RecordFields = Omit<EvidenceRecord, "hash" | "prevHash">;

/**
 * A record of another repository in a repository-filtered export: it keeps the chain
 * continuous without disclosing the content, which therefore cannot be rehashed.
 */
export interface RedactedRecord {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly redacted: true;
}

export type ChainEntry = EvidenceRecord | RedactedRecord;

/** The record just before the first one checked: seq 0 and GENESIS_HASH for a whole log. */
export interface ChainAnchor {
  readonly seq: number;
  readonly hash: string;
}

export const GENESIS: ChainAnchor = { seq: 0, hash: GENESIS_HASH };

export type ChainProblem = "edited" | "deleted" | "inserted" | "reordered" | "bad-link";

export type ChainVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly seq: number; readonly problem: ChainProblem; readonly message: string };

/** The exact text a record's hash is computed over. */
export function hashInput(fields: RecordFields, prevHash: string): string {
  // Picked one by one so a full record (with its own `hash`) can be passed in safely.
  const { seq, time, installation, repository, fingerprint, event, actor, deliveryId, details } = fields;
  return canonicalize({ seq, time, installation, repository, fingerprint, event, actor, deliveryId, details, prevHash });
}

export function hashRecord(fields: RecordFields, prevHash: string): string {
  return sha256Hex(hashInput(fields, prevHash));
}

export function isRedacted(entry: ChainEntry): entry is RedactedRecord {
  return "redacted" in entry && entry.redacted === true;
}

/**
 * Checks entries in file order and names the first one that breaks the chain. Content is
 * checked before position: a record whose hash does not match its content is "edited"
 * wherever it sits. Then its seq must be the previous one plus 1 — a seq seen before is
 * "inserted", a lower one or a higher one whose missing predecessor turns up later is
 * "reordered", a higher one otherwise means the records between were "deleted" (the first
 * missing seq is named) — and its prevHash must be the previous record's hash ("bad-link").
 * A well-formed record appended after the last cannot be told from a real one here; that is
 * what an export manifest's counts and a signed checkpoint are for.
 */
export function verifyChain(entries: readonly ChainEntry[], anchor: ChainAnchor = GENESIS): ChainVerdict {
  let prev = anchor;
  const seen = new Set<number>();
  for (const [i, entry] of entries.entries()) {
    const { seq } = entry;
    if (!isRedacted(entry) && !hashMatches(entry)) {
      return broken(seq, "edited", `record ${seq} does not match its hash: its content was changed`);
    }
    const expected = prev.seq + 1;
    if (seen.has(seq) || seq <= anchor.seq) {
      return broken(seq, "inserted", seq <= anchor.seq ? `record ${seq} comes from before the anchor (seq ${anchor.seq})` : `record ${seq} appears more than once`);
    }
    if (seq < expected) return broken(seq, "reordered", `record ${seq} is out of order: it follows record ${prev.seq}`);
    if (seq > expected) {
      if (entries.slice(i + 1).some((later) => later.seq === expected)) {
        return broken(seq, "reordered", `record ${seq} is out of order: record ${expected} comes after it`);
      }
      const missing = seq - 1 === expected ? `record ${expected} is missing` : `records ${expected}–${seq - 1} are missing`;
      return broken(expected, "deleted", `${missing}: record ${seq} follows record ${prev.seq}`);
    }
    if (entry.prevHash !== prev.hash) {
      return broken(seq, "bad-link", `record ${seq} does not link to ${prev === anchor ? "the anchor" : `record ${prev.seq}`}: prevHash ${short(entry.prevHash)} ≠ ${short(prev.hash)}`);
    }
    seen.add(seq);
    prev = entry;
  }
  return { ok: true };
}

/** A record whose content cannot even be encoded (say, a NaN slipped into a file) was edited too. */
function hashMatches(record: EvidenceRecord): boolean {
  try {
    return hashRecord(record, record.prevHash) === record.hash;
  } catch {
    return false;
  }
}

function broken(seq: number, problem: ChainProblem, message: string): ChainVerdict {
  return { ok: false, seq, problem, message };
}

export function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
