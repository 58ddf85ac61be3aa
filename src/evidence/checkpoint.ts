/**
 * Signed checkpoints: an Ed25519 signature over the chain head. The hash chain shows a log was
 * not changed after the fact by anyone who could not recompute every later hash; a checkpoint
 * held by someone else (an auditor, a ticket, a pack) also pins the head against whoever holds
 * the database, who could. Keys are PEM (PKCS#8 private, SPKI public); callers read the private
 * key from KEYWARD_SIGNING_KEY.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { canonicalize } from "./canonical.js";

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

/** Base64 Ed25519 signature over the canonical encoding of `value`. */
export function signValue(value: unknown, privateKeyPem: string): string {
  return sign(null, Buffer.from(canonicalize(value), "utf8"), privateKey(privateKeyPem)).toString("base64");
}

export function verifyValue(value: unknown, signature: string, publicKeyPem: string): boolean {
  return verify(null, Buffer.from(canonicalize(value), "utf8"), publicKey(publicKeyPem), Buffer.from(signature, "base64"));
}

export interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
  /** ISO-8601 UTC: when the head was signed. */
  readonly time: string;
  readonly publicKey: string;
  /** Base64 Ed25519 over canonical({ type: "keyward-checkpoint/1", seq, hash, time }). */
  readonly signature: string;
}

const checkpointMessage = (c: Pick<Checkpoint, "seq" | "hash" | "time">) => ({ type: "keyward-checkpoint/1", seq: c.seq, hash: c.hash, time: c.time });

export function signCheckpoint(head: { readonly seq: number; readonly hash: string }, privateKeyPem: string, now: Date): Checkpoint {
  const body = { seq: head.seq, hash: head.hash, time: now.toISOString() };
  return { ...body, publicKey: publicKeyOf(privateKeyPem), signature: signValue(checkpointMessage(body), privateKeyPem) };
}

/**
 * Whether the checkpoint is signed by `trustedKey` — or, without one, by the key it carries,
 * which only shows it was not altered since, not who made it.
 */
export function verifyCheckpoint(checkpoint: Checkpoint, trustedKey?: string): boolean {
  if (trustedKey !== undefined && !sameKey(trustedKey, checkpoint.publicKey)) return false;
  return verifyValue(checkpointMessage(checkpoint), checkpoint.signature, checkpoint.publicKey);
}
