/**
 * Signing keys and signed checkpoints.
 *
 * A checkpoint is a C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) in a signed note:
 *
 *   <origin>                       the log's identity, e.g. keyward.example/acme-evidence
 *   <tree size>                    records 1..size are in the tree
 *   <base64 RFC 6962 root hash>    merkle.ts
 *   time <ISO-8601 UTC>            when it was made (extension line)
 *   previous <size> <base64 SHA-256 of the previous checkpoint's whole signed note>
 *                                  (extension line; absent on the log's first checkpoint)
 *
 *   — <origin> base64(key ID || Ed25519 signature)
 *
 * The two extension lines chain each checkpoint to the one before it, so a checkpoint cannot be
 * dropped from a published series without the gap showing; the tree head alone already makes
 * every later checkpoint provably consistent with every earlier one (consistency proofs).
 * Generic checkpoint verifiers ignore extension lines, and read the first three as usual.
 *
 * Keys are PEM (PKCS#8 private, SPKI public); callers read the private key from
 * KEYWARD_SIGNING_KEY. A key's fingerprint is the SHA-256 of its SPKI DER encoding, which
 * `openssl pkey -pubin -in signer.pub.pem -outform DER | sha256sum` reproduces.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { canonicalize } from "./canonical.js";
import { NoteError, openNote, parseNote, signNote } from "./note.js";

export interface SigningKeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

/** A fresh Ed25519 key pair as PEM, for tests, docs and first setup. */
export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`the ${what} must be an Ed25519 key, not ${key.asymmetricKeyType ?? "a symmetric key"}`);
  return key;
}

const privateKey = (pem: string) => ed25519(createPrivateKey(pem), "signing key");
const publicKey = (pem: string) => ed25519(createPublicKey(pem), "public key");

/** Throws, saying why, unless the PEM is an Ed25519 public key. */
export function checkPublicKey(publicKeyPem: string): void {
  publicKey(publicKeyPem);
}

export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(privateKey(privateKeyPem)).export({ type: "spki", format: "pem" }).toString();
}

/** Whether two PEM public keys are the same key, whatever their line wrapping. */
export function sameKey(a: string, b: string): boolean {
  return publicKey(a).export({ type: "spki", format: "der" }).equals(publicKey(b).export({ type: "spki", format: "der" }));
}

/** SHA-256 of the key's SPKI DER, hex: what `verify` prints and the report shows. */
export function keyFingerprint(publicKeyPem: string): string {
  return createHash("sha256").update(publicKey(publicKeyPem).export({ type: "spki", format: "der" })).digest("hex");
}

/** Base64 Ed25519 signature over the canonical encoding of `value`. */
export function signValue(value: unknown, privateKeyPem: string): string {
  return sign(null, Buffer.from(canonicalize(value), "utf8"), privateKey(privateKeyPem)).toString("base64");
}

export function verifyValue(value: unknown, signature: string, publicKeyPem: string): boolean {
  return verify(null, Buffer.from(canonicalize(value), "utf8"), publicKey(publicKeyPem), Buffer.from(signature, "base64"));
}

/** The origin a log uses when none is configured (KEYWARD_LOG_ORIGIN). */
export const DEFAULT_ORIGIN = "keyward.local/evidence";

export interface TreeHead {
  readonly size: number;
  /** Hex SHA-256 RFC 6962 root. */
  readonly root: string;
}

export interface Checkpoint extends TreeHead {
  readonly origin: string;
  /** ISO-8601 UTC. */
  readonly time: string;
  readonly previous?: { readonly size: number; readonly noteHash: string };
}

export interface SignedCheckpoint extends Checkpoint {
  /** The whole signed note, exactly as published. */
  readonly note: string;
}

export class CheckpointError extends Error {
  override readonly name = "CheckpointError";
}

/** Hex SHA-256 of a signed note's bytes: what the next checkpoint's `previous` line names. */
export function noteHash(note: string): string {
  return createHash("sha256").update(note, "utf8").digest("hex");
}

export function checkpointText(c: Checkpoint): string {
  const lines = [c.origin, String(c.size), Buffer.from(c.root, "hex").toString("base64"), `time ${c.time}`];
  if (c.previous) lines.push(`previous ${c.previous.size} ${Buffer.from(c.previous.noteHash, "hex").toString("base64")}`);
  return lines.join("\n") + "\n";
}

/** Signs a checkpoint with the log's key; the key name is the origin, as the spec recommends. */
export function signCheckpoint(c: Checkpoint, privateKeyPem: string): SignedCheckpoint {
  if (!Number.isSafeInteger(c.size) || c.size < 0 || !/^[0-9a-f]{64}$/.test(c.root)) throw new CheckpointError("a checkpoint needs a tree size and a 32-byte root");
  return { ...c, note: signNote(checkpointText(c), c.origin, privateKeyPem) };
}

/** Reads a checkpoint's fields without checking its signature (to learn which key to check it with). */
export function parseCheckpoint(note: string): SignedCheckpoint {
  let text: string;
  try {
    text = parseNote(note).text;
  } catch (err) {
    throw new CheckpointError(`not a signed note: ${(err as Error).message}`);
  }
  const lines = text.slice(0, -1).split("\n");
  const [origin, size, root, ...extensions] = lines;
  if (!origin || !size || !/^(0|[1-9][0-9]{0,15})$/.test(size) || !root) throw new CheckpointError("not a checkpoint: it needs an origin, a tree size and a root hash");
  const rootBytes = Buffer.from(root, "base64");
  if (rootBytes.length !== 32 || rootBytes.toString("base64") !== root) throw new CheckpointError("the checkpoint's root hash is not 32 bytes of base64");
  let time: string | undefined;
  let previous: Checkpoint["previous"];
  for (const line of extensions) {
    const t = /^time (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(line);
    const p = /^previous (0|[1-9][0-9]{0,15}) ([A-Za-z0-9+/]{43}=)$/.exec(line);
    if (t && time === undefined) time = t[1]!;
    else if (p && previous === undefined) previous = { size: Number(p[1]), noteHash: Buffer.from(p[2]!, "base64").toString("hex") };
    else throw new CheckpointError(`unexpected checkpoint line '${line.slice(0, 80)}'`);
  }
  if (time === undefined || Number.isNaN(Date.parse(time))) throw new CheckpointError("the checkpoint carries no time line");
  return { origin, size: Number(size), root: rootBytes.toString("hex"), time, ...(previous ? { previous } : {}), note };
}

/** The checkpoint, once its signature by `publicKeyPem` under its origin's name checks out. */
export function verifyCheckpoint(note: string, publicKeyPem: string): SignedCheckpoint {
  const checkpoint = parseCheckpoint(note);
  try {
    openNote(note, [{ name: checkpoint.origin, publicKeyPem }]);
  } catch (err) {
    if (err instanceof NoteError) throw new CheckpointError(err.message);
    throw err;
  }
  return checkpoint;
}
