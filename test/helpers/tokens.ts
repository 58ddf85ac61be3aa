/**
 * Fake credentials built at run time, so no secret-shaped literal sits in the test sources
 * (the repository scans itself clean). Checksummed formats get valid checksums.
 */
import { randomBytes } from "node:crypto";
import { crc32Base62 } from "../../src/detect/checksums.js";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64 = ALNUM + "+/";

export function randomFrom(alphabet: string, n: number): string {
  // Rejection-free is fine for tests: a slight bias does not matter here.
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** ghp_/gho_/ghu_/ghs_ token with a valid CRC32 checksum. */
export function githubToken(prefix: "ghp" | "gho" | "ghu" | "ghs" | "ghr" = "ghp"): string {
  const body = randomFrom(ALNUM, 30);
  return `${prefix}_${body}${crc32Base62(body)}`;
}

/** Same shape, checksum off by one character: must not be reported. */
export function githubTokenBadChecksum(): string {
  const t = githubToken();
  const last = t.at(-1)!;
  return t.slice(0, -1) + (last === "a" ? "b" : "a");
}

export function npmToken(): string {
  const body = randomFrom(ALNUM, 30);
  return `npm_${body}${crc32Base62(body)}`;
}

export function awsKeyId(): string {
  return `AKIA${randomFrom(UPPER_ALNUM, 16)}`;
}

export function awsSecretKey(): string {
  return randomFrom(BASE64, 40);
}

export function slackBotToken(): string {
  return `xoxb-${randomFrom("0123456789", 12)}-${randomFrom("0123456789", 13)}-${randomFrom(ALNUM, 24)}`;
}

export function stripeLiveKey(): string {
  return `sk_live_${randomFrom(ALNUM, 24)}`;
}

/** The private half of a PEM block with a plausible random body. */
export function pemPrivateKey(): string {
  const body = randomFrom(BASE64, 64 * 8).match(/.{64}/g)!.join("\n");
  const label = ["BEGIN", "RSA", "PRIVATE", "KEY"];
  return `-----${label.join(" ")}-----\nMIIEpAIBAAKCAQEA${body}\n-----END ${label.slice(1).join(" ")}-----`;
}
