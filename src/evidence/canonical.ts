/**
 * The canonical encoding that record hashes and signatures are computed over. It is RFC 8785
 * (JSON Canonicalization Scheme, "JCS") restricted to plain JSON data, so any JCS library
 * reproduces it. Spelled out, so an auditor can reimplement it without one:
 *
 *   - null, true, false: those literals.
 *   - number: finite only (NaN and ±Infinity are refused); written as ECMAScript's
 *     Number.prototype.toString writes it (1, 1.5, 1e+21, -0 as 0), which is what JCS requires.
 *   - string: a double-quoted JSON string; escaped are `"` as \", `\` as \\, the controls
 *     U+0008 \b, U+0009 \t, U+000A \n, U+000C \f, U+000D \r, every other control below U+0020
 *     as \u00XX (lowercase hex); everything else, non-ASCII included, is written as itself.
 *     A string containing a lone UTF-16 surrogate is refused (it has no UTF-8 encoding).
 *   - array: `[` elements joined by `,` `]`, in order.
 *   - object: `{` `"key":value` pairs joined by `,` `}`, keys sorted by their UTF-16 code units
 *     (plain JavaScript string comparison); a key whose value is undefined is left out.
 *   - no whitespace anywhere; the result is encoded as UTF-8.
 *
 * Anything else (undefined outside an object, functions, bigint, Date, Map, class instances)
 * is refused rather than silently coerced, so what is hashed is exactly what is stored.
 */
import { createHash } from "node:crypto";

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export class CanonicalError extends TypeError {
  override readonly name = "CanonicalError";
}

const LONE_SURROGATE = /\p{Cs}/u;

export function canonicalize(value: unknown): string {
  return encode(value, "$");
}

function encode(value: unknown, path: string): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new CanonicalError(`${path}: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (typeof value === "string") {
    if (LONE_SURROGATE.test(value)) throw new CanonicalError(`${path}: string contains a lone surrogate`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, `${path}[${i}]`)).join(",")}]`;
  if (typeof value === "object" && isPlainObject(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${encode(k, path)}:${encode(v, `${path}.${k}`)}`).join(",")}}`;
  }
  throw new CanonicalError(`${path}: ${describe(value)} is not plain JSON data`);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === "object" && value !== null) return value.constructor?.name ?? "object";
  return typeof value;
}

/** The value as it will read back from storage: the canonical form parsed again. */
export function toJson(value: unknown): JsonValue {
  return JSON.parse(canonicalize(value)) as JsonValue;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** `sha256:` and the hex SHA-256 of the value's canonical encoding: how a configuration is named in records. */
export function digestOf(value: unknown): string {
  return `sha256:${sha256Hex(canonicalize(value))}`;
}
