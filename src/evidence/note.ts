/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys: the envelope tlog checkpoints
 * travel in, so any note verifier (Go's golang.org/x/mod/sumdb/note, transparency-dev's tools)
 * can check what Keyward publishes.
 *
 *   <text, ending in a newline>
 *   <blank line>
 *   — <key name> base64(key ID (4 bytes) || Ed25519 signature over the text)
 *
 * key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]. Small enough to write
 * here (no npm package implements it); tested against the Go implementation's published vector.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

const EM_DASH = "\u2014";
const ED25519 = 0x01;
/** The spec asks verifiers to accept at least 16; more is refused as hostile. */
const MAX_SIGNATURES = 16;
const MAX_NOTE_BYTES = 64 * 1024;

export class NoteError extends Error {
  override readonly name = "NoteError";
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== "ed25519") throw new NoteError(`the ${what} must be an Ed25519 key, not ${key.asymmetricKeyType ?? "a symmetric key"}`);
  return key;
}

/** The 32 raw bytes of an Ed25519 public key (PEM SPKI): the last 32 bytes of its DER. */
export function rawPublicKey(publicKeyPem: string): Buffer {
  const der = ed25519(createPublicKey(publicKeyPem), "public key").export({ type: "spki", format: "der" });
  return der.subarray(der.length - 32);
}

export function checkKeyName(name: string): void {
  if (name === "" || /[\s+]/u.test(name) || /[\x00-\x1f]/.test(name)) throw new NoteError(`a key name must be non-empty, without spaces or '+': '${name}'`);
}

export function keyId(name: string, publicKeyPem: string): Buffer {
  checkKeyName(name);
  return createHash("sha256").update(name).update(Buffer.from([0x0a, ED25519])).update(rawPublicKey(publicKeyPem)).digest().subarray(0, 4);
}

/** The verifier key string note tools take: `<name>+<key ID hex>+<base64(0x01 || public key)>`. */
export function verifierKey(name: string, publicKeyPem: string): string {
  return `${name}+${keyId(name, publicKeyPem).toString("hex")}+${Buffer.concat([Buffer.from([ED25519]), rawPublicKey(publicKeyPem)]).toString("base64")}`;
}

function checkText(text: string, what: string): void {
  if (!text.endsWith("\n")) throw new NoteError(`${what} must end with a newline`);
  if (/[\x00-\x09\x0b-\x1f]/.test(text)) throw new NoteError(`${what} must not contain control characters other than newline`);
}

/** Signs `text` as `name` with an Ed25519 private key (PEM PKCS#8): the whole signed note. */
export function signNote(text: string, name: string, privateKeyPem: string): string {
  checkText(text, "a note's text");
  const key = ed25519(createPrivateKey(privateKeyPem), "signing key");
  const publicKeyPem = createPublicKey(key).export({ type: "spki", format: "pem" }).toString();
  const signature = sign(null, Buffer.from(text, "utf8"), key);
  return `${text}\n${EM_DASH} ${name} ${Buffer.concat([keyId(name, publicKeyPem), signature]).toString("base64")}\n`;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: string;
  readonly signature: Buffer;
}

export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** Splits a note into its text and signature lines, refusing anything malformed. */
export function parseNote(note: string): ParsedNote {
  if (Buffer.byteLength(note, "utf8") > MAX_NOTE_BYTES) throw new NoteError(`a note over ${MAX_NOTE_BYTES} bytes is refused`);
  checkText(note, "a note");
  // The text ends at the last blank line; everything after it is signatures.
  const split = note.lastIndexOf("\n\n");
  if (split === -1) throw new NoteError("a note needs a blank line before its signatures");
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) throw new NoteError(`a note with more than ${MAX_SIGNATURES} signatures is refused`);
  const signatures = lines.map((line) => {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    const bytes = m ? Buffer.from(m[2]!, "base64") : undefined;
    if (!m || !bytes || bytes.length < 5 || bytes.toString("base64") !== m[2]) throw new NoteError(`malformed signature line: '${line.slice(0, 80)}'`);
    return { name: m[1]!, keyId: bytes.subarray(0, 4).toString("hex"), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

export interface NoteVerifier {
  readonly name: string;
  readonly publicKeyPem: string;
}

/**
 * The note's text, once a signature by one of `verifiers` checks out. As the spec requires,
 * signatures by unknown keys are ignored, a known key's bad signature rejects the note, and a
 * note no known key signed is rejected.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): { readonly text: string; readonly signedBy: readonly string[] } {
  const parsed = parseNote(note);
  const signedBy: string[] = [];
  for (const s of parsed.signatures) {
    const known = verifiers.find((v) => v.name === s.name && keyId(v.name, v.publicKeyPem).toString("hex") === s.keyId);
    if (!known) continue;
    if (s.signature.length !== 64 || !verify(null, Buffer.from(parsed.text, "utf8"), createPublicKey(known.publicKeyPem), s.signature)) {
      throw new NoteError(`the signature by ${s.name} does not match the note`);
    }
    signedBy.push(s.name);
  }
  if (signedBy.length === 0) throw new NoteError(`the note is not signed by ${verifiers.map((v) => `${v.name}+${keyId(v.name, v.publicKeyPem).toString("hex")}`).join(" or ") || "any known key"}`);
  return { text: parsed.text, signedBy };
}
