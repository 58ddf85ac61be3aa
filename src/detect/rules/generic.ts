/**
 * Generic rules: a random-looking value assigned to a secret-like name, and a literal
 * password. They run on ordinary source lines, so they carry most of Keyward's
 * false-positive control:
 *
 * - The name must hold a secret word as a word of its own (api_key, clientSecret,
 *   AUTH_TOKEN, db.password), not inside another word (monkey, keyboard, author, bypass),
 *   and must not describe something else (keyId, tokenType, secretName, public_key,
 *   csrf_token, passwordField). Qualifiers before the word are lookbehinds in the pattern
 *   (GENERIC_WORD, PASSWORD_WORD); the rest of the name is judged by `genericNameRejected` /
 *   `passwordNameRejected` through `allow.matches`.
 * - The value must look random and must not be an identifier, a dotted path, a URL, a file
 *   path, a host name, an e-mail, a version, a lockfile or go.sum hash, a base64 image or
 *   base64 of readable text, an alphabet, a template or a reference. See `randomSecretValue`
 *   and `literalPassword`.
 * - A 32/40/64/128-hex value is fine under a secret-like name (many API keys are hex) but
 *   not under a hash-like one (commit_sha_key, checksum_token, integrity_key): those
 *   qualifiers reject the name.
 * - UUIDs are fine under a token/secret/key name (Heroku- and Octopus-style keys are UUIDs)
 *   and rejected under an id-like name (credentialsId, kms_key_id).
 * - A value in a provider's format (ghp_..., xoxp-...) is left to that provider's rule,
 *   which also decides when it is a fake (`hasProviderFormat`).
 *
 * Both rules see the secret and the matched text only (no surrounding line), so what the
 * name decides is checked on the match through `matchCheck`.
 */
import { isPlaceholder, isReference } from "../allowlist.js";
import { decodeBase64Text } from "../decode.js";
import { shannonEntropy } from "../entropy.js";
import type { Rule } from "../types.js";
import { plausiblePassword } from "./uris.js";
import { rules as ai } from "./ai.js";
import { rules as aws } from "./aws.js";
import { rules as azure } from "./azure.js";
import { rules as cloudflare } from "./cloudflare.js";
import { rules as dataPlatforms } from "./data-platforms.js";
import { rules as gcp } from "./gcp.js";
import { rules as github } from "./github.js";
import { rules as gitlab } from "./gitlab.js";
import { rules as hashicorp } from "./hashicorp.js";
import { rules as jwt } from "./jwt.js";
import { rules as messaging } from "./messaging.js";
import { rules as observability } from "./observability.js";
import { rules as paas } from "./paas.js";
import { rules as packages } from "./packages.js";
import { rules as payments } from "./payments.js";
import { rules as saas } from "./saas.js";
import { rules as slack } from "./slack.js";

// ---------------------------------------------------------------------------------------
// Provider formats
// ---------------------------------------------------------------------------------------

/**
 * Rules that know one provider's token format. The carrier modules (generic, config-files,
 * uris, keys) are left out. index.ts is not imported, so this module loads on its own; the
 * bindings are read lazily, once every module has initialised.
 */
const providerRules = (): readonly Rule[] =>
  [ai, aws, azure, cloudflare, dataPlatforms, gcp, github, gitlab, hashicorp, jwt, messaging, observability, paas, packages, payments, saas, slack].flat();

let formats: ReadonlyArray<{ readonly keywords: readonly string[]; readonly re: RegExp }> | undefined;

/**
 * True when `value` carries a provider's token format: one of a provider rule's keywords is
 * inside the value (a prefix such as ghp_, xoxp-, glpat-) and its pattern matches there.
 * Such a value is the provider rule's to judge. When that rule accepts it, it reports it;
 * when it rejects it (a wrong checksum, a filler like xoxp-1234-1234-1234-...), it is a
 * fake, and carrier rules (assignments, URLs, headers) must not report it either.
 */
