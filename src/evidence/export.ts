/** Writes an auditor's pack for a period of the evidence log (the format is in pack.ts). */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "./canonical.js";
import { GENESIS, verifyChain, type ChainEntry, type ChainVerdict } from "./chain.js";
import { DEFAULT_ORIGIN, keyFingerprint, publicKeyOf, signValue } from "./checkpoint.js";
import { makeCheckpoint, type CheckpointPublisher, type Timestamper } from "./checkpoints.js";
import { isLifecycleEvent, RESOLVED_STATES, TRANSITIONS } from "./lifecycle.js";
import { MerkleTree, toHex } from "./merkle.js";
import { HASH_INPUT_NOTE, integrityOf, jsonLines, PACK_FILES, PACK_FORMAT, signedPart, TREE_NOTE, type CheckpointLine, type ConsistencyLine, type Manifest, type ProofLine } from "./pack.js";
import { renderPackFiles } from "./pack-files.js";
import { SEVERITIES } from "../detect/types.js";
import { DEFAULT_SLA_DAYS, recordedPolicy, type EvidenceSummary, type SlaDays } from "./report.js";
import { recordLeaf } from "./tree.js";
import type { EvidenceRecord, EvidenceStore, FindingState, StoredTreeHead } from "./types.js";

export interface ExportOptions {
  /** Inclusive. */
  readonly since?: Date;
  /** Exclusive. */
  readonly until?: Date;
  /** Only this repository's records in full; the others become redacted stubs. */
  readonly repository?: string;
  readonly outDir: string;
  /** Ed25519 private key (PEM) to sign the manifest and the pack's checkpoint with; callers read KEYWARD_SIGNING_KEY. */
  readonly signingKey?: string;
  /** The log's origin (KEYWARD_LOG_ORIGIN). */
  readonly origin?: string;
  readonly sla?: SlaDays;
  readonly toolVersion: string;
  /** When the pack is generated (default: now). */
  readonly now?: Date;
  /** Earlier tree heads (from earlier packs) the pack must prove it extends, besides the log's own. */
  readonly previous?: readonly { readonly size: number; readonly root: string }[];
  /** For the pack's own checkpoint, when signed: timestamped and published like any other. */
  readonly timestamper?: Timestamper;
  readonly publishers?: readonly CheckpointPublisher[];
  readonly warn?: (message: string) => void;
}

export interface ExportResult {
  readonly dir: string;
  readonly manifest: Manifest;
  /** The whole log up to the period's end, verified from its first record. */
  readonly chain: ChainVerdict;
  /** Earlier tree heads the log no longer extends (records deleted or rewritten since). */
  readonly inconsistent: readonly string[];
  readonly summary: EvidenceSummary;
}

