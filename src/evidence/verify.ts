/**
 * Checks an auditor's pack, from the files alone: every hash and link from the manifest's
 * anchor, the counts and head, the signature and the signer's fingerprint, every record's
 * inclusion proof in the tree, the pack's signed checkpoint of that tree, the consistency proofs
 * from every earlier tree head the log committed to, the chain of checkpoints and their RFC 3161
 * timestamps, a replay of every lifecycle (legal transitions, time order, four eyes on
 * exceptions), and the derived files (CSV, report) computed again from the records. Reports
 * the first problem and the record it is at. `verifyExtends` then says whether one verified pack
 * extends another; `checkPublished` checks a pack against checkpoints published elsewhere.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { digestOf, sha256Hex } from "./canonical.js";
import { hashRecord, isRedacted, short, verifyChain, type ChainEntry, type ChainProblem } from "./chain.js";
import { CheckpointError, keyFingerprint, noteHash, parseCheckpoint, sameKey, verifyCheckpoint, verifyValue, type SignedCheckpoint } from "./checkpoint.js";
import { normalLogin, ownersNamed, typed } from "./details.js";
import { applyEvent, isLifecycleEvent } from "./lifecycle.js";
import { fromHex, verifyConsistency, verifyInclusion } from "./merkle.js";
import { DERIVED_FILES, renderPackFiles } from "./pack-files.js";
import { integrityOf, PACK_FILES, PACK_FORMAT, signedPart, type ChainPoint, type Manifest } from "./pack.js";
import { recordLeaf } from "./tree.js";
import { TimestampError, verifyTimestampToken } from "./tsa.js";
import type { EvidenceRecord, FindingState } from "./types.js";

export type PackProblem = ChainProblem | "truncated" | "signature" | "manifest" | "malformed" | "file" | "proof" | "consistency" | "checkpoint" | "timestamp" | "lifecycle" | "provenance" | "derived" | "previous" | "published";

/** How far a record may be stamped before the one it follows: hosts' clocks disagree a little. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface TimestampSummary {
  readonly size: number;
  readonly genTime: string;
  readonly tsa: string;
}

export interface VerifiedPack {
  readonly ok: true;
  readonly records: number;
  readonly redacted: number;
  readonly context: number;
  readonly anchor: ChainPoint;
  readonly last: ChainPoint | null;
  readonly origin: string;
  readonly generated: string;
  readonly tree: { readonly size: number; readonly root: string };
  /** pinned: signed by the key given; embedded: by the key in the manifest (self-asserted); none: unsigned. */
  readonly signature: "pinned" | "embedded" | "none";
  readonly signer: { readonly publicKey: string; readonly fingerprint: string } | null;
  /** Signed checkpoints in the pack, all consistent with its tree. */
  readonly checkpoints: readonly SignedCheckpoint[];
  readonly timestamps: readonly TimestampSummary[];
  /** Consistency proofs the pack carries: tree sizes (with roots) it provably extends. */
  readonly extends: readonly { readonly size: number; readonly root: string }[];
  /** Full records, context and period, by seq: for comparing packs. */
  readonly hashes: ReadonlyMap<number, string>;
  /** Things an auditor should know that do not make the pack fail. */
  readonly notes: readonly string[];
}

export interface BrokenPack {
  readonly ok: false;
  readonly problem: PackProblem;
  readonly seq?: number;
  readonly message: string;
}

export type PackVerdict = VerifiedPack | BrokenPack;

/** The directory holds no Keyward pack at all: a usage error, not a broken pack. */
export class NotAPackError extends Error {
  override readonly name = "NotAPackError";
}

export interface VerifyOptions {
  /** The signer's Ed25519 public key (PEM) the auditor was given; the pack must be signed by it. */
  readonly publicKey?: string;
  /** PEM certificates of the timestamp authority's CA: every token in the pack must verify under them. */
  readonly tsaCert?: string;
}

export interface PackFiles {
  readonly manifest: string;
  /** Every other file the manifest names, undefined when missing. */
  readonly others: Readonly<Record<string, string | undefined>>;
}

