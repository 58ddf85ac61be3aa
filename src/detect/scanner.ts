/**
 * The scanning core: keyword prefilter → rule regex → entropy and validators → allowlists →
 * Finding. Pure: text in, findings out. The raw secret exists only inside `candidate()` and,
 * for a scanner built with `onSecret`, in the chunk's state until that chunk's scan returns.
 */
import { isPlaceholder, isReference, PathMatcher } from "./allowlist.js";
import { shannonEntropy } from "./entropy.js";
import { ChunkState } from "./chunk-state.js";
import { secretFinding } from "./secret-finding.js";
import { secretId, DEFAULT_HASH_KEY } from "./redact.js";
import type { Candidate, Chunk, Rule, SecretFinding } from "./types.js";
import { decodeBase64Text } from "./decode.js";
import { kubernetesSecretValues } from "./kubernetes.js";
import { KeywordCursor, KeywordMatcher } from "./keywords.js";
import { runChunk, type PatchRuns } from "./patch-runs.js";

/**
 * Kubernetes Secret keys that hold names, not secrets (`username`, `accountname`,
 * `apiUsername`, `db-user`, `client_id`, `host`): their values are not reported for being
 * there, though a provider token inside one still is.
 */
const NAME_KEY = /^(?:[a-z]{0,12}[._-]?)?(?:user(?:[._-]?name)?|account(?:[._-]?name)?|login|e?mail|client[._-]?id|app[._-]?id|tenant[._-]?id|host(?:name)?|port|database|db[._-]?name|namespace|region|bucket|endpoint|url)$/i;

/**
 * Minified or bundled code, told by its content rather than its name: a line this long with
 * almost no whitespace. Generic rules (a name that sounds secret, a literal beside it) do not
 * run there — `"password"===T.type` is code, not a credential — while provider formats do.
 */
const MINIFIED_LINE = 1000;
const MINIFIED_WHITESPACE = 0.05;

function minified(text: string, start: number, end: number): boolean {
  if (end - start < MINIFIED_LINE) return false;
  let ws = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) ws++;
  }
  return ws / (end - start) < MINIFIED_WHITESPACE;
}

const notGeneric = (cr: CompiledRule): boolean => cr.rule.provider !== "Generic";

/** Lines longer than this are scanned in windows around keyword hits, not whole. */
const LONG_LINE = 4096;
const WINDOW_BEFORE = 256;
const WINDOW_AFTER = 4096;
/** How far a multi-line rule (a PEM block) may reach past its first line. */
const MULTILINE_WINDOW = 64 * 1024;

/**
 * A rule with its matcher: `g` and `d` added to the rule's own flags, compiled on first use,
 * since most rules never see their keyword in a given run (start-up of a one-file scan).
 */
class CompiledRule {
  private compiled: RegExp | undefined;
  constructor(
    readonly rule: Rule,
    private readonly pattern: RegExp,
    readonly index: number,
  ) {}
  get re(): RegExp {
    if (this.compiled === undefined) {
      const flags = new Set(this.pattern.flags.replace(/[gyd]/g, ""));
      flags.add("g").add("d");
      this.compiled = new RegExp(this.pattern.source, [...flags].join(""));
    }
    return this.compiled;
  }
}

export interface ScannerOptions {
  readonly rules: readonly Rule[];
  /** Key for secret ids; see redact.ts. */
  readonly hashKey?: string;
  /** Repository-wide allowlist from config: candidates these match are not findings. */
  readonly allow?: {
    readonly secrets?: readonly RegExp[];
    readonly stopwords?: readonly string[];
    /** Paths where nothing is reported (gitleaks' global allowlist `paths`). */
    readonly paths?: (path: string) => boolean;
    /** Any other condition (gitleaks' global allowlists: line targets, AND, commits). */
    readonly when?: (candidate: Candidate) => boolean;
  };
  /**
   * ⚠ THE ONE WAY A RAW SECRET LEAVES THE SCANNER. Called once per reported finding, as its
   * chunk's scan ends (after overlaps are resolved and pairs joined), with the finding and the
   * raw secret it was built from. Only the App's revocation path passes one, to hand a leaked
   * credential to its own provider (src/revoke/credential.ts: HeldSecrets). Whatever you pass
   * here must never log, store, serialize or return the secret. Without it (the default)
   * nothing outside the scanner ever sees a secret.
   */
  readonly onSecret?: (finding: SecretFinding, secret: string) => void;
}

