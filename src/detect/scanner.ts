/**
 * The scanning core: keyword prefilter → rule regex → entropy and validators → allowlists →
 * Finding. Pure: text in, findings out. The raw secret exists only inside `candidate()`.
 */
import { minimatch } from "minimatch";
import { isPlaceholder, isReference } from "./allowlist.js";
import { shannonEntropy } from "./entropy.js";
import { INLINE_ALLOW, LineIndex } from "./lines.js";
import { redact, secretId, DEFAULT_HASH_KEY } from "./redact.js";
import type { Chunk, Rule, SecretFinding } from "./types.js";
import { decodeBase64Text } from "./decode.js";
import { kubernetesSecretValues } from "./kubernetes.js";

/** Lines longer than this are scanned in windows around keyword hits, not whole. */
const LONG_LINE = 4096;
const WINDOW_BEFORE = 256;
const WINDOW_AFTER = 4096;
/** How far a multi-line rule (a PEM block) may reach past its first line. */
const MULTILINE_WINDOW = 64 * 1024;

interface CompiledRule {
  readonly rule: Rule;
  readonly re: RegExp;
  readonly index: number;
}

export interface ScannerOptions {
  readonly rules: readonly Rule[];
  /** Key for secret ids; see redact.ts. */
  readonly hashKey?: string;
  /** Repository-wide allowlist from config: candidates these match are not findings. */
  readonly allow?: { readonly secrets?: readonly RegExp[]; readonly stopwords?: readonly string[] };
}

export class Scanner {
  readonly rules: readonly Rule[];
  private readonly compiled: CompiledRule[];
  private readonly keywordRe: RegExp;
  private readonly byKeyword = new Map<string, CompiledRule[]>();
  private readonly pathRules: readonly Rule[];
  private readonly hashKey: string;
  private readonly pathScopeCache = new Map<string, Set<string>>();
  private readonly allow: NonNullable<ScannerOptions["allow"]>;

  constructor(options: ScannerOptions) {
    this.rules = options.rules;
    this.hashKey = options.hashKey ?? DEFAULT_HASH_KEY;
    this.allow = options.allow ?? {};
    this.compiled = [];
    for (const rule of options.rules) {
      if (!rule.pattern) continue;
      const flags = new Set(rule.pattern.flags.replace(/[gyd]/g, ""));
      flags.add("g").add("d");
      const cr: CompiledRule = { rule, re: new RegExp(rule.pattern.source, [...flags].join("")), index: this.compiled.length };
      this.compiled.push(cr);
      for (const kw of rule.keywords) {
        const key = kw.toLowerCase();
        const list = this.byKeyword.get(key) ?? [];
        list.push(cr);
        this.byKeyword.set(key, list);
      }
    }
    const keywords = [...this.byKeyword.keys()].sort((a, b) => b.length - a.length);
    this.keywordRe = new RegExp(keywords.map(escapeRegExp).join("|") || "(?!)", "gi");
    this.pathRules = options.rules.filter((r) => r.pathOnly);
  }

  /** Findings for a file's mere presence (a committed keystore, a credentials file). */
  scanPath(path: string, commit?: Chunk["commit"]): SecretFinding[] {
    const out: SecretFinding[] = [];
    for (const rule of this.pathRules) {
      if (!rule.paths?.some((p) => globMatch(path, p))) continue;
      const id = secretId(`path:${path}`, this.hashKey);
      out.push({
        kind: "secret",
        ruleId: rule.id,
        provider: rule.provider,
        description: rule.description,
        severity: rule.severity,
        confidence: rule.confidence,
        location: { path, line: 1, column: 1, endLine: 1, endColumn: 1, ...(commit ? { commit } : {}) },
        preview: "(file)",
        secretId: id,
        fingerprint: `${path}:${rule.id}:${id}`,
        entropy: 0,
      });
    }
    return out;
  }