export async function exportPack(store: EvidenceStore, options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? new Date();
  const origin = options.origin ?? DEFAULT_ORIGIN;
  const since = options.since?.toISOString();
  const until = options.until?.toISOString();
  const log = await store.records();
  // The period is a contiguous run of seqs, from the first record at or after `since` to the
  // last before `until`: hosts' clocks may disagree by a little, the chain may not have holes.
  const start = since === undefined ? 0 : indexOrEnd(log.findIndex((r) => r.time >= since), log.length);
  const end = until === undefined ? log.length : log.findLastIndex((r) => r.time < until) + 1;
  const upToEnd = log.slice(0, Math.max(start, end));
  const period = log.slice(start, Math.max(start, end));
  const before = log[start - 1];
  const anchor = before ? { seq: before.seq, hash: before.hash } : GENESIS;
  const chain = verifyChain(log);

  // The tree is over the log as the store holds it, in order: should records be missing, the
  // leaf positions no longer match their seqs and the pack's proofs fail, as they must.
  const tree = new MerkleTree(log.map(recordLeaf));
  const treeHead = { size: tree.size, root: toHex(tree.root()) };
  // The policy applies to every repository, and a configuration is recorded once for all that
  // use it: a one-repository pack carries the policy and the configurations its records name.
  const named = new Set(log.filter((r) => r.repository === options.repository && typeof r.details.config === "string").map((r) => r.details.config as string));
  const inRepo = (r: EvidenceRecord) =>
    options.repository === undefined || r.repository === options.repository || r.event === "policy-recorded" || (r.event === "config-recorded" && named.has(r.details.digest as string));
  const entries: ChainEntry[] = period.map((r) => (inRepo(r) ? r : { seq: r.seq, prevHash: r.prevHash, hash: r.hash, redacted: true }));
  const full = period.filter(inRepo);
  const context = contextFor(log.slice(0, start).filter(inRepo), full);
  const proofs: ProofLine[] = [...context, ...full].map((r) => ({ seq: r.seq, path: tree.inclusionProof(positionOf(log, r), tree.size).map(toHex) }));

  const heads = await store.treeHeads();
  const inconsistent: string[] = [];
  const consistency: ConsistencyLine[] = [];
  for (const earlier of dedupe([...heads, ...(options.previous ?? [])])) {
    if (earlier.size > tree.size) {
      inconsistent.push(`the log has ${tree.size} records, but a tree of ${earlier.size} was committed to earlier: records were deleted`);
      // Listed all the same, so the pack itself shows the log shrank.
      consistency.push({ size: earlier.size, root: earlier.root, path: [] });
      continue;
    }
    if (earlier.size === 0) continue;
    if (toHex(tree.root(earlier.size)) !== earlier.root) inconsistent.push(`records 1–${earlier.size} no longer hash to the root committed to earlier: the log was rewritten`);
    // Listed with the root committed to then, not today's: a rewritten log's proof fails on it.
    if (earlier.size < tree.size || earlier.root !== treeHead.root) consistency.push({ size: earlier.size, root: earlier.root, path: tree.consistencyProof(earlier.size, tree.size).map(toHex) });
  }

  // The pack's own tree head: a signed checkpoint (chained, timestamped, published) when a key
  // is given, else a plain head, so a later pack can still prove it extends this one.
  // A log must never sign a head inconsistent with one it committed to: such a pack goes unsigned.
  const signingKey = inconsistent.length === 0 && chain.ok ? options.signingKey : undefined;
  let checkpoint: string | null = null;
  if (signingKey) {
    const made = await makeCheckpoint(store, {
      origin,
      signingKey,
      now: () => now,
      ...(options.timestamper ? { timestamper: options.timestamper } : {}),
      ...(options.publishers ? { publishers: options.publishers } : {}),
      ...(options.warn ? { warn: options.warn } : {}),
    });
    checkpoint = made.checkpoint.note;
  } else {
    await store.addTreeHead({ ...treeHead, time: now.toISOString() });
  }
  const checkpoints: CheckpointLine[] = (await store.treeHeads())
    .filter((h): h is StoredTreeHead & { note: string } => h.note !== undefined && h.size <= tree.size)
    .map((h) => ({ note: h.note, ...(h.timestamp ? { timestamp: h.timestamp } : {}) }));

  const signer = signingKey ? publicKeyOf(signingKey) : undefined;
  const first = period[0];
  const last = period.at(-1);
  const points = { anchor, first: first ? { seq: first.seq, hash: first.hash } : null, last: last ? { seq: last.seq, hash: last.hash } : null, tree: treeHead };
  // The SLA is the policy the log records, unless one is given; one that differs is said so in the report.
  const policy = recordedPolicy(upToEnd, options.until);
  const sla = options.sla ?? policy?.days ?? DEFAULT_SLA_DAYS;
  if (options.sla && policy && SEVERITIES.some((s) => policy.days[s] !== options.sla![s])) options.warn?.(`the SLA given differs from the policy the log records (record ${policy.seq}); the report says it is not the recorded policy`);
  const report = { asOf: (options.until && options.until < now ? options.until : now).toISOString(), sla };
  const derived = renderPackFiles([...context, ...full], {
    period: { since: since ?? null, until: until ?? null },
    anchorSeq: anchor.seq,
    repository: options.repository ?? null,
    report,
    integrity: integrityOf(points, signer ? keyFingerprint(signer) : null),
  });
  const files: Record<string, string> = {
    [PACK_FILES.records]: jsonLines(entries),
    [PACK_FILES.context]: jsonLines(context),
    [PACK_FILES.proofs]: jsonLines(proofs),
    [PACK_FILES.consistency]: jsonLines(consistency),
    [PACK_FILES.checkpoints]: jsonLines(checkpoints),
    ...derived.files,
  };
  const unsigned: Manifest = {
    format: PACK_FORMAT,
    tool: { name: "keyward", version: options.toolVersion },
    generated: now.toISOString(),
    period: { since: since ?? null, until: until ?? null },
    repository: options.repository ?? null,
    origin,
    hashing: { algorithm: "sha256", canonicalization: "RFC 8785 (JCS)", input: HASH_INPUT_NOTE, tree: TREE_NOTE },
    ...points,
    records: entries.length,
    redacted: entries.length - full.length,
    context: context.length,
    events: countEvents(full),
    checkpoint,
    report,
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256Hex(text)])),
  };
  const manifest: Manifest = signingKey && signer ? { ...unsigned, signature: { algorithm: "ed25519", publicKey: signer, value: signValue(signedPart(unsigned), signingKey) } } : unsigned;

  await mkdir(options.outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(options.outDir, name), text);
  await writeFile(join(options.outDir, PACK_FILES.manifest), JSON.stringify(manifest, null, 2) + "\n");
  return { dir: options.outDir, manifest, chain, inconsistent, summary: derived.summary };
}

