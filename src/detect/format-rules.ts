/**
 * Provider formats as data. A format row states a token's grammar once — literals and bounded
 * runs of a character class, as the provider documents it — and everything a Rule needs is
 * derived from it: the regex (every quantifier bounded, so the adversarial lines stay linear),
 * the prefilter keywords, the public prefixes a preview may show, and generated match /
 * no-match examples (built here, when first read, from a seeded generator, so no token-shaped
 * literal sits in the source and the repository scans itself clean).
 *
 * Two kinds of rows:
 * - prefixed: the token carries its own documented prefix (`tskey-`, `pcsk_`, `sha256~`); the
 *   prefix is the keyword and the context.
 * - context: the value has no prefix of its own (or one too common to stand alone, `live_`),
 *   so the provider's name must stand in the identifier it is assigned to (`LOB_API_KEY=…`,
 *   `"lobKey": "…"`, `--lob-key …`). Values must mix letters and digits there, which keeps
 *   words and identifiers out.
 */
import type { Confidence, Rule, Severity } from "./types.js";
import { assignment, providerName, SECRET_WORDS } from "./rules/saas.js";

/** Character classes a run may draw from: regex range and the alphabet it stands for. */
const CLASSES = {
  hex: "0-9a-f",
  HEX: "0-9A-F",
  Hex: "0-9a-fA-F",
  digits: "0-9",
  lower: "a-z0-9",
  upper: "A-Z0-9",
  letters: "A-Za-z",
  alnum: "A-Za-z0-9",
  word: "A-Za-z0-9_",
  b64url: "A-Za-z0-9_-",
  b64: "A-Za-z0-9+/",
  b32: "A-Z2-7",
  b32lower: "a-z2-7",
  /** Lower-case base64url-ish (Supabase management tokens). */
  lowerurl: "a-z0-9_-",
  /** Salesforce session and refresh tokens. */
  dotted: "A-Za-z0-9._",
  /** URL-encoded base62 (Twitter bearer tokens). */
  pct: "A-Za-z0-9%",
  /** A DNS label (a tenant's subdomain). */
  host: "a-z0-9-",
  /** base64url with its padding (Frame.io, Duffel, GoCardless tokens). */
  b64urlpad: "A-Za-z0-9_=-",
  /** Either base64 alphabet with padding (Authress access keys). */
  b64any: "A-Za-z0-9+/_=-",
  /** Typeform personal tokens. */
  tfp: "A-Za-z0-9_.=-",
} as const;
export type CharClass = keyof typeof CLASSES;

/** One piece of a token: a literal, one of several literals, or a bounded run of a class. */
export type Part = string | { readonly oneOf: readonly string[] } | readonly [CharClass, number] | readonly [CharClass, number, number];

export interface FormatRow {
  readonly id: string;
  readonly provider: string;
  readonly description: string;
  /** Where the format is stated: the provider's documentation or a public scanner's rule. */
  readonly source: string;
  readonly token: readonly Part[];
  /** Provider names that must begin the identifier the value is assigned to. */
  readonly context?: readonly string[];
  /** With `context`: words the identifier must also hold (default SECRET_WORDS; [] = none). */
  readonly words?: readonly string[];
  /** Prefilter literals; default the token's leading literal(s), or the context names. */
  readonly keywords?: readonly string[];
  /** Public prefixes a preview may show; default the token's leading literal(s). */
  readonly prefixes?: readonly string[];
  readonly entropy?: number;
  readonly validate?: (secret: string) => boolean;
  /**
   * A genuine-looking token, for a row whose `validate` a random draw of its grammar cannot
   * pass (a payload that must decode to something); `next` is the generator's [0, 1) source.
   */
  readonly sample?: (next: () => number) => string;
  readonly severity?: Severity;
  readonly confidence?: Confidence;
}

/** The UUID grammar (any version), for formats built around one. */
export const UUID: readonly Part[] = [["hex", 8], "-", ["hex", 4], "-", ["hex", 4], "-", ["hex", 4], "-", ["hex", 12]];

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