export async function verifyPack(dir: string, options: VerifyOptions = {}): Promise<PackVerdict> {
  const read = (name: string) => readFile(join(dir, name), "utf8").catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" || err.code === "EISDIR" ? undefined : Promise.reject(err)));
  const manifest = await read(PACK_FILES.manifest);
  if (manifest === undefined) throw new NotAPackError(`${dir} is not an evidence pack: it has no ${PACK_FILES.manifest}`);
  const listed = Object.keys(manifestShape.safeParse(tryJson(manifest)).data?.files ?? {});
  const names = [...new Set([...Object.values(PACK_FILES).filter((n) => n !== PACK_FILES.manifest), ...listed])];
  const others = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await read(n)] as const)));
  return verifyPackFiles({ manifest, others }, options);
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().nonnegative();
const point = z.strictObject({ seq, hash: hex64 });
const sla = z.strictObject({ critical: z.number().nonnegative(), high: z.number().nonnegative(), medium: z.number().nonnegative(), low: z.number().nonnegative() });
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)));
const manifestShape = z.object({
  format: z.literal(PACK_FORMAT),
  generated: isoTime,
  period: z.strictObject({ since: isoTime.nullable(), until: isoTime.nullable() }),
  repository: z.string().nullable(),
  origin: z.string().min(1),
  anchor: point,
  first: point.nullable(),
  last: point.nullable(),
  records: seq,
  redacted: seq,
  context: seq,
  events: z.record(z.string(), seq),
  tree: z.strictObject({ size: seq, root: hex64 }),
  checkpoint: z.string().nullable(),
  report: z.strictObject({ asOf: isoTime, sla }),
  // Plain names only: the pack is read from one directory.
  files: z.record(z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/), hex64),
  signature: z.strictObject({ algorithm: z.literal("ed25519"), publicKey: z.string(), value: z.string() }).optional(),
});
const recordLine = z.strictObject({
  seq: seq.positive(),
  time: isoTime,
  installation: z.number().int().optional(),
  repository: z.string(),
  fingerprint: z.string(),
  event: z.string(),
  actor: z.string(),
  deliveryId: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
  prevHash: hex64,
  hash: hex64,
});
const stubLine = z.strictObject({ seq: seq.positive(), prevHash: hex64, hash: hex64, redacted: z.literal(true) });
const proofLine = z.strictObject({ seq: seq.positive(), path: z.array(hex64).max(64) });
const consistencyLine = z.strictObject({ size: seq, root: hex64, path: z.array(hex64).max(128) });
const checkpointLine = z.strictObject({ note: z.string().max(64 * 1024), timestamp: z.string().max(256 * 1024).optional() });

type ParsedManifest = z.infer<typeof manifestShape>;