/**
 * The earlier records the period's report needs: everything about a finding or identity that
 * appears in the period, and about every finding still open when the period began (it is part
 * of the period's population even when nothing happened to it). Findings already resolved
 * before the period and untouched in it are left out.
 */
function contextFor(earlier: readonly EvidenceRecord[], period: readonly EvidenceRecord[]): EvidenceRecord[] {
  const key = (r: EvidenceRecord) => `${r.repository}\u0000${r.fingerprint}`;
  const inPeriod = new Set(period.map(key));
  const state = new Map<string, FindingState>();
  for (const r of earlier) if (isLifecycleEvent(r.event)) state.set(key(r), TRANSITIONS[r.event].to);
  // Of the heartbeats before the period, only each repository's last: where the period's coverage starts.
  const lastBeat = new Map<string, number>();
  for (const r of earlier) if (r.event === "scanned") lastBeat.set(r.repository, r.seq);
  return earlier.filter((r) => {
    if (r.event === "scanned") return lastBeat.get(r.repository) === r.seq;
    const s = state.get(key(r));
    return inPeriod.has(key(r)) || s === undefined || !RESOLVED_STATES.has(s);
  });
}

function positionOf(log: readonly EvidenceRecord[], r: EvidenceRecord): number {
  // seq − 1 in an intact log; the record's real position otherwise.
  return log[r.seq - 1] === r ? r.seq - 1 : log.indexOf(r);
}

function dedupe<T extends { readonly size: number; readonly root: string }>(heads: readonly T[]): T[] {
  const seen = new Set<string>();
  return heads.filter((h) => !seen.has(`${h.size}:${h.root}`) && seen.add(`${h.size}:${h.root}`) !== undefined);
}

function indexOrEnd(index: number, length: number): number {
  return index === -1 ? length : index;
}

function countEvents(records: readonly EvidenceRecord[]): Manifest["events"] {
  const out: Record<string, number> = {};
  for (const r of records) out[r.event] = (out[r.event] ?? 0) + 1;
  return out;
}

