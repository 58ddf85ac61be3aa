/**
 * A repository's `.gitleaks.toml`, read so a gitleaks user's own rules and allowlists come
 * along: `[[rules]]` (with `[[rules.allowlists]]` and the legacy `[rules.allowlist]`),
 * `[extend]` (`useDefault`, `disabledRules`, and `path`: readGitleaksChain follows it) and the
 * global `[[allowlists]]` / legacy `[allowlist]`. Patterns are Go RE2: translated (re2.ts), then held to the same safety
 * checks as Keyward's own custom rules, with RE2's unbounded repetitions bounded. Pure:
 * text in, rules out.
 */
import { parse, TomlError } from "smol-toml";
import type { Candidate, Rule, Severity } from "../types.js";
import type { ScannerOptions } from "../scanner.js";
import coverage from "./gitleaks-coverage.json" with { type: "json" };
import { translateRe2 } from "./re2.js";
import { safeRegex } from "./regex-safety.js";

export const GITLEAKS_CONFIG_PATH = ".gitleaks.toml";

export interface GitleaksProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface GitleaksConfig {
  /** The file's own rules, as Keyward rules (provider "gitleaks"). */
  readonly rules: readonly Rule[];
  /** Keyward rule ids to turn off: `[extend] disabledRules`, mapped to the rules that cover them. */
  readonly disable: readonly string[];
  /** The global allowlists, for the scanner. */
  readonly allow: Pick<NonNullable<ScannerOptions["allow"]>, "paths" | "when">;
  /** Refused rules and allowlists, with the line they start on. */
  readonly errors: readonly GitleaksProblem[];
  /** What was read differently from gitleaks, or left out, and why. */
  readonly notes: readonly string[];
  /** `[extend] path`: the file this one extends, as written (readGitleaksChain follows it). */
  readonly extendsPath?: string;
}

/** gitleaks' default rule ids that Keyward's own rules cover (also scored by bench/quality.js). */
const COVERED: Readonly<Record<string, string>> = coverage;

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Line of the n-th occurrence of a TOML table header (`[[rules]]`), for messages. */
function headerLines(text: string, header: RegExp): number[] {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (header.test(l)) out.push(i + 1);
  });
  return out;
}

type Matcher = { ok: true; re: RegExp } | { ok: false; message: string };

/** An RE2 pattern as a safe JavaScript RegExp. */
function re2(source: string, what: string, notes: string[]): Matcher {
  const t = translateRe2(source);
  if (!t.ok) return { ok: false, message: `${what}: ${t.message}` };
  const safe = safeRegex(t.source, t.flags, "bound");
  if (!safe.ok) return { ok: false, message: `${what}: ${safe.message}` };
  for (const n of t.notes) notes.push(`${what}: ${n}`);
  return { ok: true, re: new RegExp(safe.source, safe.flags) };
}

/** One gitleaks allowlist as a predicate on candidates; undefined when it says nothing. */
function allowlist(t: Table, what: string, notes: string[], errors: string[]): { when: (c: Candidate) => boolean; pathsOnly?: RegExp[] } | undefined {
  const compile = (list: string[], kind: string) =>
    list.flatMap((s, i) => {
      const m = re2(s, `${what} ${kind}[${i}]`, notes);
      if (!m.ok) errors.push(m.message);
      return m.ok ? [m.re] : [];
    });
  const regexes = compile(strings(t.regexes), "regexes");
  const paths = compile(strings(t.paths), "paths");
  const stopwords = strings(t.stopwords).map((w) => w.toLowerCase());
  const commits = strings(t.commits);
  const target = typeof t.regexTarget === "string" ? t.regexTarget : "secret";
  if (!["secret", "match", "line"].includes(target)) errors.push(`${what}: regexTarget must be secret, match or line`);
  const and = typeof t.condition === "string" && t.condition.toUpperCase() === "AND";
  const checks: Array<(c: Candidate) => boolean> = [];
  if (regexes.length) checks.push((c) => regexes.some((r) => r.test(target === "line" ? c.line : target === "match" ? c.match : c.secret)));
  if (paths.length) checks.push((c) => paths.some((r) => r.test(c.path)));
  if (stopwords.length) checks.push((c) => stopwords.some((w) => c.secret.toLowerCase().includes(w)));
  if (commits.length) checks.push((c) => c.commit !== undefined && commits.some((sha) => c.commit!.startsWith(sha)));
  if (checks.length === 0) return undefined;
  const when = and ? (c: Candidate) => checks.every((f) => f(c)) : (c: Candidate) => checks.some((f) => f(c));
  // An OR allowlist's paths skip whole files, as in gitleaks.
  return { when, ...(!and && paths.length ? { pathsOnly: paths } : {}) };
}