/** The pure check, on the files' text. */
export async function verifyPackFiles(files: PackFiles, options: VerifyOptions = {}): Promise<PackVerdict> {
  const raw = tryJson(files.manifest);
  const format = typeof raw === "object" && raw !== null ? (raw as { format?: unknown }).format : undefined;
  if (typeof format !== "string" || !format.startsWith("keyward-evidence-pack/")) throw new NotAPackError(`${PACK_FILES.manifest} is not a Keyward evidence manifest`);
  if (format !== PACK_FORMAT) return fail("manifest", `the pack's format is ${format}; this Keyward reads ${PACK_FORMAT}`);
  const parsed = manifestShape.safeParse(raw);
  if (!parsed.success) return fail("manifest", `${PACK_FILES.manifest} is not a Keyward evidence manifest: ${z.prettifyError(parsed.error).replace(/\n/g, " ")}`);
  const manifest = parsed.data;
  const notes: string[] = [];

  // 1. The period's chain, from the anchor.
  const entries: ChainEntry[] = [];
  const lines = splitLines(files.others[PACK_FILES.records] ?? "");
  for (const [i, line] of lines.entries()) {
    const value = tryJson(line);
    // The parsed line itself, not zod's copy, is what gets hashed.
    if (!stubLine.safeParse(value).success && !recordLine.safeParse(value).success) {
      const near = (entries.at(-1)?.seq ?? manifest.anchor.seq) + 1;
      return fail("malformed", `${PACK_FILES.records} line ${i + 1} (near record ${near}) is not a record`, near);
    }
    entries.push(value as ChainEntry);
  }
  const chain = verifyChain(entries, manifest.anchor);
  if (!chain.ok) return fail(chain.problem, chain.message, chain.seq);
  const counted = checkCounts(manifest, entries);
  if (counted) return counted;

  // 2. The signature, then the files it vouches for.
  let signer: VerifiedPack["signer"] = null;
  const signature = manifest.signature;
  if (!signature) {
    if (options.publicKey !== undefined) return fail("signature", "the pack is not signed, but a public key was given to check it with");
  } else {
    try {
      if (options.publicKey !== undefined && !sameKey(options.publicKey, signature.publicKey)) return fail("signature", `the pack is signed by a different key (fingerprint ${keyFingerprint(signature.publicKey)}) than the one given (${keyFingerprint(options.publicKey)})`);
      if (!verifyValue(signedPart(raw as Manifest), signature.value, signature.publicKey)) return fail("signature", "the manifest's signature does not match its content");
      signer = { publicKey: signature.publicKey, fingerprint: keyFingerprint(signature.publicKey) };
    } catch (err) {
      return fail("signature", `the signature cannot be checked: ${(err as Error).message}`);
    }
  }
  for (const name of Object.values(PACK_FILES)) {
    if (name !== PACK_FILES.manifest && manifest.files[name] === undefined) return fail("manifest", `the manifest does not list ${name}`);
  }
  for (const [name, digest] of Object.entries(manifest.files)) {
    const text = files.others[name];
    if (text === undefined) return fail("file", `${name} is missing from the pack`);
    if (sha256Hex(text) !== digest) return fail("file", `${name} was changed: its sha256 is not the manifest's`);
  }

  // 3. The context: earlier records of the same findings, each intact.
  const context: EvidenceRecord[] = [];
  for (const [i, line] of splitLines(files.others[PACK_FILES.context]!).entries()) {
    const value = tryJson(line);
    if (!recordLine.safeParse(value).success) return fail("malformed", `${PACK_FILES.context} line ${i + 1} is not a record`);
    const r = value as EvidenceRecord;
    if (!hashMatches(r)) return fail("edited", `context record ${r.seq} does not match its hash: its content was changed`, r.seq);
    if (r.seq > manifest.anchor.seq || (context.length && r.seq <= context.at(-1)!.seq)) return fail("malformed", `context record ${r.seq} is out of place: context holds records before the period (up to ${manifest.anchor.seq}), in order`, r.seq);
    context.push(r);
  }
  if (context.length !== manifest.context) return fail("manifest", `the manifest counts ${manifest.context} context records, ${PACK_FILES.context} has ${context.length}`);
  const full = [...context, ...entries.filter((e): e is EvidenceRecord => !isRedacted(e))];

  // 4. Every full record is in the tree at its seq.
  const tree = manifest.tree;
  const root = fromHex(tree.root)!;
  if (tree.size < (manifest.last?.seq ?? manifest.anchor.seq)) return fail("proof", `the manifest's tree has ${tree.size} records, fewer than the pack's last record ${manifest.last?.seq ?? manifest.anchor.seq}`);
  const proofs = new Map<number, string[]>();
  for (const [i, line] of splitLines(files.others[PACK_FILES.proofs]!).entries()) {
    const value = proofLine.safeParse(tryJson(line));
    if (!value.success || proofs.has(value.data.seq)) return fail("malformed", `${PACK_FILES.proofs} line ${i + 1} is not an inclusion proof`);
    proofs.set(value.data.seq, value.data.path);
  }
  for (const r of full) {
    const path = proofs.get(r.seq);
    if (!path) return fail("proof", `record ${r.seq} has no inclusion proof`, r.seq);
    if (!verifyInclusion(r.seq - 1, tree.size, recordLeaf(r), path.map((h) => fromHex(h)!), root)) {
      return fail("proof", `record ${r.seq} is not in the tree of ${tree.size} records with root ${short(tree.root)}: it is not the record the log holds at that position`, r.seq);
    }
  }
  if (proofs.size !== full.length) return fail("malformed", `${PACK_FILES.proofs} holds proofs for records the pack does not carry`);

  // 5. The pack's own checkpoint, the proofs that its tree extends every earlier head, the
  // checkpoints in the pack and their chain and timestamps.
  const key = options.publicKey ?? signer?.publicKey;
  if (signer) {
    if (manifest.checkpoint === null) return fail("checkpoint", "the pack is signed but carries no checkpoint of its tree");
    const own = checkpointOf(manifest.checkpoint, signer.publicKey);
    if (typeof own === "string") return fail("checkpoint", `the pack's checkpoint: ${own}`);
    if (own.origin !== manifest.origin || own.size !== tree.size || own.root !== tree.root) return fail("checkpoint", `the pack's checkpoint (${own.origin}, ${own.size} records, root ${short(own.root)}) is not the manifest's tree (${manifest.origin}, ${tree.size}, ${short(tree.root)})`);
  } else if (manifest.checkpoint !== null) {
    return fail("checkpoint", "an unsigned pack carries a checkpoint");
  }
  const extendsHeads: { size: number; root: string }[] = [];
  for (const [i, line] of splitLines(files.others[PACK_FILES.consistency]!).entries()) {
    const value = consistencyLine.safeParse(tryJson(line));
    if (!value.success) return fail("malformed", `${PACK_FILES.consistency} line ${i + 1} is not a consistency proof`);
    const c = value.data;
    if (!verifyConsistency(c.size, tree.size, c.path.map((h) => fromHex(h)!), fromHex(c.root)!, root)) {
      return fail("consistency", c.size > tree.size ? `the log once committed to ${c.size} records; this pack's tree has ${tree.size}: records were deleted` : `the tree of ${tree.size} records does not extend the tree of ${c.size} records (root ${short(c.root)}) the log committed to earlier: records 1–${c.size} were changed or replaced`);
    }
    extendsHeads.push({ size: c.size, root: c.root });
  }
  const covers = (size: number, rootHex: string) => (size === tree.size && rootHex === tree.root) || size === 0 || extendsHeads.some((h) => h.size === size && h.root === rootHex);

  const checkpoints: SignedCheckpoint[] = [];
  const timestamps: TimestampSummary[] = [];
  let untimed = 0;
  for (const [i, line] of splitLines(files.others[PACK_FILES.checkpoints]!).entries()) {
    const value = checkpointLine.safeParse(tryJson(line));
    if (!value.success) return fail("malformed", `${PACK_FILES.checkpoints} line ${i + 1} is not a checkpoint`);
    const cp = key ? checkpointOf(value.data.note, key) : parsedCheckpoint(value.data.note);
    if (typeof cp === "string") return fail("checkpoint", `checkpoint ${i + 1} in the pack: ${cp}`);
    if (cp.origin !== manifest.origin) return fail("checkpoint", `checkpoint ${cp.size} is from the log '${cp.origin}', not '${manifest.origin}'`);
    if (!covers(cp.size, cp.root)) return fail("consistency", `the pack does not prove its tree extends its own checkpoint of ${cp.size} records (root ${short(cp.root)})`);
    const before = checkpoints.at(-1);
    if (before) {
      if (cp.size < before.size || cp.time < before.time) return fail("checkpoint", `checkpoint ${cp.size} (${cp.time}) comes after checkpoint ${before.size} (${before.time}): the series is out of order`);
      if (!cp.previous || cp.previous.size !== before.size || cp.previous.noteHash !== noteHash(before.note)) return fail("checkpoint", `checkpoint ${cp.size} does not link to checkpoint ${before.size} before it: a checkpoint is missing from the series`);
    }
    checkpoints.push(cp);
    if (value.data.timestamp === undefined) untimed++;
    else if (options.tsaCert !== undefined) {
      try {
        const t = await verifyTimestampToken(Buffer.from(value.data.timestamp, "base64"), Buffer.from(cp.note, "utf8"), options.tsaCert);
        if (t.genTime.getTime() + CLOCK_SKEW_MS < Date.parse(cp.time)) return fail("timestamp", `checkpoint ${cp.size} claims ${cp.time}, but the timestamp authority saw it at ${t.genTime.toISOString()}: its time was written after the fact`);
        timestamps.push({ size: cp.size, genTime: t.genTime.toISOString(), tsa: t.tsa });
      } catch (err) {
        if (err instanceof TimestampError) return fail("timestamp", `checkpoint ${cp.size}'s timestamp: ${err.message}`);
        throw err;
      }
    }
  }
  if (!key && checkpoints.length) notes.push(`the pack's ${checkpoints.length} checkpoint(s) could not be checked: the pack is unsigned and no --public-key was given`);
  if (options.tsaCert === undefined && checkpoints.length > untimed) notes.push(`${checkpoints.length - untimed} timestamp token(s) not checked: pass --tsa-cert with the timestamp authority's CA certificate`);
  if (untimed) notes.push(`${untimed} checkpoint(s) carry no timestamp`);
  if (signer && !checkpoints.some((c) => c.note === manifest.checkpoint)) notes.push("the pack's own checkpoint is not among the log's checkpoints");

  // 6. Every lifecycle, replayed.
  const replay = replayLifecycles(full);
  if (replay) return replay;

  // 6b. Every configuration a record names is in the pack, and is what its digest says.
  const configs = configsProblem(full);
  if (configs) return configs;

  // 7. The derived files, computed again.
  const derived = renderPackFiles(full, { period: manifest.period, anchorSeq: manifest.anchor.seq, repository: manifest.repository, report: manifest.report, integrity: integrityOf(manifest, signer?.fingerprint ?? null) });
  for (const name of DERIVED_FILES) {
    if (derived.files[name] !== files.others[name]) return fail("derived", `${name} does not say what the records say: it was edited, or made from other records`);
  }

  return {
    ok: true,
    records: entries.length,
    redacted: entries.filter(isRedacted).length,
    context: context.length,
    anchor: manifest.anchor,
    last: manifest.last,
    origin: manifest.origin,
    generated: manifest.generated,
    tree,
    signature: !signer ? "none" : options.publicKey !== undefined ? "pinned" : "embedded",
    signer,
    checkpoints,
    timestamps,
    extends: extendsHeads,
    hashes: new Map(full.map((r) => [r.seq, r.hash])),
    notes,
  };
}

