/**
 * Provider formats as data. A provider table (rules/providers-a.ts, rules/providers-b.ts) is
 * one row per token format: its parts (literal prefix, then character classes with bounded
 * lengths), and, for formats without a prefix of their own, the provider names that must
 * precede it in an assignment. From one row come the rule's pattern, its keywords for the
 * prefilter, its public prefixes for previews, its entropy floor and its match / no-match
 * examples, so a table of hundreds of formats stays a table.
 *
 *   { id: "adafruit-io-key", provider: "Adafruit", description: "Adafruit IO key",
 *     token: ["aio_", A(28)] }                                  // prefixed: the prefix is enough
 *   { id: "algolia-admin-key", provider: "Algolia", description: "…",
 *     token: [h(32)], near: ["algolia"] }                        // ALGOLIA_ADMIN_KEY = <32 hex>
 *
 * Every quantifier is bounded (a class part is `{min,max}`), so a row cannot make the scanner
 * slow on hostile input (test/detect/adversarial.test.ts runs every rule on 1 MB lines).
 */
import type { Confidence, Rule, Severity } from "./types.js";
import { shannonEntropy } from "./entropy.js";
import { SECRET_WORDS, assignment, providerName } from "./rules/saas.js";

/** Character classes a token part is drawn from. */
const CLASSES = {
  A: "A-Za-z0-9", // base62
  a: "a-z0-9",
  U: "A-Z0-9",
  L: "A-Za-z",
  l: "a-z",
  h: "a-f0-9",
  H: "A-F0-9",
  x: "a-fA-F0-9",
  d: "0-9",
  b: "A-Za-z0-9+/", // base64
  u: "A-Za-z0-9_-", // base64url
  w: "A-Za-z0-9_=-", // base64url with padding
  B: "A-Z2-7", // base32
  k: "a-z0-9-", // host-name labels
  W: "A-Za-z0-9+/_=-", // either base64 alphabet
} as const;
type ClassName = keyof typeof CLASSES;

const ALPHABETS: Record<ClassName, string> = Object.fromEntries(
  Object.entries(CLASSES).map(([k, v]) => [k, v.replace(/(.)-(.)/g, (_, a: string, b: string) => String.fromCharCode(...range(a.charCodeAt(0), b.charCodeAt(0))))]),
) as Record<ClassName, string>;

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let c = from; c <= to; c++) out.push(c);
  return out;
}

/** A run of `min`..`max` characters of one class. */
export interface ClassPart {
  readonly c: ClassName;
  readonly min: number;
  readonly max: number;
}
/** Parts that may be absent (`dp.st.` then an optional `<config>.`). */
export interface OptionalPart {
  readonly opt: readonly Part[];
}
/** A literal, a choice of literals, a class run, or optional parts. */
export type Part = string | readonly string[] | ClassPart | OptionalPart;

const part =
  (c: ClassName) =>
  (min: number, max = min): ClassPart => ({ c, min, max });
/** base62 */
export const A = part("A");
/** a-z0-9 */
export const a = part("a");
/** A-Z0-9 */
export const U = part("U");
/** letters */
export const L = part("L");
/** a-z */
export const l = part("l");
/** lower-case hex */
export const h = part("h");
/** upper-case hex */
export const H = part("H");
/** hex in either case */
export const x = part("x");
/** digits */
export const d = part("d");
/** base64 body (no padding) */
export const b = part("b");
/** base64url */
export const u = part("u");
/** base64url and `=` */
export const w = part("w");
/** base32 (RFC 4648 alphabet) */
export const B = part("B");
/** host-name label characters */
export const k = part("k");
/** either base64 alphabet, with padding */
export const W = part("W");
/** Parts that may be absent. */
export const opt = (...parts: Part[]): OptionalPart => ({ opt: parts });
/** A UUID in lower-case hex, as parts. */
export const UUID: readonly Part[] = [h(8), "-", h(4), "-", h(4), "-", h(4), "-", h(12)];
/** A UUID in either case. */
export const UUIDX: readonly Part[] = [x(8), "-", x(4), "-", x(4), "-", x(4), "-", x(12)];