export class Scanner {
  readonly rules: readonly Rule[];
  private readonly compiled: CompiledRule[];
  private readonly matcher: KeywordMatcher;
  /** Rules per keyword id of the matcher. */
  private readonly rulesByKeyword: CompiledRule[][];
  private readonly pathRules: readonly Rule[];
  /** Rules without keywords (imported gitleaks rules that name none): run on every chunk. */
  private readonly everywhere: CompiledRule[] = [];
  private lineRules!: RuleSet;
  private readonly hashKey: string;
  private readonly pathScopeCache = new Map<string, Map<string, boolean>>();
  private readonly allow: NonNullable<ScannerOptions["allow"]>;
  private readonly order = new Map<Rule, number>();
  private readonly orderOf = (rule: Rule): number => this.order.get(rule) ?? 0;
  private readonly onSecret: ScannerOptions["onSecret"];

  constructor(options: ScannerOptions) {
    this.rules = options.rules;
    this.hashKey = options.hashKey ?? DEFAULT_HASH_KEY;
    this.allow = options.allow ?? {};
    this.onSecret = options.onSecret;
    this.compiled = [];
    options.rules.forEach((r, i) => this.order.set(r, i));
    const byKeyword = new Map<string, CompiledRule[]>();
    for (const rule of options.rules) {
      if (!rule.pattern) continue;
      const cr = new CompiledRule(rule, rule.pattern, this.compiled.length);
      this.compiled.push(cr);
      if (rule.keywords.length === 0) this.everywhere.push(cr);
      for (const kw of rule.keywords) {
        const key = kw.toLowerCase();
        const list = byKeyword.get(key) ?? [];
        list.push(cr);
        byKeyword.set(key, list);
      }
    }
    this.matcher = new KeywordMatcher([...byKeyword.keys()]);
    this.lineRules = new RuleSet(this.compiled.length);
    this.rulesByKeyword = [...byKeyword.values()];
    this.pathRules = options.rules.filter((r) => r.pathOnly);
  }

  /**
   * Findings for a file's mere presence (a committed keystore, a credentials file). `read`
   * gives the file's bytes (or undefined when it cannot) for rules that check them; it is
   * called only for a file such a rule names.
   */
  scanPath(path: string, commit?: Chunk["commit"], read?: () => Uint8Array | undefined): SecretFinding[] {
    const out: SecretFinding[] = [];
    if (this.allow.paths?.(path)) return out;
    let bytes: Uint8Array | undefined | null = null;
    for (let rule of this.pathRules) {
      if (!rule.paths?.some((p) => globMatch(path, p)) || (rule.appliesTo && !rule.appliesTo(path))) continue;
      if (rule.fileCheck) {
        if (bytes === null) bytes = read?.();
        if (bytes !== undefined && !rule.fileCheck(bytes)) continue;
        if (bytes === undefined) rule = { ...rule, confidence: "low", description: `${rule.description} (content not checked)` };
      }
      const id = secretId(`path:${path}`, this.hashKey);
      out.push(secretFinding(rule, { location: { path, line: 1, column: 1, endLine: 1, endColumn: 1, ...(commit ? { commit } : {}) }, preview: "(file)", secretId: id, entropy: 0 }));
    }
    return out;
  }

  /** Every finding in a chunk of text, in order of position. */
  scan(chunk: Chunk): SecretFinding[] {
    if (this.allow.paths?.(chunk.path)) return [];
    const cursor = new KeywordCursor();
    return this.scanFrom(chunk, undefined, cursor, this.matcher.next(cursor, chunk.text, 0, chunk.text.length));
  }

  /**
   * The findings of `scan()` on a file's Latin-1 view (one char per byte: see
   * ingest/worktree.ts), from its raw bytes: the keyword automaton runs over the bytes, and a
   * file is decoded only when it has a keyword (or the word that can start a Kubernetes
   * Secret, or the scanner has rules without keywords). Many files of a tree have none.
   */
  scanBytes(path: string, bytes: Buffer): SecretFinding[] {
    if (this.allow.paths?.(path)) return [];
    const cursor = new KeywordCursor();
    const first = this.matcher.nextInBytes(cursor, bytes, 0, bytes.length);
    if (first === -1 && this.everywhere.length === 0 && !hasKindWord(bytes)) return [];
    return this.scanFrom({ path, text: bytes.toString("latin1"), startLine: 1 }, bytes, cursor, first);
  }