function checkCounts(manifest: ParsedManifest, entries: readonly ChainEntry[]): BrokenPack | undefined {
  if (entries.length < manifest.records) {
    const next = (entries.at(-1)?.seq ?? manifest.anchor.seq) + 1;
    return fail("truncated", `the manifest lists ${manifest.records} records, ${PACK_FILES.records} has ${entries.length}: record ${next} and after are missing`, next);
  }
  if (entries.length > manifest.records) {
    const extra = entries[manifest.records]!;
    return fail("inserted", `record ${extra.seq} is not in the manifest, which lists ${manifest.records} records`, extra.seq);
  }
  const head = (e: ChainEntry | undefined) => (e ? { seq: e.seq, hash: e.hash } : null);
  for (const [name, actual] of [["first", head(entries[0])], ["last", head(entries.at(-1))]] as const) {
    const listed = manifest[name];
    if (actual?.seq !== listed?.seq || actual?.hash !== listed?.hash) {
      return fail("manifest", `the manifest's ${name} record (${describe(listed)}) is not the file's (${describe(actual)})`, actual?.seq);
    }
  }
  const redacted = entries.filter(isRedacted).length;
  if (redacted !== manifest.redacted) return fail("manifest", `the manifest counts ${manifest.redacted} redacted records, the file has ${redacted}`);
  const events = new Map<string, number>();
  for (const e of entries) if (!isRedacted(e)) events.set(e.event, (events.get(e.event) ?? 0) + 1);
  for (const name of new Set([...events.keys(), ...Object.keys(manifest.events)])) {
    if ((events.get(name) ?? 0) !== (manifest.events[name] ?? 0)) return fail("manifest", `the manifest counts ${manifest.events[name] ?? 0} '${name}' records, the file has ${events.get(name) ?? 0}`);
  }
  return undefined;
}

