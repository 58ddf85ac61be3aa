/**
 * The auditor's pack on disk, shared by export and verify:
 *
 *   records.jsonl  one record per line (or a redacted stub {seq, prevHash, hash, redacted} for
 *                  another repository's record in a repository-filtered pack); chain.ts says
 *                  how each hash is computed
 *   manifest.json  this Manifest; `anchor` is the hash of the record just before the first
 *                  line (64 zeros at the start of the log), so the chain checks from mid-log,
 *                  and it equals `last.hash` of the previous period's pack
 *   records.csv    the same records for a spreadsheet
 *   report.md, report.html   the summary by ISO 27001 / SOC 2 control
 *
 * The signature is Ed25519 over the canonical encoding (canonical.ts) of the manifest without
 * its `signature` key, so it covers the head, the counts, and every other file's sha256.
 */
import type { EvidenceEvent } from "./types.js";

export const PACK_FORMAT = "keyward-evidence-pack/1";

export const PACK_FILES = { records: "records.jsonl", manifest: "manifest.json", csv: "records.csv", markdown: "report.md", html: "report.html" } as const;

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
  readonly hashing: { readonly algorithm: "sha256"; readonly canonicalization: "RFC 8785 (JCS)"; readonly input: string };
  readonly anchor: ChainPoint;
  readonly first: ChainPoint | null;
  readonly last: ChainPoint | null;
  /** Lines in records.jsonl, redacted stubs included. */
  readonly records: number;
  readonly redacted: number;
  /** Full records per event. */
  readonly events: Readonly<Partial<Record<EvidenceEvent, number>>>;
  /** sha256 hex of each other file in the pack, by name. */
  readonly files: Readonly<Record<string, string>>;
  readonly signature?: { readonly algorithm: "ed25519"; readonly publicKey: string; readonly value: string };
}

export const HASH_INPUT_NOTE = "each records.jsonl line without its hash key, canonicalized; prevHash links to the previous line (the anchor for the first)";

/** What the signature covers: the manifest minus the signature itself. */
export function signedPart(manifest: Manifest): Omit<Manifest, "signature"> {
  const { signature: _signature, ...rest } = manifest;
  return rest;
}