/** The allowlists of a table: `allowlists` (array of tables) and the legacy `allowlist`. */
function allowlistsOf(t: Table): Table[] {
  const list = Array.isArray(t.allowlists) ? t.allowlists.filter(isTable) : [];
  return isTable(t.allowlist) ? [...list, t.allowlist] : list;
}

/** `extended`: the file is read because another extends it (its `useDefault` is the other's business). */
export function parseGitleaksConfig(text: string, ownRuleIds: ReadonlySet<string> = new Set(), extended = false): GitleaksConfig {
  const errors: GitleaksProblem[] = [];
  const notes: string[] = [];
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (err) {
    const e = err as TomlError;
    return { rules: [], disable: [], allow: {}, errors: [{ line: e.line ?? 1, column: e.column ?? 1, message: (e.message ?? String(err)).split("\n")[0]! }], notes };
  }

  const extend = isTable(doc.extend) ? doc.extend : undefined;
  if (extend?.url !== undefined) notes.push("[extend] url: a config file elsewhere is not fetched; only the files in the repository are read");
  const extendsPath = typeof extend?.path === "string" ? extend.path : undefined;
  if (extend?.path !== undefined && extendsPath === undefined) errors.push({ line: headerLines(text, /^\s*\[extend\]/)[0] ?? 1, column: 1, message: "[extend] path must be a string" });
  if (!extend?.useDefault && !extended) notes.push("no [extend] useDefault: Keyward's own rules still run beside this file's (gitleaks would run only this file's)");
  const disable = new Set<string>();
  for (const id of strings(extend?.disabledRules)) {
    for (const k of (COVERED[id] ?? id).split(",").map((s) => s.trim())) disable.add(k);
  }

  const ruleLines = headerLines(text, /^\s*\[\[rules\]\]/);
  const rules: Rule[] = [];
  const seen = new Set<string>();
  const list = Array.isArray(doc.rules) ? doc.rules : [];
  list.forEach((raw, i) => {
    const line = ruleLines[i] ?? 1;
    const fail = (message: string) => void errors.push({ line, column: 1, message });
    if (!isTable(raw)) return fail("[[rules]] entry is not a table");
    const id = typeof raw.id === "string" ? raw.id : "";
    if (!/^[A-Za-z0-9][\w.-]{0,99}$/.test(id)) return fail(`rule ${JSON.stringify(id)}: an id of letters, digits, '-', '_' or '.' is required`);
    if (seen.has(id)) return fail(`rule ${id}: a second rule with this id`);
    seen.add(id);
    if (COVERED[id] !== undefined || ownRuleIds.has(id)) {
      notes.push(`rule ${id}: a gitleaks default rule; Keyward's own ${COVERED[id] ?? id} covers it`);
      return;
    }
    const problems: string[] = [];
    const what = `rule ${id}`;
    const pattern = typeof raw.regex === "string" ? re2(raw.regex, `${what} regex`, notes) : undefined;
    const path = typeof raw.path === "string" ? re2(raw.path, `${what} path`, notes) : undefined;
    if (pattern && !pattern.ok) problems.push(pattern.message);
    if (path && !path.ok) problems.push(path.message);
    if (!pattern && !path) problems.push(`${what}: needs a regex or a path`);
    const secretGroup = raw.secretGroup;
    if (secretGroup !== undefined && !(Number.isInteger(secretGroup) && (secretGroup as number) >= 0)) problems.push(`${what}: secretGroup must be a group number`);
    if (pattern?.ok && typeof secretGroup === "number" && secretGroup > 0) {
      const groups = new RegExp(`${pattern.re.source}|`, pattern.re.flags).exec("")!.length - 1;
      if (secretGroup > groups) problems.push(`${what}: secretGroup ${secretGroup}, but the regex has ${groups} groups`);
    }
    const entropy = raw.entropy;
    if (entropy !== undefined && !(typeof entropy === "number" && entropy >= 0 && entropy <= 8)) problems.push(`${what}: entropy must be a number of bits per character (0–8)`);
    const keywords = strings(raw.keywords).map((k) => k.toLowerCase()).filter((k) => k.length > 0);
    const allowErrors: string[] = [];
    const allows = allowlistsOf(raw).flatMap((t, j) => allowlist(t, `${what} allowlist ${j + 1}`, notes, allowErrors) ?? []);
    problems.push(...allowErrors);
    if (problems.length) {
      for (const m of problems) fail(m);
      return;
    }
    if (pattern && keywords.length === 0) notes.push(`${what}: no keywords, so it runs on every line (slower)`);
    const pathRe = path?.ok ? path.re : undefined;
    const when = allows.length ? (c: Candidate) => allows.some((a) => a.when(c)) : undefined;
    const severity: Severity = "high";
    rules.push({
      id,
      provider: "gitleaks",
      description: typeof raw.description === "string" && raw.description ? raw.description : `gitleaks rule ${id}`,
      keywords: pattern ? keywords : [],
      ...(pattern?.ok ? { pattern: pattern.re, secretGroup: typeof secretGroup === "number" ? secretGroup : 0 } : { pathOnly: true, paths: ["**"] }),
      ...(typeof entropy === "number" ? { entropy } : {}),
      ...(pathRe ? { appliesTo: (p: string) => pathRe.test(p) } : {}),
      ...(when ? { allow: { when } } : {}),
      // gitleaks' own allowlist decides; Keyward's placeholder checks still apply.
      severity,
      confidence: "medium",
      examples: { match: [], noMatch: [] },
    });
  });

  const globalLines = headerLines(text, /^\s*\[\[?allowlists?\]\]?/);
  const globalErrors: string[] = [];
  const globals: Array<{ when: (c: Candidate) => boolean; pathsOnly?: RegExp[] }> = [];
  allowlistsOf(doc).forEach((t, j) => {
    const targets = strings(t.targetRules);
    const a = allowlist(t, `allowlist ${j + 1}`, notes, globalErrors);
    if (!a) return;
    if (targets.length) {
      // Only for the listed rules: attached to those of this file's rules.
      for (let k = 0; k < rules.length; k++) {
        const r = rules[k]!;
        if (!targets.includes(r.id)) continue;
        const own = r.allow?.when;
        rules[k] = { ...r, allow: { when: (c) => a.when(c) || (own?.(c) ?? false) } };
      }
      const others = targets.filter((id) => !rules.some((r) => r.id === id));
      if (others.length) notes.push(`allowlist ${j + 1}: targetRules ${others.join(", ")} are not rules of this file; it applies to this file's rules only`);
      return;
    }
    globals.push(a);
  });
  for (const m of globalErrors) errors.push({ line: globalLines[0] ?? 1, column: 1, message: m });
  const pathOnly = globals.flatMap((g) => g.pathsOnly ?? []);
  const allow: GitleaksConfig["allow"] = {
    ...(pathOnly.length ? { paths: (p: string) => pathOnly.some((r) => r.test(p)) } : {}),
    ...(globals.length ? { when: (c: Candidate) => globals.some((g) => g.when(c)) } : {}),
  };
  return { rules, disable: [...disable], allow, errors, notes, ...(extendsPath !== undefined ? { extendsPath } : {}) };
}