/**
 * Replays the pack's records in seq order: times never go back (beyond clock skew), every
 * lifecycle step is legal from the state the finding's earlier records put it in, and every
 * exception is approved by someone who is none of the finding's owners, as the records name
 * them — whoever wrote the record, the App or the CLI.
 */
export function replayLifecycles(records: readonly EvidenceRecord[]): BrokenPack | undefined {
  const states = new Map<string, FindingState>();
  const owners = new Map<string, Set<string>>();
  let previous: EvidenceRecord | undefined;
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    if (previous && Date.parse(r.time) + CLOCK_SKEW_MS < Date.parse(previous.time)) {
      return fail("lifecycle", `record ${r.seq} (${r.time}) is stamped before record ${previous.seq} (${previous.time}): the log's times go back`, r.seq);
    }
    previous = r;
    const key = `${r.repository}\u0000${r.fingerprint}`;
    const known = owners.get(key) ?? new Set<string>();
    owners.set(key, known);
    const t = typed(r);
    const named = ownersNamed(t);
    if (r.event === "exception-granted") {
      // An unreadable grant is refused below by applyEvent, with what is wrong with it.
      const approver = t.ok && t.event === "exception-granted" ? normalLogin(t.details.approver) : "";
      if (known.has(approver) || named.includes(approver)) return fail("lifecycle", `record ${r.seq}: the exception for ${r.fingerprint} is approved by ${approver}, one of its owners (four eyes)`, r.seq);
    }
    for (const o of named) known.add(o);
    if (!isLifecycleEvent(r.event)) continue;
    try {
      states.set(key, applyEvent(states.get(key), r.event, r.details, [], r.fingerprint));
    } catch (err) {
      return fail("lifecycle", `record ${r.seq} (${r.event} for ${r.fingerprint}): ${(err as Error).message}`, r.seq);
    }
  }
  return undefined;
}

