/**
 * CODEOWNERS as GitHub resolves it: gitignore-style patterns with GitHub's own exceptions, the
 * last matching line wins, and a line GitHub cannot read is reported and skipped rather than
 * failing the file. Pure: the caller reads the file.
 */
import { Minimatch, type MinimatchOptions } from "minimatch";
import { parseOwner, type Owner } from "./types.js";

/** Where GitHub looks, in order; the first that exists is the only one it reads. */
export const CODEOWNERS_LOCATIONS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

export type CodeownersLocation = (typeof CODEOWNERS_LOCATIONS)[number];

export function pickCodeowners(exists: (path: CodeownersLocation) => boolean): CodeownersLocation | undefined {
  return CODEOWNERS_LOCATIONS.find((p) => exists(p));
}

export interface CodeownersRule {
  /** 1-based line in the CODEOWNERS file, so a report can point at the rule that decided. */
  readonly line: number;
  /** As written, escapes included. */
  readonly pattern: string;
  /** Empty when the line deliberately leaves its paths without an owner. */
  readonly owners: readonly Owner[];
  /** Does the pattern cover this repository-relative file path (no leading slash)? */
  readonly matches: (path: string) => boolean;
}

export interface CodeownersError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ParsedCodeowners {
  readonly file: string;
  readonly rules: readonly CodeownersRule[];
  readonly errors: readonly CodeownersError[];
}

export function parseCodeowners(text: string, file: string): ParsedCodeowners {
  const rules: CodeownersRule[] = [];
  const errors: CodeownersError[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((source, index) => {
      const line = index + 1;
      const lexed = lexLine(source);
      if ("error" in lexed) {
        errors.push({ line, column: lexed.column, message: lexed.error });
        return;
      }
      const [pattern, ...ownerTokens] = lexed.tokens;
      if (!pattern) return; // blank or comment
      const compiled = compilePattern(pattern.text);
      if (!compiled.ok) {
        errors.push({ line, column: pattern.column + compiled.offset, message: compiled.message });
        return;
      }
      const owners: Owner[] = [];
      for (const token of ownerTokens) {
        const owner = parseOwner(token.text, "codeowners");
        if (owner) owners.push(owner);
        else errors.push({ line, column: token.column, message: `"${token.text}" is not an owner: use @user, @org/team or an email address` });
      }
      rules.push({ line, pattern: pattern.text, owners, matches: compiled.matches });
    });
  return { file, rules, errors };
}

/** The last matching rule decides; `line` is absent only when no rule matches. */
export function ownersOf(rules: readonly CodeownersRule[], path: string): { owners: Owner[]; line?: number } {
  const normalized = path.replace(/^(?:\.\/|\/)+/, "");
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i]!;
    if (rule.matches(normalized)) return { owners: [...rule.owners], line: rule.line };
  }
  return { owners: [] };
}

interface Token {
  /** Raw text, backslash escapes kept (the pattern translator needs them). */
  readonly text: string;
  /** 1-based. */
  readonly column: number;
}

/**
 * Whitespace-separated tokens up to the first `#`. GitHub starts a comment at any `#` and
 * documents that `\#` does not escape it, so such a line is an error rather than a silent
 * pattern that means something else.
 */
function lexLine(source: string): { tokens: Token[] } | { error: string; column: number } {
  const tokens: Token[] = [];
  let text = "";
  let start = 0;
  const flush = () => {
    if (text) tokens.push({ text, column: start + 1 });
    text = "";
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\" && i + 1 < source.length) {
      if (source[i + 1] === "#") return { error: "GitHub does not support escaping # in CODEOWNERS; the rest of the line would be a comment", column: i + 1 };
      if (!text) start = i;
      text += ch + source[i + 1]!;
      i++;
      continue;
    }
    if (ch === "#") break;
    if (ch === " " || ch === "\t") {
      flush();
      continue;
    }
    if (!text) start = i;
    text += ch;
  }
  flush();
  return { tokens };
}

const MATCH_OPTIONS: MinimatchOptions = {
  dot: true, // gitignore wildcards match dotfiles
  nocomment: true,
  nonegate: true,
  noext: true, // no extglobs or braces in gitignore syntax: `(`, `{` are literal
  nobrace: true,
  platform: "linux", // keep `\` an escape (and `/` the only separator) on every OS
};

/** Characters minimatch would read as syntax that gitignore reads literally. */
const GLOB_SPECIAL = /[\\*?[\]{}()!+@]/;

export type CompiledPattern =
  | { readonly ok: true; readonly globs: readonly string[]; readonly matches: (path: string) => boolean }
  | { readonly ok: false; readonly message: string; /** 0-based offset of the problem in the pattern. */ readonly offset: number };

/**
 * A CODEOWNERS pattern as minimatch globs over file paths:
 * - no slash, or only a trailing one: any depth (`**\/` in front);
 * - a leading or middle slash: anchored at the root;
 * - a trailing slash: a directory, so everything under it but not a file of that name;
 * - otherwise the path itself and, should it be a directory, everything under it — except a
 *   last segment of `*` (`docs/*`), which GitHub limits to direct children.
 */
export function compilePattern(pattern: string): CompiledPattern {
  if (pattern.startsWith("!")) return { ok: false, message: "GitHub CODEOWNERS does not support negation (!)", offset: 0 };
  const bracket = unescapedIndex(pattern, "[");
  if (bracket >= 0) return { ok: false, message: "GitHub CODEOWNERS does not support character ranges ([ ])", offset: bracket };
  const stars = pattern.indexOf("***");
  if (stars >= 0) return { ok: false, message: "a pattern cannot contain three consecutive asterisks", offset: stars };

  const anchored = pattern.startsWith("/");
  let body = anchored ? pattern.slice(1) : pattern;
  const directory = body.endsWith("/");
  if (directory) body = body.slice(0, -1);
  if (body === "" || body.startsWith("/") || body.endsWith("/")) return { ok: false, message: "the pattern matches no file", offset: 0 };

  let glob = toGlob(body);
  if (!anchored && !glob.includes("/") && glob !== "**") glob = `**/${glob}`;
  const last = glob.slice(glob.lastIndexOf("/") + 1);
  const globs = directory ? [`${glob}/**`] : last === "*" || last === "**" ? [glob] : [glob, `${glob}/**`];
  const matchers = globs.map((g) => new Minimatch(g, MATCH_OPTIONS));
  return { ok: true, globs, matches: (path) => matchers.some((m) => m.match(path)) };
}

/** Escapes stay escapes; `*`, `?` and `/` keep their meaning; everything else is literal. */
function toGlob(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "\\") {
      const next = body[++i];
      out += next === undefined ? "\\\\" : literal(next);
    } else if (ch === "*" || ch === "?" || ch === "/") {
      out += ch;
    } else {
      out += literal(ch);
    }
  }
  return out;
}

function literal(ch: string): string {
  return GLOB_SPECIAL.test(ch) ? `\\${ch}` : ch;
}

function unescapedIndex(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === ch) return i;
  }
  return -1;
}