/** How many files deep `[extend] path` is followed: gitleaks' own limit. */
export const MAX_EXTEND_DEPTH = 2;

export interface GitleaksRead {
  readonly config: GitleaksConfig;
  /** Each problem in the file it is in. */
  readonly errors: ReadonlyArray<GitleaksProblem & { readonly file: string }>;
  /** Each prefixed with its file. */
  readonly notes: readonly string[];
  /** The file each of the merged rules comes from, by rule id. */
  readonly ruleFiles: ReadonlyMap<string, string>;
}

/**
 * A `.gitleaks.toml` (`file`, repository-relative, and its text) with the files its
 * `[extend] path` names, as gitleaks reads them: at most MAX_EXTEND_DEPTH files deep, the
 * extended file's rules first and this file's replacing those with the same id, disabled
 * rules and allowlists adding up. A path is repository-relative and must stay inside the
 * repository (`read` is asked only for such paths); one that does not, or cannot be read, is
 * an error in the file that names it.
 */
export async function readGitleaksChain(file: string, text: string, read: (path: string) => Promise<string | undefined>, ownRuleIds: ReadonlySet<string> = new Set()): Promise<GitleaksRead> {
  const errors: Array<GitleaksProblem & { file: string }> = [];
  const notes: string[] = [];
  const chain: GitleaksConfig[] = [];
  const files: string[] = [];
  const seen = new Set<string>([normalise(file) ?? file]);
  let current: { file: string; text: string } | undefined = { file, text };
  for (let depth = 0; current; depth++) {
    const parsed = parseGitleaksConfig(current.text, ownRuleIds, depth > 0);
    chain.push(parsed);
    files.push(current.file);
    for (const e of parsed.errors) errors.push({ file: current.file, ...e });
    for (const n of parsed.notes) notes.push(`${current.file}: ${n}`);
    const next = parsed.extendsPath;
    const at = { file: current.file, line: headerLines(current.text, /^\s*\[extend\]/)[0] ?? 1, column: 1 };
    current = undefined;
    if (next === undefined) break;
    const path = normalise(next);
    if (path === undefined) {
      errors.push({ ...at, message: `[extend] path ${JSON.stringify(next)}: must be a file inside the repository, relative to its root` });
      break;
    }
    if (seen.has(path)) {
      errors.push({ ...at, message: `[extend] path ${JSON.stringify(next)}: extends a file already read (a cycle)` });
      break;
    }
    if (depth + 1 > MAX_EXTEND_DEPTH) {
      notes.push(`${at.file}: [extend] path ${JSON.stringify(next)} not read: configurations extend at most ${MAX_EXTEND_DEPTH} files deep, as in gitleaks`);
      break;
    }
    const nextText = await read(path);
    if (nextText === undefined) {
      errors.push({ ...at, message: `[extend] path ${JSON.stringify(next)}: no such file in the repository` });
      break;
    }
    seen.add(path);
    current = { file: path, text: nextText };
  }
  // The extending file's rule replaces the extended one's: the first file naming an id owns it.
  const ruleFiles = new Map<string, string>();
  chain.forEach((c, i) => c.rules.forEach((r) => ruleFiles.has(r.id) || ruleFiles.set(r.id, files[i]!)));
  return { config: merge(chain), errors, notes, ruleFiles };
}