/** Whether `later` extends `earlier`: the same log, at least as large, and provably consistent. */
export function verifyExtends(earlier: VerifiedPack, later: VerifiedPack): BrokenPack | { readonly ok: true; readonly message: string } {
  if (earlier.origin !== later.origin) return fail("previous", `the packs are from different logs ('${earlier.origin}' and '${later.origin}')`);
  const [m, n] = [earlier.tree, later.tree];
  if (n.size < m.size) return fail("previous", `the earlier pack's log had ${m.size} records, this pack's has ${n.size}: records were deleted (truncated)`);
  if (n.size === m.size && n.root !== m.root) return fail("previous", `both packs' logs have ${m.size} records, with different roots (${short(m.root)} and ${short(n.root)}): the log was rewritten or forked`);
  if (n.size > m.size) {
    const proofs = later.extends.filter((h) => h.size === m.size);
    if (proofs.length === 0) return fail("previous", `the pack carries no proof that its log extends the earlier pack's tree of ${m.size} records: it comes from a different history (or export it with --previous)`);
    if (!proofs.some((h) => h.root === m.root)) return fail("previous", `at ${m.size} records the pack's log had root ${short(proofs[0]!.root)}, the earlier pack's ${short(m.root)}: the log was rewritten or forked`);
  }
  for (const [seq, hash] of earlier.hashes) {
    const other = later.hashes.get(seq);
    if (other !== undefined && other !== hash) return fail("previous", `record ${seq} differs between the packs`, seq);
  }
  return { ok: true, message: `extends the earlier pack: its tree of ${n.size} records is consistent with the earlier tree of ${m.size} (root ${short(m.root)})` };
}

export interface PublishedCheckpoint {
  /** Where it was found: a file, or commit:path in a clone. */
  readonly source: string;
  readonly note: string;
}

/**
 * Checks a verified pack against checkpoints published outside the operator (a clone of the
 * checkpoint repository, a directory of checkpoint files): each one of this log, signed by
 * `publicKey`, must be consistent with the pack's tree; one larger than the pack's tree that
 * was published before the pack was made means the log shrank since.
 */