export interface ProviderFormat {
  readonly id: string;
  readonly provider: string;
  readonly description: string;
  /** The token, part by part: literals and bounded class runs. */
  readonly token: readonly Part[];
  /**
   * Provider names that must name the assignment the token is the value of
   * (`ALGOLIA_ADMIN_KEY = …`); absent when the token's own prefix identifies it.
   */
  readonly near?: readonly string[];
  /** With `near`: the identifier words that must follow the name (default SECRET_WORDS; [] = the name alone). */
  readonly words?: readonly string[];
  /** Public, documented prefixes previews may show (default: the token's leading literal, for rows without `near`). */
  readonly prefixes?: readonly string[];
  /** Prefilter literals (default: the `near` names, else the leading literal). */
  readonly keywords?: readonly string[];
  /** Minimum Shannon entropy of the whole token (default from its random part's alphabet and length). */
  readonly entropy?: number;
  /** A structure or checksum check (true = looks genuine). */
  readonly validate?: (secret: string) => boolean;
  /**
   * Builds a genuine-looking example for a format whose `validate` a random draw of its parts
   * cannot pass (a decoded id, a checksum); `pick(alphabet, n)` draws from the row's seed.
   */
  readonly sample?: (pick: (alphabet: string, n: number) => string) => string;
  readonly severity?: Severity;
  readonly confidence?: Confidence;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const isClass = (p: Part): p is ClassPart => typeof p === "object" && "c" in p;
const isOptional = (p: Part): p is OptionalPart => typeof p === "object" && "opt" in p;

function partRe(p: Part): string {
  if (typeof p === "string") return escapeRe(p);
  if (isClass(p)) return `[${CLASSES[p.c]}]{${p.min}${p.max === p.min ? "" : `,${p.max}`}}`;
  if (isOptional(p)) return `(?:${p.opt.map(partRe).join("")})?`;
  const alts = (p as readonly string[]).map(escapeRe);
  return `(?:${alts.join("|")})`;
}

/** The leading literals of a token (several for a leading choice). */
function leadingLiterals(token: readonly Part[]): string[] {
  const first = token[0];
  if (typeof first === "string") return [first];
  if (first !== undefined && Array.isArray(first)) return (first as readonly string[]).filter((s) => s.length > 0);
  return [];
}

/** What may follow the token: nothing its last class could continue with. */
function tailRe(token: readonly Part[]): string {
  const last = token[token.length - 1];
  const base64ish = last !== undefined && isClass(last) && (last.c === "b" || last.c === "w");
  return base64ish ? "(?![A-Za-z0-9_+/=-])" : "(?![A-Za-z0-9_-])";
}

/** Default entropy floor: three quarters of what a random run of that alphabet and length reaches, at most 3.2. */
function defaultEntropy(token: readonly Part[]): number {
  const runs = token.filter(isClass);
  if (runs.length === 0) return 0;
  const longest = runs.reduce((m, p) => (p.min > m.min ? p : m));
  const total = runs.reduce((s, p) => s + p.min, 0);
  const alphabet = ALPHABETS[longest.c].length;
  return Math.min(3.2, 0.75 * Math.log2(Math.min(total, alphabet)));
}

/** A value spelled like an identifier (`getAlgoliaAdminKey`, `ADMIN_KEY_FROM_ENV`), not a token. */
const IDENTIFIER = /^(?:[A-Z]?[a-z]{2,}|[A-Z]{2,}|[_.-])+$/;

// ---- Examples: generated from the row, deterministically (a seed per id) ---------------------
function seeded(id: string): () => number {
  let s = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) s = Math.imul(s ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A token of the row's shape; `shorten` cuts its longest class run below its minimum. */
function sampleToken(token: readonly Part[], rand: () => number, shorten = false): string {
  const runs = token.filter(isClass);
  const longest = runs.length ? runs.reduce((m, p) => (p.min > m.min ? p : m)) : undefined;
  return token
    .map((p) => {
      if (typeof p === "string") return p;
      if (isOptional(p)) return "";
      if (!isClass(p)) return (p as readonly string[]).find((s) => s.length > 0) ?? "";
      const n = shorten && p === longest ? Math.max(1, Math.floor(p.min * 0.6)) : p.min;
      const alphabet = ALPHABETS[p.c];
      let s = "";
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      return s;
    })
    .join("");
}

const upperSnake = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]+/g, "_");