/** A repository-relative path without `.` and `..` steps; undefined when it is absolute or leaves the repository. */
function normalise(path: string): string | undefined {
  if (path.startsWith("/") || path.includes("\\") || /^[A-Za-z]:/.test(path)) return undefined;
  const out: string[] = [];
  for (const step of path.split("/")) {
    if (step === "" || step === ".") continue;
    if (step === "..") {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(step);
  }
  return out.length ? out.join("/") : undefined;
}

/** Configurations, each extending the next: rules by id (the extending file's win), the rest added up. */
function merge(chain: readonly GitleaksConfig[]): GitleaksConfig {
  const [first] = chain;
  if (chain.length === 1 && first) return first;
  const rules = new Map<string, Rule>();
  for (const c of [...chain].reverse()) for (const r of c.rules) rules.set(r.id, r);
  const paths = chain.flatMap((c) => (c.allow.paths ? [c.allow.paths] : []));
  const whens = chain.flatMap((c) => (c.allow.when ? [c.allow.when] : []));
  return {
    rules: [...rules.values()],
    disable: [...new Set(chain.flatMap((c) => c.disable))],
    allow: {
      ...(paths.length ? { paths: (p: string) => paths.some((f) => f(p)) } : {}),
      ...(whens.length ? { when: (c: Candidate) => whens.some((f) => f(c)) } : {}),
    },
    errors: chain.flatMap((c) => c.errors),
    notes: chain.flatMap((c) => c.notes),
  };
}