  /**
   * The findings of `scan()` on each run of a patch's added lines as its own chunk, in order
   * (the App's path: detect/patch-runs.ts). The automaton reads each run in the patch text, so
   * a run is copied out only when it has a keyword (or a word that can start a Kubernetes
   * Secret, or the scanner has rules without keywords); most runs of a push have none.
   */
  scanPatch(p: PatchRuns): SecretFinding[] {
    const out: SecretFinding[] = [];
    if (this.allow.paths?.(p.path)) return out;
    const text = p.patch;
    // In place the automaton reads each line after its "+" marker, from its start state: the
    // hits it has in the run's text while no keyword has a newline (which leads back there).
    const inPlace = this.everywhere.length === 0 && this.matcher.ignores(0x0a);
    const cursor = new KeywordCursor();
    const kind = new NextOf(text, "kind");
    const KIND = new NextOf(text, "KIND");
    for (const run of p.runs) {
      if (inPlace && !this.keywordIn(cursor, text, run.from, run.to) && !kind.within(run.from, run.to) && !KIND.within(run.from, run.to)) continue;
      for (const f of this.scan(runChunk(p, run))) out.push(f);
    }
    return out;
  }

  /** Whether a keyword occurs in the lines of patch[from, to), each read after its marker. */
  private keywordIn(cursor: KeywordCursor, patch: string, from: number, to: number): boolean {
    for (let at = from; at < to; ) {
      let eol = patch.indexOf("\n", at);
      if (eol === -1 || eol > to) eol = to;
      cursor.state = 0;
      if (this.matcher.next(cursor, patch, at + 1, eol) !== -1) return true;
      at = eol + 1;
    }
    return false;
  }