function examplesFor(row: ProviderFormat, validate: (s: string) => boolean, entropy: number): Rule["examples"] {
  const rand = seeded(row.id);
  // A drawn token can fail the row's own check (a checksum); draw again, a bounded number of times.
  const pick = (alphabet: string, n: number): string => {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    return s;
  };
  const draw = (): string => (row.sample ? row.sample(pick) : sampleToken(row.token, rand));
  let tok = draw();
  for (let i = 0; i < 64 && !(validate(tok) && shannonEntropy(tok) >= entropy); i++) tok = draw();
  const short = sampleToken(row.token, rand, true);
  if (row.near) {
    const word = (row.words ?? ["key"])[0] ?? "";
    const name = row.near[0]!;
    // A name that is a literal key (`client-key-data`) is used as it is spelled.
    const ident = /^[A-Za-z0-9]+$/.test(name) ? `${upperSnake(name)}${word ? `_${upperSnake(word)}` : ""}` : name;
    return {
      match: [`${ident}=${tok}`, `  ${ident === name ? name : `${name}${word ? word[0]!.toUpperCase() + word.slice(1) : ""}`}: "${tok}"`],
      noMatch: [`${ident}=${short}`, `const buildId = "${tok}";`, `${ident}=\${${ident}}`],
    };
  }
  return {
    match: [`TOKEN=${tok}`, `config = { token: '${tok}' }`],
    noMatch: [`TOKEN=${short}`, `TOKEN=Z${tok}`],
  };
}

/** The rule a row declares. */
export function providerRule(row: ProviderFormat): Rule {
  const body = row.token.map(partRe).join("") + tailRe(row.token);
  const lead = leadingLiterals(row.token);
  const pattern = row.near
    ? assignment(providerName(...row.near), body, row.words ?? SECRET_WORDS)
    : new RegExp(`${lead.length ? "(?<![A-Za-z0-9_])" : "(?<![A-Za-z0-9_+/-])"}(?<secret>${body})`);
  const keywords = row.keywords ?? (row.near ? row.near.map((n) => n.toLowerCase()) : lead.map((s) => s.toLowerCase()));
  const entropy = row.entropy ?? defaultEntropy(row.token);
  const own = row.validate;
  // Whatever follows the literal prefix is a random run: refuse one spelled like an identifier
  // (`ALGOLIA_KEY = getAlgoliaAdminKey`, `previewImageUrlForTheCurrentUser`).
  const validate = (s: string): boolean => {
    const prefix = lead.find((p) => s.startsWith(p)) ?? "";
    return !IDENTIFIER.test(s.slice(prefix.length)) && (own ? own(s) : true);
  };
  const rule: Rule = {
    id: row.id,
    provider: row.provider,
    description: row.description,
    keywords,
    ...(row.prefixes ? { prefixes: row.prefixes } : !row.near && lead.length ? { prefixes: lead } : {}),
    pattern,
    entropy,
    validate,
    severity: row.severity ?? "high",
    confidence: row.confidence ?? (row.near ? "medium" : "high"),
    examples: examplesFor(row, validate, entropy),
  };
  return rule;
}

/** The rules of a provider table. */
export function providerRules(rows: readonly ProviderFormat[]): readonly Rule[] {
  return rows.map(providerRule);
}