export function checkPublished(pack: VerifiedPack, published: readonly PublishedCheckpoint[], publicKey: string): BrokenPack | { readonly ok: true; readonly checked: number; readonly later: number; readonly other: number } {
  let other = 0;
  const mine: { readonly cp: SignedCheckpoint; readonly source: string }[] = [];
  for (const p of published) {
    let cp: SignedCheckpoint;
    try {
      cp = parseCheckpoint(p.note);
    } catch {
      continue;
    }
    if (cp.origin !== pack.origin) {
      other++;
      continue;
    }
    const verified = checkpointOf(p.note, publicKey);
    if (typeof verified === "string") return fail("published", `the published checkpoint ${p.source}: ${verified}`);
    mine.push({ cp: verified, source: p.source });
  }
  // The most telling problem first: the log shrank, then a root that differs, then no proof.
  for (const { cp, source } of mine) {
    if (cp.size > pack.tree.size && cp.time < pack.generated) return fail("published", `checkpoint ${cp.size} was published at ${cp.time} (${source}), before this pack was made (${pack.generated}) with only ${pack.tree.size} records: the log was truncated`);
  }
  const known = [...pack.extends, pack.tree];
  for (const { cp, source } of mine) {
    const differs = known.find((h) => h.size === cp.size && h.root !== cp.root);
    if (differs && !known.some((h) => h.size === cp.size && h.root === cp.root)) return fail("published", `the published checkpoint ${cp.size} (${source}) has root ${short(cp.root)}, the pack's log had ${short(differs.root)} at that size: the log was rewritten`);
  }
  let checked = 0;
  let later = 0;
  for (const { cp, source } of mine) {
    if (cp.size > pack.tree.size) {
      later++;
      continue;
    }
    if (cp.size !== 0 && !known.some((h) => h.size === cp.size && h.root === cp.root)) return fail("published", `the pack does not prove its log extends the published checkpoint ${cp.size} (${source}): it comes from a different history`);
    checked++;
  }
  return { ok: true, checked, later, other };
}

function checkpointOf(note: string, publicKey: string): SignedCheckpoint | string {
  try {
    return verifyCheckpoint(note, publicKey);
  } catch (err) {
    if (err instanceof CheckpointError) return err.message;
    throw err;
  }
}

function parsedCheckpoint(note: string): SignedCheckpoint | string {
  try {
    return parseCheckpoint(note);
  } catch (err) {
    if (err instanceof CheckpointError) return err.message;
    throw err;
  }
}

/** A record whose content cannot even be encoded (say, a NaN slipped into a file) was edited too. */
function hashMatches(record: EvidenceRecord): boolean {
  try {
    return hashRecord(record, record.prevHash) === record.hash;
  } catch {
    return false;
  }
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/**
 * Records name the configuration in force by digest (`details.config`); its content is the
 * `config-recorded` record of that digest. Each named one must be in the pack, and hash to its name.
 */
export function configsProblem(records: readonly EvidenceRecord[]): BrokenPack | undefined {
  const recorded = new Map<string, EvidenceRecord>();
  for (const r of records) {
    if (r.event !== "config-recorded") continue;
    const digest = r.details.digest;
    if (typeof digest !== "string" || digestOf(r.details.config) !== digest) return fail("provenance", `record ${r.seq} records a configuration whose content does not hash to its digest ${String(digest)}`, r.seq);
    recorded.set(digest, r);
  }
  for (const r of records) {
    const named = r.event === "config-recorded" ? undefined : r.details.config;
    if (typeof named === "string" && !recorded.has(named)) return fail("provenance", `record ${r.seq} (${r.event}) names the configuration ${named}, which the pack does not hold`, r.seq);
  }
  return undefined;
}

function fail(problem: PackProblem, message: string, seq?: number): BrokenPack {
  return seq === undefined ? { ok: false, problem, message } : { ok: false, problem, seq, message };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(p: ChainPoint | null | undefined): string {
  return p ? `${p.seq}, ${short(p.hash)}` : "none";
}