  /** `hit` is the automaton's first hit in the chunk; with `bytes`, it runs over those. */
  private scanFrom(chunk: Chunk, bytes: Buffer | undefined, cursor: KeywordCursor, hit: number): SecretFinding[] {
    const state = new ChunkState(chunk, this.orderOf, this.onSecret);
    const text = chunk.text;
    const next = (from: number, to: number): number => (bytes ? this.matcher.nextInBytes(cursor, bytes, from, to) : this.matcher.next(cursor, text, from, to));
    while (hit !== -1) {
      const lineStart = text.lastIndexOf("\n", hit - 1) + 1;
      let lineEnd = text.indexOf("\n", hit - 1);
      if (lineEnd === -1) lineEnd = text.length;
      if (lineEnd - lineStart > LONG_LINE) {
        this.scanLongLine(state, lineStart, lineEnd);
      } else {
        // Every keyword on this line, from the same pass; then the line is evaluated once.
        // The rule set is reused line after line: a Map per line kept the collector busy.
        const rules = this.lineRules;
        rules.clear();
        this.addRules(state, cursor.hitIds, rules);
        let more: number;
        while ((more = next(hit, lineEnd)) !== -1) {
          this.addRules(state, cursor.hitIds, rules);
          hit = more;
        }
        const list = lineEnd - lineStart >= MINIFIED_LINE && minified(text, lineStart, lineEnd) ? rules.list.filter(notGeneric) : rules.list;
        this.scanSegment(state, lineStart, lineEnd, lineStart, lineEnd, list);
      }
      cursor.state = 0;
      hit = next(lineEnd + 1, text.length);
    }
    if (this.everywhere.length > 0) {
      const rules = this.everywhere.filter((cr) => !(cr.rule.paths || cr.rule.appliesTo) || this.inScope(chunk.path, cr.rule));
      this.scanSegment(state, 0, text.length, 0, text.length, rules);
    }
    // Only manifests can be Kubernetes Secrets: a cheap literal check before the regex.
    // (scanBytes skips files without either word: hasKindWord.)
    if ((text.includes("kind") || text.includes("KIND")) && /kind:\s*["']?secret/i.test(text)) this.scanKubernetesSecret(state);
    return state.finish();
  }

  private addRules(state: ChunkState, keywordIds: readonly number[], into: RuleSet | Map<number, CompiledRule>): void {
    for (const id of keywordIds) {
      for (const cr of this.rulesByKeyword[id]!) {
        if (into.has(cr.index)) continue;
        if ((cr.rule.paths || cr.rule.appliesTo) && !this.inScope(state.chunk.path, cr.rule)) continue;
        into.set(cr.index, cr);
      }
    }
  }

  /** Rules whose keywords occur in text[start, end), filtered by path scope. */
  private rulesIn(state: ChunkState, text: string, start: number, end: number): Map<number, CompiledRule> {
    const cursor = new KeywordCursor();
    const out = new Map<number, CompiledRule>();
    let pos = start;
    while ((pos = this.matcher.next(cursor, text, pos, end)) !== -1) this.addRules(state, cursor.hitIds, out);
    return out;
  }

  /**
   * Whether a path-scoped rule applies to the path; asked per rule, as its keyword occurs, and
   * remembered per path: most of a tree's files meet few of the scoped rules.
   */
  private inScope(path: string, rule: Rule): boolean {
    let known = this.pathScopeCache.get(path);
    if (!known) {
      if (this.pathScopeCache.size > 1000) this.pathScopeCache.clear();
      this.pathScopeCache.set(path, (known = new Map()));
    }
    let v = known.get(rule.id);
    if (v === undefined) {
      v = (!rule.paths || rule.paths.some((p) => globMatch(path, p))) && (!rule.appliesTo || rule.appliesTo(path));
      known.set(rule.id, v);
    }
    return v;
  }

  private scanLongLine(state: ChunkState, lineStart: number, lineEnd: number): void {
    const text = state.chunk.text;
    const cursor = new KeywordCursor();
    const windows: Array<[number, number]> = [];
    let pos = lineStart;
    while ((pos = this.matcher.next(cursor, text, pos, lineEnd)) !== -1) {
      const s = Math.max(lineStart, pos - WINDOW_BEFORE);
      const e = Math.min(lineEnd, pos + WINDOW_AFTER);
      const last = windows[windows.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else windows.push([s, e]);
    }
    const generic = !minified(text, lineStart, lineEnd);
    for (const [s, e] of windows) {
      const rules = [...this.rulesIn(state, text, s, e).values()];
      this.scanSegment(state, s, e, lineStart, lineEnd, generic ? rules : rules.filter(notGeneric));
    }
  }

  private scanSegment(state: ChunkState, start: number, end: number, lineStart: number, lineEnd: number, rules: Iterable<CompiledRule>): void {
    const text = state.chunk.text;
    let segment: string | undefined;
    for (const cr of rules) {
      if (cr.rule.multiline) {
        const windowEnd = Math.min(text.length, lineStart + MULTILINE_WINDOW);
        const window = text.slice(lineStart, windowEnd);
        cr.re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = cr.re.exec(window)) !== null) {
          if (m.index >= lineEnd - lineStart) break;
          this.candidate(state, cr.rule, m, lineStart);
          if (m[0].length === 0) cr.re.lastIndex++;
        }
        continue;
      }
      segment ??= text.slice(start, end);
      cr.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = cr.re.exec(segment)) !== null) {
        this.candidate(state, cr.rule, m, start);
        if (m[0].length === 0) cr.re.lastIndex++;
      }
    }
  }

  /** Judge one regex match. The raw secret lives only in this function's locals. */
  private candidate(state: ChunkState, rule: Rule, m: RegExpExecArray, base: number, encodedAt?: { start: number; end: number }): boolean {
    const group = secretGroupOf(rule, m);
    const secret = group === undefined ? m[0] : typeof group === "string" ? m.groups![group] : m[group];
    if (!secret) return false;
    const span = group === undefined ? m.indices?.[0] : typeof group === "string" ? m.indices?.groups?.[group] : m.indices?.[group];
    const start = base + (span ? span[0] : m.index);
    const end = base + (span ? span[1] : m.index + m[0].length);
    if (!this.accepts(rule, secret, m[0])) return false;
    if ((rule.allow?.when || this.allow.when) && !encodedAt) {
      const c = candidateOf(state, secret, m[0], start);
      if (rule.allow?.when?.(c) || this.allow.when?.(c)) return false;
    }

    // Encoded carriers (a basic-auth header, a Docker auth entry): a specific rule matching
    // inside the decoded value is the better finding, reported at the encoded value.
    if (!encodedAt && rule.decodes === "base64") {
      const decoded = decodeBase64Text(secret);
      if (decoded && this.scanDecoded(state, decoded, { start, end })) return true;
    }
    const loc = encodedAt ?? { start, end };
    return state.add(rule, secret, loc.start, loc.end, this.hashKey, shannonEntropy(secret), encodedAt ? "base64" : undefined);
  }

  /** Run every rule over a decoded value; report hits at the encoded value's location. */
  private scanDecoded(state: ChunkState, decoded: string, at: { start: number; end: number }): boolean {
    let found = false;
    for (const cr of this.rulesIn(new ChunkState({ path: state.chunk.path, text: decoded, startLine: 1 }), decoded, 0, decoded.length).values()) {
      {
        if (cr.rule.decodes) continue;
        cr.re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = cr.re.exec(decoded)) !== null) {
          if (this.candidate(state, cr.rule, m, 0, at)) found = true;
          if (m[0].length === 0) cr.re.lastIndex++;
        }
      }
    }
    return found;
  }

  /** Secret values of Kubernetes Secret manifests: base64 `data` and plain `stringData`. */
  private scanKubernetesSecret(state: ChunkState): void {
    const rule = this.rules.find((r) => r.id === "kubernetes-secret-data");
    for (const v of kubernetesSecretValues(state.chunk.text)) {
      const at = { start: v.start, end: v.end };
      const plain = v.encoded ? decodeBase64Text(v.value) : v.value;
      if (plain === undefined) continue;
      if (this.scanDecoded(state, plain, at)) continue;
      if (!rule || isReference(plain) || isPlaceholder(plain) || plain.trim().length < 6 || NAME_KEY.test(v.key)) continue;
      // A registry config (`.dockerconfigjson`) is a credential as a whole, whatever it holds.
      const registryConfig = /dockerc(onfigjson|fg)$/i.test(v.key) && /"(auth|password)"\s*:/.test(plain);
      if (!registryConfig && rule.validate && !rule.validate(plain)) continue;
      state.add(rule, plain, at.start, at.end, this.hashKey, shannonEntropy(plain), v.encoded ? "base64" : undefined);
    }
  }

  private accepts(rule: Rule, secret: string, match: string): boolean {
    if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
    if (rule.allow) {
      const lower = secret.toLowerCase();
      if (rule.allow.stopwords?.some((w) => lower.includes(w))) return false;
      if (rule.allow.secrets?.some((r) => r.test(secret))) return false;
      if (rule.allow.matches?.some((r) => r.test(match))) return false;
    }
    if (!rule.skipGlobalAllowlist && (isReference(secret) || isPlaceholder(secret))) return false;
    if (this.allow.secrets?.some((r) => r.test(secret))) return false;
    if (this.allow.stopwords?.length) {
      const lower = secret.toLowerCase();
      if (this.allow.stopwords.some((w) => lower.includes(w.toLowerCase()))) return false;
    }
    if (rule.validate && !rule.validate(secret)) return false;
    return true;
  }
}

