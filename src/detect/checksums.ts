/**
 * Checksums that token formats carry, so a match can be told from random text that merely
 * looks like a token. GitHub's and npm's tokens end in six base62 characters encoding the
 * CRC32 of the random part (not the prefix), in the digits-upper-lower alphabet.
 */
import { crc32 } from "node:zlib";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function base62Encode(value: number, width: number): string {
  let out = "";
  let n = value >>> 0;
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

/** The six-character checksum suffix for a token body. */
export function crc32Base62(body: string): string {
  return base62Encode(crc32(body), 6);
}

/** True when `token` (prefix + body + 6 checksum chars) carries a valid CRC32 checksum. */
export function hasValidCrc32Suffix(token: string, prefixLength: number): boolean {
  if (token.length < prefixLength + 7) return false;
  const body = token.slice(prefixLength, -6);
  return crc32Base62(body) === token.slice(-6);
}
