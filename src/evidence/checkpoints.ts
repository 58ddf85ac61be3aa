/**
 * Making checkpoints: every N records and at least hourly while the log grows, each one signed,
 * chained to the one before, timestamped by an RFC 3161 authority and published outside the
 * operator's reach (a Git repository on GitHub), then remembered in the store. The signer, the
 * timestamper, the publishers and the clock are passed in; nothing here reads the environment.
 */
import { noteHash, signCheckpoint, type SignedCheckpoint } from "./checkpoint.js";
import { toHex } from "./merkle.js";
import { headOf, logTree } from "./tree.js";
import type { EvidenceStore, StoredTreeHead } from "./types.js";

/** Somewhere a checkpoint is published; returns where it landed (e.g. github:owner/repo@commit). */
export interface CheckpointPublisher {
  readonly name: string;
  publish(checkpoint: SignedCheckpoint): Promise<string>;
}

/** An RFC 3161 timestamp authority: the DER TimeStampToken over `data` (tsa.ts). */
export interface Timestamper {
  timestamp(data: Uint8Array): Promise<Buffer>;
}

export interface CheckpointOptions {
  readonly origin: string;
  /** Ed25519 private key (PEM). */
  readonly signingKey: string;
  readonly now?: () => Date;
  readonly timestamper?: Timestamper;
  readonly publishers?: readonly CheckpointPublisher[];
  /** A checkpoint once this many records arrived since the last (default 100). */
  readonly everyRecords?: number;
  /** …or once this long passed since the last while records arrived (default one hour). */
  readonly maxAgeMs?: number;
  /** Where a failed timestamp or publication is reported; the checkpoint is still kept. */
  readonly warn?: (message: string) => void;
}

export const DEFAULT_CHECKPOINT_EVERY = 100;
export const DEFAULT_CHECKPOINT_MAX_AGE_MS = 3_600_000;

export class CheckpointRefusedError extends Error {
  override readonly name = "CheckpointRefusedError";
}

export interface CheckpointResult {
  readonly head: StoredTreeHead;
  readonly checkpoint: SignedCheckpoint;
  /** What went wrong with the timestamp or a publisher, if anything. */
  readonly problems: readonly string[];
}

/** The last signed checkpoint the store remembers. */
export async function lastCheckpoint(store: EvidenceStore): Promise<StoredTreeHead | undefined> {
  return (await store.treeHeads()).filter((h) => h.note !== undefined).at(-1);
}

/** Whether a new checkpoint is due: N records since the last, or records older than maxAge uncovered. */
export async function checkpointDue(store: EvidenceStore, options: Pick<CheckpointOptions, "now" | "everyRecords" | "maxAgeMs">): Promise<boolean> {
  const head = await store.head();
  if (!head) return false;
  const last = await lastCheckpoint(store);
  if (!last) return true;
  if (head.seq <= last.size) return false;
  const now = (options.now ?? (() => new Date()))().getTime();
  return head.seq - last.size >= (options.everyRecords ?? DEFAULT_CHECKPOINT_EVERY) || now - Date.parse(last.time) >= (options.maxAgeMs ?? DEFAULT_CHECKPOINT_MAX_AGE_MS);
}

export async function checkpointIfDue(store: EvidenceStore, options: CheckpointOptions): Promise<CheckpointResult | undefined> {
  return (await checkpointDue(store, options)) ? makeCheckpoint(store, options) : undefined;
}

/**
 * Signs the log's current head. Refuses (CheckpointRefusedError) when the log no longer agrees
 * with the last checkpoint — records deleted, edited or replaced since — because a log must
 * never sign a checkpoint inconsistent with one it signed before (c2sp.org/tlog-checkpoint).
 */
export async function makeCheckpoint(store: EvidenceStore, options: CheckpointOptions): Promise<CheckpointResult> {
  const now = (options.now ?? (() => new Date()))();
  const tree = logTree(await store.records());
  const last = await lastCheckpoint(store);
  if (last) {
    if (tree.size < last.size) throw new CheckpointRefusedError(`the log has ${tree.size} records, but checkpoint ${last.size} was signed at ${last.time}: records were deleted`);
    if (toHex(tree.root(last.size)) !== last.root) throw new CheckpointRefusedError(`records 1–${last.size} no longer hash to the root signed at ${last.time}: the log was rewritten`);
  }
  const time = last && Date.parse(last.time) > now.getTime() ? last.time : now.toISOString();
  const checkpoint = signCheckpoint(
    { origin: options.origin, ...headOf(tree), time, ...(last?.note ? { previous: { size: last.size, noteHash: noteHash(last.note) } } : {}) },
    options.signingKey,
  );
  const problems: string[] = [];
  let timestamp: string | undefined;
  if (options.timestamper) {
    try {
      timestamp = (await options.timestamper.timestamp(Buffer.from(checkpoint.note, "utf8"))).toString("base64");
    } catch (err) {
      problems.push(`timestamp: ${(err as Error).message}`);
    }
  }
  const published: string[] = [];
  for (const publisher of options.publishers ?? []) {
    try {
      published.push(await publisher.publish(checkpoint));
    } catch (err) {
      problems.push(`${publisher.name}: ${(err as Error).message}`);
    }
  }
  const head: StoredTreeHead = { size: checkpoint.size, root: checkpoint.root, time: checkpoint.time, note: checkpoint.note, ...(timestamp ? { timestamp } : {}), ...(published.length ? { published: published.join(" ") } : {}) };
  await store.addTreeHead(head);
  for (const p of problems) options.warn?.(`checkpoint ${checkpoint.size}: ${p}`);
  return { head, checkpoint, problems };
}