/**
 * The capture group holding the secret: the rule's `secretGroup` (0: the first group that
 * matched something, as gitleaks does when none is set); else group `secret`; else group 1
 * when it took part; else the whole match (undefined).
 */
function secretGroupOf(rule: Rule, m: RegExpExecArray): number | string | undefined {
  if (rule.secretGroup === 0) {
    for (let i = 1; i < m.length; i++) if (m[i]) return i;
    return undefined;
  }
  if (rule.secretGroup !== undefined) return rule.secretGroup;
  if (m.groups && "secret" in m.groups) return "secret";
  if (m[1] !== undefined) return 1;
  return undefined;
}

function candidateOf(state: ChunkState, secret: string, match: string, start: number): Candidate {
  const text = state.chunk.text;
  const ls = text.lastIndexOf("\n", start - 1) + 1;
  let le = text.indexOf("\n", start);
  if (le === -1) le = text.length;
  return { secret, match, line: text.slice(ls, le), path: state.chunk.path, ...(state.chunk.commit ? { commit: state.chunk.commit.sha } : {}) };
}

/** Whether scan()'s cheap check before the Kubernetes Secret parse would pass on these bytes. */
function hasKindWord(bytes: Buffer): boolean {
  return bytes.indexOf("kind", 0, "latin1") !== -1 || bytes.indexOf("KIND", 0, "latin1") !== -1;
}

/**
 * Where a literal next occurs in a text, for ranges asked in increasing order: each search
 * starts where the last stopped short, so all of them read the text about once.
 */
class NextOf {
  private at = -2;
  constructor(
    private readonly text: string,
    private readonly literal: string,
  ) {}
  /** Whether the literal occurs inside text[from, to). */
  within(from: number, to: number): boolean {
    if (this.at === -1) return false;
    if (this.at < from) this.at = this.text.indexOf(this.literal, from);
    return this.at !== -1 && this.at + this.literal.length <= to;
  }
}

/** A reusable set of rules, cleared in O(1) by bumping a generation stamp. */
class RuleSet {
  readonly list: CompiledRule[] = [];
  private readonly stamps: Int32Array;
  private generation = 1;
  constructor(size: number) {
    this.stamps = new Int32Array(size);
  }
  clear(): void {
    this.generation++;
    this.list.length = 0;
  }
  has(index: number): boolean {
    return this.stamps[index] === this.generation;
  }
  set(index: number, cr: CompiledRule): void {
    this.stamps[index] = this.generation;
    this.list.push(cr);
  }
}

const globCache = new Map<string, PathMatcher>();
function globMatch(path: string, pattern: string): boolean {
  let m = globCache.get(pattern);
  if (!m) globCache.set(pattern, (m = new PathMatcher([pattern], { nocase: true })));
  return m.matches(path);
}