export function hasProviderFormat(value: string): boolean {
  formats ??= providerRules()
    .filter((r) => r.pattern && !r.pathOnly && !r.multiline && r.keywords.length > 0)
    .map((r) => ({ keywords: r.keywords, re: new RegExp(r.pattern!.source, r.pattern!.flags.replace(/[gyd]/g, "")) }));
  const lower = value.toLowerCase();
  return formats.some((f) => f.keywords.some((k) => lower.includes(k)) && f.re.test(value));
}

/**
 * A RegExp whose `test` runs a predicate: lets a rule's `allow.matches` (tested against the
 * whole match) hold logic a single regex cannot express. `test` returns true to reject.
 */
class MatchRejector extends RegExp {
  constructor(private readonly reject: (match: string) => boolean) {
    super("(?!)");
  }
  override test(match: string): boolean {
    return this.reject(match);
  }
}
export const matchCheck = (reject: (match: string) => boolean): RegExp => new MatchRejector(reject);

// ---------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------

/** Split a name into lowercase words: camelCase, snake_case, kebab-case, dotted, $-prefixed. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Words that, as the last word of a name, say the value is not the secret itself. */
const DESCRIPTIVE_SUFFIXES = new Set(
  (
    "id ids uuid guid name names size length len type types file files filename path paths dir url uri urls " +
    "endpoint host hostname port version format mode count index idx prefix suffix header headers field fields " +
    "param params label hint policy provider algorithm alg algo kind class ref refs store vault spec schema pattern " +
    "regex regexp event events code map list set pair selector press pressed stroke frame board word words chars " +
    "up down left right expiry expires expiration expire ttl timeout lifetime usage location region arn at date time " +
    "env var variable enabled disabled required placeholder title description desc text message msg error help " +
    "example sample template prompt input button btn icon color style min max bytes bits rotation hash hashed " +
    "digest checksum sha sha1 sha256 sha512 md5 signature signatures number num limit method methods scheme " +
    "strategy source sources state status manager handler callback factory builder resolver loader getter setter " +
    "validator generator parser filter encoder decoder helper util utils option options opts sha256sum etag " +
    "meshing reference lookup column table attribute attr property prop start end pos position offset flags " +
    "range span node nodes kinds modifier modifiers"
  ).split(" "),
);

/** Words right before the secret word that make it a non-secret: public_key, csrf_token. */
const QUALIFIERS =
  "public|pub|publishable|primary|foreign|bucket|schema|sequence|sort|partition|range|cache|lookup|idempotency|" +
  "natural|composite|unique|i18n|translation|hot|row|idx|index|csrf|xsrf|authenticity|page|next|pagination|" +
  "continuation|cursor|sync|site|map|dict|cancellation|cancel|lexer|parser|jsonweb|json_web|hash|sha\\d{0,3}|md5|" +
  "checksum|digest|commit|integrity|etag|rev|revision";

/**
 * A secret word as a word of its own, for names of any case style (case-insensitive): key
 * (not monkey, nor a bare `key` with nothing attached), secret, token, auth (not author,
 * authentication), credential(s), creds; not after a qualifier that makes it something else.
 */
const SECRET_WORDS = "key|secret|token|auth|credentials?|creds";
// Literal first, lookbehinds after: the engine then only looks back where a word was found.
const GENERIC_WORD = String.raw`(?:key(?<!(?:mon|don|tur|hoc|jock|whis|ho)key)(?:(?<=[\w.$-]key)|(?=[\w.$-]))|secret|token|auth(?!or|ent)|credentials?|creds)(?<!(?:${QUALIFIERS})[_.-]?(?:${SECRET_WORDS}))`;

/**
 * A qualifier as a word of its own, in every case style: lowercase and UPPER forms start a
 * name or follow a non-letter (not "redis" for "is"), a Capitalised form is a camelCase hump.
 */
