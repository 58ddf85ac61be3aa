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

/**
 * Masked preview: at most the first four characters (usually the provider's public prefix,
 * which tells a reader what kind of credential it is), then asterisks. Short secrets show
 * nothing at all. The tail is never shown: it carries checksums and the most entropy.
 */
export function redact(secret: string): string {
  const firstLine = secret.split(/\r?\n/, 1)[0] ?? "";
  const shown = secret.length >= 24 ? 4 : secret.length >= 12 ? 2 : 0;
  return `${firstLine.slice(0, shown)}${"*".repeat(8)}`;
}
