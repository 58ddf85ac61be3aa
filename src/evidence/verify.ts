/**
 * Checks an auditor's pack: every hash recomputed from records.jsonl, every link from the
 * manifest's anchor, the manifest's counts and head against the file, the other files against
 * their digests, then the signature. Reports the first problem and the record it is at.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { sha256Hex } from "./canonical.js";
import { isRedacted, short, verifyChain, type ChainEntry, type ChainProblem } from "./chain.js";
import { sameKey, verifyValue } from "./checkpoint.js";
import { PACK_FILES, PACK_FORMAT, signedPart, type ChainPoint, type Manifest } from "./pack.js";

export type PackProblem = ChainProblem | "truncated" | "signature" | "manifest" | "malformed" | "file";

export type PackVerdict =
  | {
      readonly ok: true;
      readonly records: number;
      readonly redacted: number;
      readonly anchor: ChainPoint;
      readonly last: ChainPoint | null;
      /** pinned: signed by the key given; embedded: by the key in the manifest (self-asserted); none: unsigned. */
      readonly signature: "pinned" | "embedded" | "none";
    }
  | { readonly ok: false; readonly problem: PackProblem; readonly seq?: number; readonly message: string };

export interface VerifyOptions {
  /** The signer's Ed25519 public key (PEM) the auditor was given; the pack must be signed by it. */
  readonly publicKey?: string;
}

export interface PackFiles {
  readonly manifest: string;
  readonly records: string;
  /** The other files named in the manifest, undefined when missing. */
  readonly others: Readonly<Record<string, string | undefined>>;
}

export async function verifyPack(dir: string, options: VerifyOptions = {}): Promise<PackVerdict> {
  const read = (name: string) => readFile(join(dir, name), "utf8").catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? undefined : Promise.reject(err)));
  const manifest = await read(PACK_FILES.manifest);
  if (manifest === undefined) return fail("manifest", `no ${PACK_FILES.manifest} in ${dir}`);
  const records = (await read(PACK_FILES.records)) ?? "";
  const names = Object.keys(manifestShape.safeParse(tryJson(manifest)).data?.files ?? {}).filter((n) => n !== PACK_FILES.records);
  const others = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await read(n)] as const)));
  return verifyPackFiles({ manifest, records, others }, options);
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().nonnegative();
const point = z.strictObject({ seq, hash: hex64 });
const manifestShape = z.object({
  format: z.literal(PACK_FORMAT),
  anchor: point,
  first: point.nullable(),
  last: point.nullable(),
  records: seq,
  redacted: seq,
  events: z.record(z.string(), seq),
  // Plain names only: the pack is read from one directory.
  files: z.record(z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/), hex64),
  signature: z.strictObject({ algorithm: z.literal("ed25519"), publicKey: z.string(), value: z.string() }).optional(),
});
const recordLine = z.strictObject({
  seq: seq.positive(),
  time: z.string(),
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

/** The pure check, on the files' text. */
export function verifyPackFiles(files: PackFiles, options: VerifyOptions = {}): PackVerdict {
  const raw = tryJson(files.manifest);
  const parsed = manifestShape.safeParse(raw);
  if (!parsed.success) return fail("manifest", `${PACK_FILES.manifest} is not a Keyward evidence manifest: ${z.prettifyError(parsed.error).replace(/\n/g, " ")}`);
  const manifest = parsed.data;

  const entries: ChainEntry[] = [];
  const lines = files.records.split("\n");
  if (lines.at(-1) === "") lines.pop();
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

  const signature = manifest.signature;
  if (!signature) {
    if (options.publicKey !== undefined) return fail("signature", "the pack is not signed, but a public key was given to check it with");
    return checkFiles() ?? ok("none");
  }
  try {
    if (options.publicKey !== undefined && !sameKey(options.publicKey, signature.publicKey)) return fail("signature", "the pack is signed by a different key than the one given");
    if (!verifyValue(signedPart(raw as Manifest), signature.value, signature.publicKey)) return fail("signature", "the manifest's signature does not match its content");
  } catch (err) {
    return fail("signature", `the signature cannot be checked: ${(err as Error).message}`);
  }
  return checkFiles() ?? ok(options.publicKey !== undefined ? "pinned" : "embedded");

  // With the manifest trusted, the other files must be the ones it lists.
  function checkFiles(): PackVerdict | undefined {
    for (const [name, digest] of Object.entries(manifest.files)) {
      const text = name === PACK_FILES.records ? files.records : files.others[name];
      if (text === undefined) return fail("file", `${name} is missing from the pack`);
      if (sha256Hex(text) !== digest) return fail("file", `${name} was changed: its sha256 is not the manifest's`);
    }
    return undefined;
  }

  function ok(kind: "pinned" | "embedded" | "none"): PackVerdict {
    return { ok: true, records: entries.length, redacted, anchor: manifest.anchor, last: manifest.last, signature: kind };
  }
}

function fail(problem: PackProblem, message: string, seq?: number): PackVerdict {
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