const cases = (words: string): string =>
  words
    .split("|")
    .flatMap((w) => [`(?<![A-Za-z])${w}`, w[0]!.toUpperCase() + w.slice(1), `(?<![A-Z])${w.toUpperCase()}`])
    .join("|");

const PASSWORD_QUALIFIERS = cases("forgot|reset|change|confirm|verify|repeat|retype|show|hide|toggle|input|min|max|is|has|no|use|require|required|allow|enable|with|new|old|current");

/**
 * A password word (case-sensitive, so camelCase humps count as word starts): password,
 * passwd, passphrase, pwd, and `pass` as a component (db_pass, dbPass, $pass, SMTP_PASS),
 * never inside bypass, compass or passenger, and never a bare lowercase `pass` (a verdict).
 */
const PASSWORD_WORD = String.raw`(?<!(?:${PASSWORD_QUALIFIERS})[_.-]?)(?:(?:(?<![A-Za-z0-9])[Pp]|(?<=[a-z0-9])P)(?:ass(?:[Ww]or[Dd]|[Ww][Dd]|[Pp]hrase)|wd|swd)|(?:(?<=[_.$-])[Pp]|(?<=[a-z0-9])P)ass|(?<![a-z])P(?:ASS(?:WORD|WD|PHRASE)?|WD|SWD))(?![a-z])`;

/** The name at the start of a match: the secret word and what follows it up to an operator. */
const leadingName = (match: string): string => /^[\w.$-]{1,120}/.exec(match)?.[0] ?? "";

/** The last word of a name, ignoring trailing numbers (Key-File-3, token_v2 → file, token). */
function lastWord(name: string): string | undefined {
  const words = nameWords(name).filter((w) => !/^(?:v?\d+)$/.test(w));
  return words[words.length - 1];
}

function descriptiveName(name: string): boolean {
  const last = lastWord(name);
  return !last || DESCRIPTIVE_SUFFIXES.has(last);
}

/** Reject the match when the name (from the secret word on) describes something else. */
function genericNameRejected(match: string): boolean {
  const name = leadingName(match);
  // Ordinary words that start with a secret word.
  if (/^(?:key(?:board|frame|stroke|word|ing|pad|note|stone|chain|code|cloak|space|set|map|path|store|tab|ring|down|up|press|event)|tokeni[sz]|secretar|secretion)/i.test(name)) return true;
  // Azure Key Vault names and ids ("keyVaultToStoreSecrets: cmp2-qat-01") name a vault.
  if (/key[_.-]?vault/i.test(name)) return true;
  return descriptiveName(name);
}

/** Reject the match when the password name describes something else (passwordField, pwd_hash). */
function passwordNameRejected(match: string): boolean {
  const words = nameWords(leadingName(match));
  const last = lastWord(leadingName(match));
  if (!last || DESCRIPTIVE_SUFFIXES.has(last)) return true;
  if (/^(?:reset|confirm|confirmation|strength|rules|changed|updated|salt|encrypted|encoded|auth|authentication|login|grant|flow|policy|protected|less|through|thru|word|token|tokens|key|keys|secret|secrets)$/.test(last)) return true;
  return words.some((w) => /^(?:reset|forgot|less|change|strength|expir\w*|policy|passed|passes|passing|passage|passport)$/.test(w));
}

// ---------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------

/** camelCase / PascalCase / snake / kebab / dotted words, with at most short numbers. */
export function looksLikeIdentifier(v: string): boolean {
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v)) return true; // dotted path / member access
  const parts = v
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2") // URLPattern → URL Pattern
    .split(/[\s_.\-/:]+/)
    .filter(Boolean);
  if (parts.length === 0) return true;
  // Word-like parts: a capitalised or lowercase word (with a vowel once it is 4+ letters), a
  // short acronym, a short number. Random strings ("Hq3Zp8Xw2") fail on their 1-letter humps.
  const word = (p: string): boolean =>
    (/^[A-Z]?[a-z]{2,20}\d{0,3}$/.test(p) && (p.length < 4 || /[aeiouy]/i.test(p))) || /^[A-Z]?[a-z]$/.test(p);
  return parts.every((p) => word(p) || /^[A-Z]{1,5}\d{0,3}s?$/.test(p) || /^\d{1,4}$/.test(p) || /^v\d{1,3}$/.test(p));
}

