/**
 * The only two things the rest of Keyward ever learns about a secret: a masked preview and
 * a keyed hash. Both are computed here, inside the matcher, and the raw value goes no further.
 */
import { createHmac } from "node:crypto";

/**
 * Default key for secret ids. Deployments set KEYWARD_FINGERPRINT_KEY so ids cannot be
 * checked against guessed values by anyone who reads a report.
 */
export const DEFAULT_HASH_KEY = "keyward-fingerprint-v1";

/** A 20-hex-character keyed hash (80 bits): stable, comparable, not reversible. */
export function secretId(secret: string, key: string = DEFAULT_HASH_KEY): string {
  return createHmac("sha256", key).update(secret).digest("hex").slice(0, 20);
}

/** The mask that stands for every character past the documented prefix. */
export const MASK = "********";

/** Length classes a prefix-less preview may state: enough to tell a PIN from a key, no more. */
export const LENGTH_CLASSES = ["1-7", "8-15", "16-31", "32-63", "64-127", "128+"] as const;

export function lengthClass(length: number): (typeof LENGTH_CLASSES)[number] {
  if (length < 8) return "1-7";
  if (length < 16) return "8-15";
  if (length < 32) return "16-31";
  if (length < 64) return "32-63";
  if (length < 128) return "64-127";
  return "128+";
}

/**
 * Masked preview. With a documented public prefix (`ghp_`, `xoxb-`, `AKIA`: the rule's
 * `prefixes`, the longest the secret starts with), that prefix and the mask, which tells a
 * reader what kind of credential it is; without one, no character of the secret at all, only
 * its length class (`******** (16-31 chars)`). A value's own first characters are never a
 * prefix: for a password or a generic key they are part of the secret.
 */
export function redact(secret: string, prefixes: readonly string[] = []): string {
  let shown = "";
  for (const p of prefixes) if (p.length > shown.length && secret.startsWith(p)) shown = p;
  return shown ? `${shown}${MASK}` : `${MASK} (${lengthClass(secret.length)} chars)`;
}
