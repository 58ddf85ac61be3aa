/**
 * The findings of one chunk while it is scanned: overlapping matches resolved (the most
 * specific rule wins), inline allow comments honoured, halves of a pair linked. For a scanner
 * built with `onSecret`, the raw secrets are kept here until finish() hands them over.
 */
import { INLINE_ALLOW, LineIndex } from "./lines.js";
import { redact, secretId } from "./redact.js";
import { secretFinding } from "./secret-finding.js";
import type { Chunk, Rule, SecretFinding } from "./types.js";

const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;

export type OnSecret = (finding: SecretFinding, secret: string) => void;

export class ChunkState {
  private lines?: LineIndex;
  /** `secret` is kept only when the scanner has an `onSecret` callback, and only until finish(). */
  private readonly found: Array<{ f: SecretFinding; start: number; end: number; rule: Rule; order: number; secret?: string }> = [];
  constructor(
    readonly chunk: Chunk,
    private readonly ruleOrder: (rule: Rule) => number = () => 0,
    private readonly onSecret?: OnSecret,
  ) {}

  private readonly allowedLines = new Map<number, boolean>();
  private readonly lastByRule = new Map<string, Array<{ start: number; end: number }>>();

  add(rule: Rule, secret: string, start: number, end: number, key: string, entropy: number, encoding?: "base64"): boolean {
    // The same rule matching overlapping text twice (a decoded hit and its carrier): keep one.
    // Spans of one rule arrive nearly in order, so only the last few need checking.
    const mine = this.lastByRule.get(rule.id) ?? [];
    for (let i = mine.length - 1; i >= Math.max(0, mine.length - 4); i--) if (mine[i]!.start < end && start < mine[i]!.end) return true;
    this.lines ??= new LineIndex(this.chunk.text);
    const a = this.lines.position(start);
    const b = this.lines.position(Math.max(start, end - 1));
    for (let l = a.line; l <= b.line; l++) if (this.lineAllowed(l)) return true;
    mine.push({ start, end });
    this.lastByRule.set(rule.id, mine);
    const f = secretFinding(rule, {
      location: {
        path: this.chunk.path,
        line: this.chunk.startLine + a.line,
        column: a.column + 1,
        endLine: this.chunk.startLine + b.line,
        endColumn: b.column + 2,
        ...(this.chunk.commit ? { commit: this.chunk.commit } : {}),
      },
      preview: redact(secret, rule.prefixes),
      secretId: secretId(secret, key),
      entropy: Math.round(entropy * 100) / 100,
      ...(encoding ? { encoding } : {}),
    });
    this.found.push({ f, start, end, rule, order: this.ruleOrder(rule), ...(this.onSecret ? { secret } : {}) });
    return true;
  }

  /** Whether a line (0-based within the chunk) carries an inline allow comment; cached. */
  private lineAllowed(line: number): boolean {
    let v = this.allowedLines.get(line);
    if (v === undefined) {
      const ls = this.lines!.lineStart(line);
      let le = this.chunk.text.indexOf("\n", ls);
      if (le === -1) le = this.chunk.text.length;
      v = INLINE_ALLOW.test(this.chunk.text.slice(ls, le));
      this.allowedLines.set(line, v);
    }
    return v;
  }

  finish(): SecretFinding[] {
    if (this.found.length === 0) return [];
    // Where rules claim overlapping text, the most specific wins: higher confidence first,
    // then the rule listed first (provider rules come before generic ones). Overlaps are
    // resolved within clusters of mutually overlapping spans, so many findings stay cheap.
    const byStart = [...this.found].sort((x, y) => x.start - y.start || x.end - y.end);
    const kept: typeof this.found = [];
    for (let i = 0; i < byStart.length; ) {
      let j = i + 1;
      let reach = byStart[i]!.end;
      while (j < byStart.length && byStart[j]!.start < reach) reach = Math.max(reach, byStart[j++]!.end);
      const cluster = byStart.slice(i, j).sort((x, y) => CONFIDENCE_RANK[x.rule.confidence] - CONFIDENCE_RANK[y.rule.confidence] || x.order - y.order);
      const chosen: typeof this.found = [];
      for (const x of cluster) if (!chosen.some((k) => k.start < x.end && x.start < k.end)) chosen.push(x);
      kept.push(...chosen);
      i = j;
    }
    const sorted = kept.sort((x, y) => x.start - y.start || x.end - y.end);
    const out = sorted.map((x) => x.f);
    // Pair halves (an AWS secret key with its key id) found in the same chunk.
    const firstOf = new Map<string, (typeof sorted)[number]>();
    for (const x of sorted) if (!firstOf.has(x.rule.id)) firstOf.set(x.rule.id, x);
    for (let i = 0; i < sorted.length; i++) {
      const want = sorted[i]!.rule.pairsWith;
      if (!want) continue;
      const partner = firstOf.get(want);
      if (!partner) continue;
      out[i] = { ...out[i]!, pairedWith: partner.f.fingerprint, confidence: out[i]!.context ? "medium" : "high" };
      const j = sorted.indexOf(partner);
      out[j] = { ...out[j]!, pairedWith: sorted[i]!.f.fingerprint };
    }
    if (this.onSecret) {
      for (let i = 0; i < sorted.length; i++) this.onSecret(out[i]!, sorted[i]!.secret!);
      this.found.length = 0;
    }
    return out;
  }
}