const FILE_EXTENSION =
  /\.(?:pem|key|crt|cer|der|p12|pfx|jks|keystore|keytab|json|ya?ml|xml|txt|env|pub|gpg|asc|properties|conf|cfg|ini|toml|sh|js|mjs|cjs|ts|py|rb|go|java|cs|php|html?|css|png|jpe?g|gif|svg|ico|md|csv|log|lock|zip|gz|tar|jar|dll|so|exe)$/i;

/** Shape checks that hold for every kind of generic secret value. */
function notAThing(v: string): boolean {
  if (isReference(v) || isPlaceholder(v)) return false;
  if (/^[a-z][a-z0-9+.-]{1,20}:\/\//i.test(v) || /^(?:data|blob|javascript|mailto|file):/i.test(v)) return false; // URLs
  if (/^-{3,}/.test(v)) return false; // PEM markers and rules
  if (/^sha(?:1|256|384|512)-[A-Za-z0-9+/]{20,}={0,2}$/.test(v) || /^h1:/.test(v)) return false; // lockfile / go.sum
  if (/^(?:sha\d{1,3}|md5):[a-f0-9]{32,128}$/i.test(v)) return false; // image and file digests
  if (/^v?\d{1,4}(?:\.\d{1,6}){1,3}(?:[-+][\w.-]{0,40})?$/.test(v) || /SNAPSHOT|RELEASE$/.test(v)) return false; // versions
  if (/^[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}$/.test(v)) return false; // e-mail
  if (/^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}(?::\d{1,5})?$/.test(v) && /\.[a-z]{2,24}(?::\d{1,5})?$/.test(v)) return false; // host names
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:[\\/]|\\\\)/.test(v) || FILE_EXTENSION.test(v)) return false; // paths
  if (/^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|PHN2Zy|AAABAA)/.test(v)) return false; // base64 images
  if (/[<>{}()\s]/.test(v) || /\.{3}|\*{3}|x{4}|X{4}|#{4}/.test(v)) return false; // templates, calls, elisions, masks
  if (/(\w{3,8})[-_:.]\1[-_:.]\1/.test(v)) return false; // filler groups: 1234-1234-1234
  if (/(?:abcdefgh|bcdefghi|ghijklmn|ABCDEFGH|01234567|12345678|23456789|qwertyui)/.test(v)) return false; // alphabets
  return true;
}

/** Well-known values published on purpose: public client keys and documentation samples. */
export const PUBLISHED_VALUES = new Set([
  // yarn's npm-search Algolia key, shipped in yarn and many docs sites (yarnpkg/berry#6201).
  "6fe4476ee5a1832882e326b506d14126",
  // NuGet's documentation sample passwords (nuget.config reference), copied into many READMEs.
  "33f!!lloppa",
  "hal+9ooo_da!sY",
]);

const SECRET_WORD_INSIDE = /(?:^|[^A-Za-z])(?:[Kk]ey|KEY|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Pp]assword|PASSWORD)(?:[^a-z]|$)|[a-z](?:Key|Token|Secret|Password)(?:[^a-z]|$)/;