function expand(range: string): string {
  let out = "";
  for (let i = 0; i < range.length; i++) {
    if (range[i + 1] === "-" && i + 2 < range.length) {
      for (let c = range.charCodeAt(i); c <= range.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
    } else out += range[i];
  }
  return out;
}
const ALPHABETS = Object.fromEntries(Object.entries(CLASSES).map(([k, v]) => [k, expand(v)])) as Record<CharClass, string>;

const isRun = (p: Part): p is readonly [CharClass, number] | readonly [CharClass, number, number] => Array.isArray(p);
const runBounds = (p: readonly [CharClass, number] | readonly [CharClass, number, number]): [number, number] => [p[1], p[2] ?? p[1]];

function partSource(p: Part): string {
  if (typeof p === "string") return escapeRe(p);
  if (isRun(p)) {
    const [lo, hi] = runBounds(p);
    return `[${CLASSES[p[0]]}]{${lo === hi ? lo : `${lo},${hi}`}}`;
  }
  return `(?:${(p as { oneOf: readonly string[] }).oneOf.map(escapeRe).join("|")})`;
}

/** Every literal the token can start with (the leading literals and choices, multiplied out). */
export function leadingLiterals(token: readonly Part[]): string[] {
  let acc = [""];
  for (const p of token) {
    if (isRun(p)) break;
    const options = typeof p === "string" ? [p] : (p as { oneOf: readonly string[] }).oneOf;
    if (acc.length * options.length > 32) break;
    acc = acc.flatMap((a) => options.map((o) => a + o));
  }
  return acc.filter((s) => s.length > 0);
}

/** What may not follow the token: a word character, or any character its last run draws from. */
function trailingGuard(token: readonly Part[]): string {
  const last = token[token.length - 1];
  const extra = last !== undefined && isRun(last) ? [...ALPHABETS[last[0]]].filter((c) => !/\w/.test(c)) : [];
  return `(?![\\w${extra.map((c) => `\\${c}`).join("")}])`;
}

/** A run that draws from letters and digits both: its values must hold both. */
const mixedRun = (p: Part): boolean => isRun(p) && /[0-9]/.test(ALPHABETS[p[0]]) && /[A-Za-z]/.test(ALPHABETS[p[0]]);

const hasLetter = (s: string): boolean => /[A-Za-z]/.test(s);
const hasDigit = (s: string): boolean => /[0-9]/.test(s);

// ---- Generated examples ----------------------------------------------------------------

/** A small seeded generator (mulberry32): the same examples on every load. */
function generator(seedText: string): () => number {
  let a = 0x811c9dc5;
  for (let i = 0; i < seedText.length; i++) a = Math.imul(a ^ seedText.charCodeAt(i), 0x01000193) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Length = "min" | "max" | "any";

/**
 * A token of the row's grammar from `next` (a source of numbers in [0, 1)). Runs of letters
 * and digits get at least one of each where long enough, as real random tokens do.
 */
export function sampleToken(token: readonly Part[], next: () => number, length: Length = "any"): string {
  let out = "";
  for (const p of token) {
    if (typeof p === "string") out += p;
    else if (isRun(p)) {
      const [lo, hi] = runBounds(p);
      const n = length === "min" ? lo : length === "max" ? hi : lo + Math.floor(next() * (hi - lo + 1));
      const alphabet = ALPHABETS[p[0]];
      let run = "";
      for (let i = 0; i < n; i++) run += alphabet[Math.floor(next() * alphabet.length)];
      if (n >= 4 && /[0-9]/.test(alphabet) && /[A-Za-z]/.test(alphabet)) {
        const digit = alphabet.match(/[0-9]/g)!;
        const letter = alphabet.match(/[A-Za-z]/g)!;
        if (!hasDigit(run)) run = digit[Math.floor(next() * digit.length)] + run.slice(1);
        if (!hasLetter(run)) run = run.slice(0, -1) + letter[Math.floor(next() * letter.length)];
      }
      out += run;
    } else {
      const options = (p as { oneOf: readonly string[] }).oneOf;
      out += options[Math.floor(next() * options.length)];
    }
  }
  return out;
}

const screamingName = (row: FormatRow): string => (row.context?.[0] ?? row.provider).replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();

function examples(row: FormatRow): Rule["examples"] {
  const next = generator(row.id);
  const shortest = row.sample ? row.sample(next) : sampleToken(row.token, next, "min");
  const longest = row.sample ? row.sample(next) : sampleToken(row.token, next, "max");
  const word = (row.words ?? SECRET_WORDS)[0] ?? "id";
  const env = `${screamingName(row)}_${word.toUpperCase()}`;
  const camel = (row.context?.[0] ?? "service").replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase()) + word[0]!.toUpperCase() + word.slice(1);
  const truncated = shortest.slice(0, -1);
  const placeholder = row.token.map((p) => (typeof p === "string" ? p : isRun(p) ? "x".repeat(runBounds(p)[0]) : (p as { oneOf: readonly string[] }).oneOf[0])).join("");
  // A sampled token's runs are not at their shortest, so cutting one character off proves nothing.
  const noMatch = [...(row.sample ? [] : [`${env}=${truncated}`]), `${env}="${placeholder}"`];
  if (row.context) noMatch.push(`build_id = "${shortest}"`);
  return { match: [`${env}=${shortest}`, `{"${camel}": "${longest}"}`], noMatch };
}

/** A two-word name as identifiers spell it: launch_darkly, launch-darkly, launch.darkly, launchdarkly. */
const spellings = (names: readonly string[]): string[] =>
  [...new Set(names.flatMap((n) => (n.includes("_") ? ["_", "-", ".", ""].map((sep) => n.replace(/_/g, sep)) : [n])))];

const minLength = (token: readonly Part[]): number =>
  token.reduce((n, p) => n + (typeof p === "string" ? p.length : isRun(p) ? runBounds(p)[0] : Math.min(...(p as { oneOf: readonly string[] }).oneOf.map((o) => o.length))), 0);

/**
 * Default entropy floor. A prefixed token is judged by its structure, so 2.5 only keeps out
 * runs of one character. A bare value must look random: 0.6 of the most a random run of its
 * length and alphabet reaches (32 hex: 2.4, 32 base62: 3), which random draws fall below about
 * once in ten thousand, while words and repeated patterns stay under it.
 */
function entropyFloor(row: FormatRow): number {
  if (!row.context) return 2.5;
  const widest = Math.max(...row.token.filter(isRun).map((p) => ALPHABETS[p[0]].length));
  return Math.min(3, 0.6 * Math.log2(Math.min(minLength(row.token), widest)));
}

/** The Rule a format row stands for. */
export function formatRule(row: FormatRow): Rule {
  const value = row.token.map(partSource).join("") + trailingGuard(row.token);
  const leading = leadingLiterals(row.token);
  const pattern = row.context
    ? assignment(providerName(...spellings(row.context)), value, row.words ?? SECRET_WORDS)
    : new RegExp(`(?<![A-Za-z0-9_])(?<secret>${value})`);
  const keywords = row.keywords ?? (row.context ? spellings(row.context).map((c) => c.toLowerCase()) : leading.map((l) => l.toLowerCase()));
  const mixed = row.context !== undefined && row.token.some(mixedRun);
  const own = row.validate;
  const validate = mixed || own ? (s: string) => (!mixed || (hasLetter(s) && hasDigit(s))) && (!own || own(s)) : undefined;
  let generated: Rule["examples"] | undefined;
  return {
    id: row.id,
    provider: row.provider,
    description: row.description,
    keywords: [...new Set(keywords)],
    prefixes: row.prefixes ?? leading.filter((l) => l.length >= 3),
    pattern,
    entropy: row.entropy ?? entropyFloor(row),
    ...(validate ? { validate } : {}),
    severity: row.severity ?? "high",
    confidence: row.confidence ?? (row.context ? "medium" : "high"),
    // Generated when first read (the rule tests, the benchmarks): a scan never reads them, and
    // generating them for every format at load was a tenth of a second of every start-up.
    get examples() {
      return (generated ??= examples(row));
    },
  };
}
