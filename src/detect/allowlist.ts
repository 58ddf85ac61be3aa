/**
 * Global false-positive control: values that look like secrets but are placeholders,
 * references to secrets kept elsewhere, or hashes and ids. Pure string checks.
 */
import { Minimatch } from "minimatch";
import { requiredLiterals } from "./glob-literals.js";
import { KeywordCursor, KeywordMatcher } from "./keywords.js";

/** Words that mark documentation and sample values (AKIAIOSFODNN7EXAMPLE, YOUR_API_KEY, ...). */
const PLACEHOLDER_WORDS = [
  "example",
  "placeholder",
  "your_",
  "your-",
  "yourapi",
  "yourtoken",
  "yoursecret",
  "yourkey",
  "changeme",
  "change_me",
  "replace_me",
  "replaceme",
  "replace_with",
  "replace-with",
  "replacewith",
  "insert_",
  "dummy",
  "redacted",
  "notasecret",
  "not_a_secret",
  "not-a-real",
  "not_real",
  "xxxxxx",
  "******",
  "......",
  "…",
  "<token",
  "<secret",
  "<key",
  "<password",
  "<your",
];

/** References to a secret kept elsewhere: the code names it, it does not contain it. */
const REFERENCE_PREFIXES = [
  "${",
  "{{",
  "$(",
  "#{",
  "%(",
  "<%",
  "@{",
  "$env:",
  "process.env",
  "os.environ",
  "os.getenv",
  "env.",
  "secrets.",
  "vars.",
  "var.",
  "config.",
  "settings.",
  "system.getenv",
  "getenv(",
  "env[",
];

export function isPlaceholder(secret: string): boolean {
  const lower = secret.toLowerCase();
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return true;
  // Angle-bracket, ${...} and {{...}} templates anywhere inside the value (a translated
  // placeholder such as {{ 'Passwort' | translate }} included).
  if (/<[a-z_ -]{2,40}>/i.test(secret) || secret.includes("${") || /\{\{[^{}]{0,200}\}\}/.test(secret)) return true;
  // "fake" starting the value or one of its separated parts: fake-key, FAKE_TOKEN, fakeSecret123,
  // my_fake_pw (not inside a random run of characters, where it can occur by chance).
  if (/(?:^|[_.-])(?:fake|FAKE|Fake)(?:[^a-z]|$)|^fake[A-Z0-9]/.test(secret)) return true;
  // One character repeated for most of the value ("aaaaaaaaaaaaaaaa", "0000000000").
  if (secret.length >= 8 && distinctChars(secret) <= 3) return true;
  return false;
}

export function isReference(secret: string): boolean {
  const lower = secret.toLowerCase();
  for (const p of REFERENCE_PREFIXES) if (lower.startsWith(p)) return true;
  return lower.includes("${{");
}

export function distinctChars(value: string): number {
  return new Set(value).size;
}

/** Paths never scanned: lockfiles, vendored and minified code, binaries, media. */
export const DEFAULT_PATH_ALLOWLIST: readonly string[] = [
  "**/package-lock.json",
  "**/npm-shrinkwrap.json",
  "**/yarn.lock",
  "**/pnpm-lock.yaml",
  "**/bun.lockb",
  "**/Cargo.lock",
  "**/composer.lock",
  "**/Gemfile.lock",
  "**/poetry.lock",
  "**/Pipfile.lock",
  "**/uv.lock",
  "**/go.sum",
  "**/gradle.lockfile",
  "**/packages.lock.json",
  "**/node_modules/**",
  "**/vendor/**",
  "**/third_party/**",
  "**/bower_components/**",
  "**/.git/**",
  "**/*.min.js",
  "**/*.min.css",
  "**/*.map",
  "**/*.{png,jpg,jpeg,gif,bmp,ico,webp,tiff,svgz,psd}",
  "**/*.{woff,woff2,ttf,otf,eot}",
  "**/*.{zip,gz,tgz,bz2,xz,7z,rar,jar,war,ear,whl,egg}",
  "**/*.{exe,dll,so,dylib,a,o,class,pyc,wasm,bin}",
  "**/*.{pdf,mp3,mp4,mov,avi,wav,ogg,flac}",
];

/**
 * Compiled path matcher (minimatch, dot files included); patterns compile once. A keyword pass
 * over the path first (glob-literals.ts) leaves minimatch only the patterns that can match it:
 * every file of a tree is tested, and minimatch on every pattern was a tenth of a scan.
 */
export class PathMatcher {
  private readonly compiled: readonly Minimatch[];
  /** Patterns without a literal condition: always asked. */
  private readonly unconditional: readonly number[];
  private readonly literals: KeywordMatcher;
  /** Pattern indexes per literal of `literals`. */
  private readonly byLiteral: readonly number[][];
  constructor(patterns: readonly string[], options: { nocase?: boolean } = {}) {
    this.compiled = patterns.map((p) => new Minimatch(p, { dot: true, matchBase: !p.includes("/"), nocase: options.nocase ?? false }));
    const unconditional: number[] = [];
    const byLiteral = new Map<string, number[]>();
    patterns.forEach((p, i) => {
      const lits = requiredLiterals(p);
      if (!lits) unconditional.push(i);
      else for (const lit of lits) byLiteral.set(lit, [...(byLiteral.get(lit) ?? []), i]);
    });
    this.unconditional = unconditional;
    this.literals = new KeywordMatcher([...byLiteral.keys()]);
    this.byLiteral = [...byLiteral.values()];
  }
  matches(path: string): boolean {
    const p = path.replace(/^\.\//, "");
    for (const i of this.unconditional) if (this.compiled[i]!.match(p)) return true;
    const cursor = new KeywordCursor();
    let asked: Set<number> | undefined;
    for (let at = 0; (at = this.literals.next(cursor, p, at, p.length)) !== -1; ) {
      for (const id of cursor.hitIds) {
        for (const i of this.byLiteral[id]!) {
          if ((asked ??= new Set()).has(i)) continue;
          asked.add(i);
          if (this.compiled[i]!.match(p)) return true;
        }
      }
    }
    return false;
  }
}