  /** Every finding in a chunk of text, in order of position. */
  scan(chunk: Chunk): SecretFinding[] {
    const state = new ChunkState(chunk);
    const text = chunk.text;
    const kw = this.keywordRe;
    kw.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = kw.exec(text)) !== null) {
      const lineStart = text.lastIndexOf("\n", m.index) + 1;
      let lineEnd = text.indexOf("\n", m.index);
      if (lineEnd === -1) lineEnd = text.length;
      if (lineEnd - lineStart > LONG_LINE) this.scanLongLine(state, lineStart, lineEnd);
      else this.scanSegment(state, lineStart, lineEnd, lineStart, lineEnd);
      kw.lastIndex = lineEnd + 1;
    }
    if (/kind:\s*["']?secret/i.test(text)) this.scanKubernetesSecret(state);
    return state.finish();
  }

  /** Rules whose keywords occur in [start, end), filtered by path scope. */
  private rulesIn(state: ChunkState, start: number, end: number): CompiledRule[] {
    const segment = state.chunk.text.slice(start, end);
    const seen = new Set<number>();
    const out: CompiledRule[] = [];
    const re = new RegExp(this.keywordRe.source, "gi");
    for (const k of segment.matchAll(re)) {
      for (const cr of this.byKeyword.get(k[0].toLowerCase()) ?? []) {
        if (seen.has(cr.index)) continue;
        seen.add(cr.index);
        if (cr.rule.paths && !this.inScope(state.chunk.path, cr.rule)) continue;
        out.push(cr);
      }
    }
    return out;
  }

  private inScope(path: string, rule: Rule): boolean {
    let set = this.pathScopeCache.get(path);
    if (!set) {
      if (this.pathScopeCache.size > 1000) this.pathScopeCache.clear();
      set = new Set(this.rules.filter((r) => r.paths?.some((p) => globMatch(path, p))).map((r) => r.id));
      this.pathScopeCache.set(path, set);
    }
    return set.has(rule.id);
  }

  private scanLongLine(state: ChunkState, lineStart: number, lineEnd: number): void {
    const line = state.chunk.text.slice(lineStart, lineEnd);
    const re = new RegExp(this.keywordRe.source, "gi");
    let winStart = -1;
    let winEnd = -1;
    for (const k of line.matchAll(re)) {
      const s = Math.max(0, k.index - WINDOW_BEFORE);
      const e = Math.min(line.length, k.index + WINDOW_AFTER);
      if (winStart >= 0 && s <= winEnd) {
        winEnd = Math.max(winEnd, e);
        continue;
      }
      if (winStart >= 0) this.scanSegment(state, lineStart + winStart, lineStart + winEnd, lineStart, lineEnd);
      winStart = s;
      winEnd = e;
    }
    if (winStart >= 0) this.scanSegment(state, lineStart + winStart, lineStart + winEnd, lineStart, lineEnd);
  }

  private scanSegment(state: ChunkState, start: number, end: number, lineStart: number, lineEnd: number): void {
    const text = state.chunk.text;
    for (const cr of this.rulesIn(state, start, end)) {
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
      const segment = text.slice(start, end);
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
    const groupName = m.groups && "secret" in m.groups ? "secret" : undefined;
    const secret = groupName ? m.groups![groupName] : (m[1] ?? m[0]);
    if (!secret) return false;
    const span = groupName ? m.indices?.groups?.[groupName] : m[1] !== undefined ? m.indices?.[1] : m.indices?.[0];
    const start = base + (span ? span[0] : m.index);
    const end = base + (span ? span[1] : m.index + m[0].length);
    if (!this.accepts(rule, secret, m[0])) return false;

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
    const kw = new RegExp(this.keywordRe.source, "gi");
    const seen = new Set<number>();
    for (const k of decoded.matchAll(kw)) {
      for (const cr of this.byKeyword.get(k[0].toLowerCase()) ?? []) {
        if (seen.has(cr.index) || cr.rule.decodes) continue;
        seen.add(cr.index);
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
      if (!rule || isReference(plain) || isPlaceholder(plain) || plain.trim().length < 6) continue;
      if (rule.validate && !rule.validate(plain)) continue;
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

/** Findings of one chunk: dedupes overlapping matches, applies inline allows, pairs halves. */
class ChunkState {
  private lines?: LineIndex;
  private readonly found: Array<{ f: SecretFinding; start: number; end: number; rule: Rule }> = [];
  constructor(readonly chunk: Chunk) {}

  add(rule: Rule, secret: string, start: number, end: number, key: string, entropy: number, encoding?: "base64"): boolean {
    // The same span claimed twice (two rules, or a rule and a decoded hit): keep the first.
    if (this.found.some((x) => x.start < end && start < x.end && x.rule.id === rule.id)) return true;
    if (this.found.some((x) => x.start === start && x.end === end)) return true;
    this.lines ??= new LineIndex(this.chunk.text);
    const a = this.lines.position(start);
    const b = this.lines.position(Math.max(start, end - 1));
    for (let l = a.line; l <= b.line; l++) {
      const ls = this.lines.lineStart(l);
      let le = this.chunk.text.indexOf("\n", ls);
      if (le === -1) le = this.chunk.text.length;
      if (INLINE_ALLOW.test(this.chunk.text.slice(ls, le))) return true;
    }
    const id = secretId(secret, key);
    const path = this.chunk.path;
    const f: SecretFinding = {
      kind: "secret",
      ruleId: rule.id,
      provider: rule.provider,
      description: rule.description,
      severity: rule.severity,
      confidence: rule.confidence,
      location: {
        path,
        line: this.chunk.startLine + a.line,
        column: a.column + 1,
        endLine: this.chunk.startLine + b.line,
        endColumn: b.column + 2,
        ...(this.chunk.commit ? { commit: this.chunk.commit } : {}),
      },
      preview: redact(secret),
      secretId: id,
      fingerprint: `${path}:${rule.id}:${id}`,
      entropy: Math.round(entropy * 100) / 100,
      ...(encoding ? { encoding } : {}),
    };
    this.found.push({ f, start, end, rule });
    return true;
  }

  finish(): SecretFinding[] {
    const sorted = this.found.sort((x, y) => x.start - y.start || x.end - y.end);
    const out = sorted.map((x) => x.f);
    // Pair halves (an AWS secret key with its key id) found in the same chunk.
    for (let i = 0; i < sorted.length; i++) {
      const want = sorted[i]!.rule.pairsWith;
      if (!want) continue;
      const partner = sorted.find((x) => x.rule.id === want);
      if (!partner) continue;
      out[i] = { ...out[i]!, pairedWith: partner.f.fingerprint, confidence: "high" };
      const j = sorted.indexOf(partner);
      out[j] = { ...out[j]!, pairedWith: sorted[i]!.f.fingerprint };
    }
    return out;
  }
}

function globMatch(path: string, pattern: string): boolean {
  return minimatch(path, pattern, { dot: true, nocase: true, matchBase: !pattern.includes("/") });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
