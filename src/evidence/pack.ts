/**
 * The auditor's pack on disk, shared by export and verify:
 *
 *   records.jsonl      the period: one record per line (or a redacted stub {seq, prevHash, hash,
 *                      redacted} for another repository's record in a repository-filtered pack);
 *                      chain.ts says how each hash is computed
 *   context.jsonl      earlier records of the findings and identities the period's report covers
 *                      (their detection, owners, assignments), so every lifecycle replays whole
 *   proofs.jsonl       {seq, path}: an RFC 6962 inclusion proof of every full record (period and
 *                      context) in the tree the manifest names, leaf index seq − 1
 *   consistency.jsonl  {size, root, path}: that the manifest's tree extends each earlier tree head
 *                      the log committed to (its checkpoints, earlier packs), with that head's root
 *   checkpoints.jsonl  {note, timestamp?}: the log's signed checkpoints up to the tree, each with
 *                      its RFC 3161 token (base64 DER) when a timestamp authority answered
 *   records.csv, findings.csv, report.md, report.html   derived from the records above; verify
 *                      recomputes them and compares
 *   manifest.json      this Manifest: the anchor (the record just before the period, 64 zeros at
 *                      the start of the log), counts, the tree (size, root) and its signed
 *                      checkpoint, the report's parameters, every other file's sha256
 *
 * The signature is Ed25519 over the canonical encoding (canonical.ts) of the manifest without
 * its `signature` key, so it covers the tree head, the counts, and every other file's sha256.
 */
import type { SlaDays } from "./report.js";
import type { EvidenceEvent } from "./types.js";

export const PACK_FORMAT = "keyward-evidence-pack/2";

export const PACK_FILES = {
  records: "records.jsonl",
  context: "context.jsonl",
  proofs: "proofs.jsonl",
  consistency: "consistency.jsonl",
  checkpoints: "checkpoints.jsonl",
  manifest: "manifest.json",
  csv: "records.csv",
  findings: "findings.csv",
  markdown: "report.md",
  html: "report.html",
} as const;

export interface ChainPoint {
  readonly seq: number;
  readonly hash: string;
}

export interface Manifest {
  readonly format: typeof PACK_FORMAT;
  readonly tool: { readonly name: "keyward"; readonly version: string };
  readonly generated: string;
  /** ISO-8601 UTC; since inclusive, until exclusive; null for an open end. */
  readonly period: { readonly since: string | null; readonly until: string | null };
  readonly repository: string | null;
  /** The log's identity, the checkpoints' origin line. */
  readonly origin: string;
  readonly hashing: { readonly algorithm: "sha256"; readonly canonicalization: "RFC 8785 (JCS)"; readonly input: string; readonly tree: string };
  readonly anchor: ChainPoint;
  readonly first: ChainPoint | null;
  readonly last: ChainPoint | null;
  /** Lines in records.jsonl, redacted stubs included. */
  readonly records: number;
  readonly redacted: number;
  /** Lines in context.jsonl. */
  readonly context: number;
  /** Full records of the period per event. */
  readonly events: Readonly<Partial<Record<EvidenceEvent, number>>>;
  /** The log's Merkle tree when the pack was made: records 1..size, hex root. */
  readonly tree: { readonly size: number; readonly root: string };
  /** The signed checkpoint of `tree` (a C2SP signed note), when the pack is signed. */
  readonly checkpoint: string | null;
  /** What the report was computed with, so verify can compute it again. */
  readonly report: { readonly asOf: string; readonly sla: SlaDays };
  /** sha256 hex of each other file in the pack, by name. */
  readonly files: Readonly<Record<string, string>>;
  readonly signature?: { readonly algorithm: "ed25519"; readonly publicKey: string; readonly value: string };
}

export const HASH_INPUT_NOTE = "each records.jsonl line without its hash key, canonicalized; prevHash links to the previous line (the anchor for the first)";
export const TREE_NOTE = "RFC 6962: leaf = SHA-256(0x00 || the same canonical bytes), node = SHA-256(0x01 || left || right); leaf index = seq - 1";

export interface ProofLine {
  readonly seq: number;
  readonly path: readonly string[];
}

export interface ConsistencyLine {
  readonly size: number;
  readonly root: string;
  readonly path: readonly string[];
}

export interface CheckpointLine {
  readonly note: string;
  readonly timestamp?: string;
}

/** What the signature covers: the manifest minus the signature itself. */
export function signedPart(manifest: Manifest): Omit<Manifest, "signature"> {
  const { signature: _signature, ...rest } = manifest;
  return rest;
}

/** The report's account of the log's integrity: only what the pack itself shows. */
export function integrityOf(m: Pick<Manifest, "anchor" | "first" | "last" | "tree">, signer: string | null): { readonly chain: string; readonly signer: string | null } {
  const range = m.first && m.last ? `records ${m.first.seq}–${m.last.seq} linked from the anchor (record ${m.anchor.seq})` : "no records in the period";
  return { chain: `${range}; Merkle tree of ${m.tree.size} records, root ${m.tree.root}`, signer };
}

export function jsonLines(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v) + "\n").join("");
}