/** A value random enough to be a key or token. */
export function randomSecretValue(v: string): boolean {
  if (v.length < 10 || /^[$#]/.test(v) || !notAThing(v) || hasProviderFormat(v)) return false;
  if (PUBLISHED_VALUES.has(v)) return false;
  if (looksLikeIdentifier(v)) return false;
  // Self-describing constants ("NEXUS-GPT4-API-KEY", "id-Gost28147-89-None-KeyMeshing"): a secret
  // word as a word inside the value, past its start. Provider prefixes (key-, secret_) are at the start.
  if (SECRET_WORD_INSIDE.test(v.slice(1))) return false;
  if (shannonEntropy(v) < 3) return false;
  // Base64 of readable text is judged by the text: {"k":"abc"} or user:test is not random.
  const decoded = /^[A-Za-z0-9+/_-]{12,}={0,2}$/.test(v) ? decodeBase64Text(v) : undefined;
  if (decoded !== undefined && (shannonEntropy(decoded) < 3 || isPlaceholder(decoded) || looksLikeIdentifier(decoded))) return false;
  const digit = /\d/.test(v);
  const mixed = /[a-z]/.test(v) && /[A-Z]/.test(v);
  if (!digit && !(mixed && v.length >= 24) && !(/[+/]/.test(v) && v.length >= 20)) return false;
  // All-lowercase words with a digit or two tacked on ("myproject2024secret") read as names.
  if (/^[a-z]{6,}\d{0,4}$/.test(v)) return false;
  return true;
}

/** Password hashes and encrypted forms: not the password itself. */
const HASHED_OR_ENCRYPTED =
  /^(?:\$(?:2[abxy]?|1|5|6|argon2\w{0,3}|scrypt|pbkdf2[\w-]{0,12}|y|7)\$|\{(?:SSHA|SHA|SHA256|SSHA256|SHA512|SSHA512|MD5|SMD5|CRYPT|bcrypt|pbkdf2|scrypt|argon2|cipher)\}|(?:pbkdf2_sha\d{3}|bcrypt_sha256|argon2|sha1|md5)\$|ENC\(|!vault|AQAAANCMnd8BFdERjHoAwE)/i;

/** A literal password: not a placeholder, reference, hash, identifier or word. */
export function literalPassword(v: string): boolean {
  if (v.length < 6 || !plausiblePassword(v) || PUBLISHED_VALUES.has(v) || hasProviderFormat(v)) return false;
  if (isReference(v) || isPlaceholder(v) || HASHED_OR_ENCRYPTED.test(v)) return false;
  if (/passw(?:or)?d|passwd/i.test(v)) return false; // "password123", "my_password"
  if (/^0x[0-9A-Fa-f]{1,16}n?$/.test(v)) return false; // a hex number (STENCIL_PASS_DEPTH_FAIL: 0x0B95)
  if (/^[a-z][a-z0-9+.-]{1,20}:\/\//i.test(v) || /^(?:\.{0,2}\/|~\/)/.test(v) || FILE_EXTENSION.test(v)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v)) return false; // form.password, this.pwd
  if (/^(?:new[ \t])?[\w$.]{1,80}[([]/.test(v) || /[()]/.test(v)) return false; // calls, lookups, arrows: getpass(), args[1]
  if (/^[A-Za-z_$*][\w$*]*(?:\??\.[A-Za-z_$*][\w$*]*)+$/.test(v) || /^[!?:@=]/.test(v)) return false; // a?.b, users.*.password, !flag, ==x (a comparison)
  if (/^[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?:[:/]|$)/.test(v) && /\.[a-z]{2,24}(?:[:/]|$)/.test(v)) return false; // host names, host/path
  if (/\[[^\]]{0,80}\]|\{[^}]{0,80}\}/.test(v)) return false; // regex classes, templates, arrays
  if (/^(?:secret|password|passwd|pass|test|testing|admin|root|changeme|qwerty|letmein|welcome|abc|demo|user|guest|hello|foo|bar|example|sample|default)[\d_!.@#-]{0,8}$/i.test(v)) return false; // fixture passwords
  if (/^[\w.-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}$/.test(v)) return false;
  if (/\.{3}|\*{3}|x{4}|X{4}|#{4}|^[A-Z][A-Z0-9_]{2,}$/.test(v)) return false; // masks, CONSTANT_NAMES
  // At least two character classes: letters, digits, symbols (case counts as one class).
  const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  if (classes < 2 && !(/[a-z]/.test(v) && /[A-Z]/.test(v) && v.length >= 10 && !looksLikeIdentifier(v))) return false;
  if (looksLikeIdentifier(v) && !/\d.*\d|[^\w.$-]/.test(v)) return false;
  return shannonEntropy(v) >= 2.2;
}

// ---------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------

/**
 * The name, from its secret word on. Starting at the word (rather than trying a lazy prefix
 * at every identifier) keeps the rule cheap on ordinary code; what comes before the word is
 * judged by the word's lookbehinds (qualifiers), the rest by `allow`. The rest of the name
 * is taken whole (atomically): an operator can only follow its last character.
 */
const NAME = (word: string): string => String.raw`(?:${word})(?=(?<tail>[\w.$-]{0,40}))\k<tail>`;

/**
 * Between name and value: an optional closing quote or bracket, an optional type annotation
 * (TypeScript `: string`, Go ` string`), then an assignment operator. `,` only follows a quoted
 * name (setProperty("NAME", "value")), `>` only closes an XML tag or attribute, and
 * `" value=` is .NET's `<add key="ApiKey" value="...">`.
 */
const SEP = String.raw`(?:\\?["'\x60])?\]?(?:[ \t]{0,2}:[ \t]{0,2}[A-Za-z][\w.<>\[\]|]{0,30}(?=[ \t]{0,4}=)|[ \t]{1,4}[A-Za-z*][\w.\[\]*]{0,30}(?=[ \t]{1,4}:?=))?[ \t]{0,4}(?::::=|::=|:=|\?=|\.=|\+=|=>|<-|=|:|(?<=["'\x60]),(?=[ \t]{0,4}["'\x60])|(?<=(?<!\?)<[\w.:-]{1,80}|["'])>|(?<=["'])[ \t]{1,4}value[ \t]{0,2}=)[ \t]{0,4}(?:[rRbBuU@](?=["']))?`;

/**
 * The value: quoted (closing quote required) or bare (ends at a delimiter). `body` must not
 * be able to match a shorter prefix of itself once the longest has failed, so it is
 * captured atomically (lookahead + backreference): no backtracking into it.
 */
const VALUE = (body: string): string =>
  String.raw`(?:\\(?=["'\x60]))?(?<oq>["'\x60]?)(?=(?<secret>${body}))\k<secret>\\?\k<oq>(?:(?<=["'\x60])|(?=[\s,;)\]}"'\x60<>&\\]|$))`;

// "=" only as base64 padding and ":" only after a scheme-like prefix (Laravel's base64:...),
// so "apiKey=apiKey=..." or "key:key:..." cannot make one long candidate per position.
const GENERIC_VALUE_CHARS = String.raw`\w.+/~@!%*^|#$-`;
const GENERIC_VALUE = String.raw`(?:[a-z0-9]{2,10}:)?[${GENERIC_VALUE_CHARS}]{10,512}={0,3}`;
const PASSWORD_VALUE = String.raw`[^\s"'\x60\\<>,;&]{6,256}`;

const GENERIC_PATTERN = new RegExp(NAME(GENERIC_WORD) + SEP + VALUE(GENERIC_VALUE), "i");
const PASSWORD_PATTERN = new RegExp(NAME(PASSWORD_WORD) + SEP + VALUE(PASSWORD_VALUE));

/**
 * The multi-line XML form: `<apiKey>` alone on its line, the value on the next, then the
 * closing tag. Anchored to the start of the window (the keyword's line) so it costs one
 * attempt per keyword line.
 */
const XML_PATTERN = new RegExp(
  String.raw`^[ \t]{0,80}<(?<tag>[\w.:-]{1,80})>[ \t]{0,8}\r?\n[ \t]{0,80}(?<secret>[=${GENERIC_VALUE_CHARS}]{6,512})[ \t]{0,8}\r?\n[ \t]{0,80}</\k<tag>>`,
);

function xmlValue(v: string): boolean {
  return randomSecretValue(v) || literalPassword(v);
}
const GENERIC_WORD_RE = new RegExp(GENERIC_WORD, "i");
const PASSWORD_WORD_RE = new RegExp(PASSWORD_WORD);
/** The tag must be a secret-like name by the same tests as the single-line rules. */
function xmlNameRejected(match: string): boolean {
  const tag = /<([\w.:-]{1,120})>/.exec(match)?.[1] ?? "";
  const g = GENERIC_WORD_RE.exec(tag);
  const p = PASSWORD_WORD_RE.exec(tag);
  return !(g && !genericNameRejected(tag.slice(g.index))) && !(p && !passwordNameRejected(tag.slice(p.index)));
}

export const rules: readonly Rule[] = [
  {
    id: "generic-secret",
    provider: "Generic",
    description: "High-entropy value assigned to a secret-like name (api_key, client_secret, auth_token, ...)",
    keywords: ["key", "secret", "token", "auth", "credential", "creds"],
    pattern: GENERIC_PATTERN,
    entropy: 3,
    validate: randomSecretValue,
    allow: { matches: [matchCheck(genericNameRejected)] },
    severity: "medium",
    confidence: "low",
    examples: {
      match: [
        'API_KEY="Zq4vT8mW2xLp9sKe7RbN3cYh"', // keyward:allow
        "const clientSecret: string = 'b7Qx2LmZ9pW4sTv8Kc3N';", // keyward:allow
        "var authToken string = \"k2V9xq8LmZ4pW7sTc3Nb\"", // keyward:allow
        '  "client_secret": "651b37f39f1b4ab3218b51a30c3e64adc88201cbfae2ce5ac15302c69a06e0ff",', // keyward:allow
        "service.credentials: aG9zdDpXN3hRMmxNOXBaNHNUdjhL", // keyward:allow
        'System.setProperty("PAYMENT_API_TOKEN", "Rt5Nw8qZ2xLm4Vb7");', // keyward:allow
        "$apiKey .= 'Hq3Zp8Xw2Lm9Tv4K';", // keyward:allow
        '<add key="StorageKey" value="Jx8Lq2Mz7Wp4Tv9Kc3Rb" />', // keyward:allow
        '<string name="maps_api_key">Mz7Wp4Tv9Kc3RbJx8Lq2</string>', // keyward:allow
        'ENV["DEPLOY_KEY"] = "T4vK9cRb3Jx8Lq2Mz7Wp"', // keyward:allow
        'config = {"settings.json": "SERVICE_TOKEN=Wp4Tv9Kc3RbJx8Lq2Mz7\\nDEBUG=false"}', // keyward:allow
        'os.getenv("api_token", "f3b2c1d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d")', // keyward:allow
      ],
      noMatch: [
        "public_key = 'Zq4vT8mW2xLp9sKe7RbN3cYh'", // keyward:allow
        "csrf_token = 'Zq4vT8mW2xLp9sKe7RbN3cYh'", // keyward:allow
        'credentialsId: "29f63271-dc2f-4734-8221-5b31b5169bac"',
        'kms_key_id = "555ea4a3-d53a-4412-9c66-3a7cb667b0d6"',
        "api_key = os.environ['API_KEY']",
        "apiKey: process.env.STRIPE_KEY",
        "token = getToken(user)",
        'secret_name = "prod-db-credentials"',
        "keyPressed = kVK_Return.u16",
        "KeyPair = X25519.KeyPair",
        'author = "jane.doe@mail.internal"',
        'monkeys = "Zq4vT8mW2xLp9sKe7RbN3cYh"', // keyward:allow
        "tokenizer = 'BertTokenizerFast'",
        'api_key: "YOUR_API_KEY_HERE"',
        'secret = "${SECRET}"',
        'token: "{{ .Values.token }}"',
        'integrity_key = "sha512-Zq4vT8mW2xLp9sKe7RbN3cYhZq4vT8mW2xLp9sKe7RbN3cYh=="',
        'commit_sha_key = "9a038989604e8da62ecddbe2094b16ce1b778be1"',
        'apiKey = "https://api.internal/v1/keys"',
        'private_key_path = "/etc/ssl/private/server.key"',
        'secret_version = "1.12.3"',
        'const validKeyChars = "0123456789abcdefghijklmnopqrstuvwxyz_-."',
        'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"',
        "token_type = 'Bearer'",
        'secret: "secretKeyRefToDatabaseUser"',
        'apiKey:"6fe4476ee5a1832882e326b506d14126"', // keyward:allow
        "GITHUB_API_KEY=\nDYNATRACE_API_KEY=",
        'avatar_key = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"',
      ],
    },
  },
  {
    id: "generic-password",
    provider: "Generic",
    description: "Literal password assigned to a password-like name",
    keywords: ["pass", "passw", "password", "passwd", "pwd", "pswd"],
    pattern: PASSWORD_PATTERN,
    validate: literalPassword,
    allow: { matches: [matchCheck(passwordNameRejected)] },
    severity: "medium",
    confidence: "low",
    examples: {
      match: [
        'DB_PASSWORD="Hv3n!B8sWq1"', // keyward:allow
        "spring.datasource.password=Tq7#mL2vX9", // keyward:allow
        "  password: 'k8Rz!wP4q'", // keyward:allow
        "Server=sql01;Database=app;User Id=svc;Password=Gd5$kL9wQ2;", // keyward:allow
        "smtpPass := `mW4r7Qz2x`", // keyward:allow
        '{"username": "svc", "password": "h7Gq2!pLm9"}', // keyward:allow
        "mysql --user=root --password=R00t-Pw-2291", // keyward:allow
      ],
      noMatch: [
        'password = "password"',
        "password: ${DB_PASSWORD}",
        "password = getpass.getpass()",
        'password: "changeme"',
        "passwordField = 'input[name=password]'",
        "password: userPassword",
        "password = form.password",
        'password_hash = "$2b$12$Qm3Vf9gX4b1hN8sL2kP0uO7cW5eR6tY9iU3oP1aS2dF4gH6jK8lZ"',
        "bypass = 'Zq4vT8mW2'", // keyward:allow
        "compass_heading = 'N45W12'",
        "password combination.\n\nR5: Regulatory--21",
        "PuttyPassword=0",
        "snowflake.password=\njdbc.snowflake.url=",
        'PASSWORD_MIN_LENGTH = "12chars"',
        '"forgot_password": "Forgot your password?"',
        "password: !vault |",
        'password = "********"',
        "password: <YOUR_PASSWORD>",
        'if("password"===T.type)return e',
        "    password: URLPatternComponentResult;",
        "    readonly ANY_SAMPLES_PASSED: 0x8C2F;",
        "    readonly STENCIL_PASS_DEPTH_FAIL: 0x0B95;",
      ],
    },
  },
  {
    id: "generic-secret-xml",
    provider: "Generic",
    description: "Secret-like XML element whose value sits on its own line",
    keywords: ["key", "secret", "token", "auth", "credential", "creds", "pass", "passw", "password", "passwd", "pwd", "pswd"],
    pattern: XML_PATTERN,
    multiline: true,
    validate: xmlValue,
    allow: { matches: [matchCheck(xmlNameRejected)] },
    severity: "medium",
    confidence: "low",
    examples: {
      match: [
        ["<server>", "  <apiToken>", "    Rt5Nw8qZ2xLm4Vb7Kc3J", "  </apiToken>", "</server>"].join("\n"), // keyward:allow
        ["<password>", "  Hv3n!B8sWq1", "</password>"].join("\n"), // keyward:allow
      ],
      noMatch: [
        ["<apiToken>", "  ${API_TOKEN}", "</apiToken>"].join("\n"),
        ["<keyName>", "  Rt5Nw8qZ2xLm4Vb7Kc3J", "</keyName>"].join("\n"), // keyward:allow
        ["<key>", "  CFBundleIdentifier", "</key>"].join("\n"),
      ],
    },
  },
];
