/** Writes an auditor's pack for a period of the evidence log (the format is in pack.ts). */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "./canonical.js";
import { GENESIS, verifyChain, type ChainEntry, type ChainVerdict } from "./chain.js";
import { publicKeyOf, signValue } from "./checkpoint.js";
import { HASH_INPUT_NOTE, PACK_FILES, PACK_FORMAT, signedPart, type Manifest } from "./pack.js";
import { renderHtml, renderMarkdown } from "./render.js";
import { summarize, type EvidenceSummary, type SlaDays } from "./report.js";
import type { EvidenceEvent, EvidenceRecord, EvidenceStore } from "./types.js";

export interface ExportOptions {
  /** Inclusive. */
  readonly since?: Date;
  /** Exclusive. */
  readonly until?: Date;
  /** Only this repository's records in full; the others become redacted stubs. */
  readonly repository?: string;
  readonly outDir: string;
  /** Ed25519 private key (PEM) to sign the manifest with; callers read KEYWARD_SIGNING_KEY. */
  readonly signingKey?: string;
  readonly sla?: SlaDays;
  readonly toolVersion: string;
  /** When the pack is generated (default: now). */
  readonly now?: Date;
}

export interface ExportResult {
  readonly dir: string;
  readonly manifest: Manifest;
  /** The whole log up to the period's end, verified from its first record. */
  readonly chain: ChainVerdict;
  readonly summary: EvidenceSummary;
}

export async function exportPack(store: EvidenceStore, options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? new Date();
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
  const chain = verifyChain(upToEnd);

  const entries: ChainEntry[] = period.map((r) => (options.repository === undefined || r.repository === options.repository ? r : { seq: r.seq, prevHash: r.prevHash, hash: r.hash, redacted: true }));
  const full = period.filter((r) => options.repository === undefined || r.repository === options.repository);
  const summary = summarize(upToEnd, {
    period: { ...(options.since ? { since: options.since } : {}), ...(options.until ? { until: options.until } : {}) },
    asOf: options.until && options.until < now ? options.until : now,
    ...(options.sla ? { sla: options.sla } : {}),
    ...(options.repository !== undefined ? { repository: options.repository } : {}),
    integrity: { chain: chain.ok ? `intact from record 1 to ${upToEnd.at(-1)?.seq ?? 0}` : `BROKEN at record ${chain.seq} (${chain.problem}): ${chain.message}`, signed: options.signingKey !== undefined },
  });

  const files = {
    [PACK_FILES.records]: entries.map((e) => JSON.stringify(e) + "\n").join(""),
    [PACK_FILES.csv]: toCsv(full),
    [PACK_FILES.markdown]: renderMarkdown(summary),
    [PACK_FILES.html]: renderHtml(summary),
  };
  const first = period[0];
  const last = period.at(-1);
  const unsigned: Manifest = {
    format: PACK_FORMAT,
    tool: { name: "keyward", version: options.toolVersion },
    generated: now.toISOString(),
    period: { since: since ?? null, until: until ?? null },
    repository: options.repository ?? null,
    hashing: { algorithm: "sha256", canonicalization: "RFC 8785 (JCS)", input: HASH_INPUT_NOTE },
    anchor,
    first: first ? { seq: first.seq, hash: first.hash } : null,
    last: last ? { seq: last.seq, hash: last.hash } : null,
    records: entries.length,
    redacted: entries.length - full.length,
    events: countEvents(full),
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256Hex(text)])),
  };
  const manifest: Manifest = options.signingKey
    ? { ...unsigned, signature: { algorithm: "ed25519", publicKey: publicKeyOf(options.signingKey), value: signValue(signedPart(unsigned), options.signingKey) } }
    : unsigned;

  await mkdir(options.outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(options.outDir, name), text);
  await writeFile(join(options.outDir, PACK_FILES.manifest), JSON.stringify(manifest, null, 2) + "\n");
  return { dir: options.outDir, manifest, chain, summary };
}

function indexOrEnd(index: number, length: number): number {
  return index === -1 ? length : index;
}

function countEvents(records: readonly EvidenceRecord[]): Partial<Record<EvidenceEvent, number>> {
  const out: Partial<Record<EvidenceEvent, number>> = {};
  for (const r of records) out[r.event] = (out[r.event] ?? 0) + 1;
  return out;
}

const CSV_COLUMNS = ["seq", "time", "installation", "repository", "fingerprint", "event", "actor", "delivery_id", "details", "prev_hash", "hash"];

/**
 * RFC 4180: CRLF line ends, a field quoted when it holds a comma, quote or line break, quotes
 * doubled. A field a spreadsheet would run as a formula (= + - @ first) gets a leading
 * apostrophe: repository content reaches `details`, and records.jsonl is the authoritative copy.
 */
export function toCsv(records: readonly EvidenceRecord[]): string {
  const rows = records.map((r) => [String(r.seq), r.time, r.installation === undefined ? "" : String(r.installation), r.repository, r.fingerprint, r.event, r.actor, r.deliveryId ?? "", JSON.stringify(r.details), r.prevHash, r.hash]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
