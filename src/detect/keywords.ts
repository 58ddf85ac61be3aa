/**
 * The keyword prefilter: an Aho–Corasick automaton over ASCII, case-insensitive, so one pass
 * over the text finds every rule keyword at a cost that does not grow with the number of
 * keywords (a regex alternation of hundreds of literals does).
 */

const ALPHABET = 128;
/** Char code → automaton symbol: ASCII letters folded to lowercase, non-ASCII to 0. */
const FOLD = new Uint8Array(256);
for (let c = 0; c < 256; c++) FOLD[c] = c >= 65 && c <= 90 ? c | 32 : c >= ALPHABET ? 0 : c;

export class KeywordMatcher {
  readonly keywords: readonly string[];
  /** delta[state * 128 + char] → next state (a full DFA: failure links folded in). */
  private readonly delta: Int32Array;
  /** First keyword id ending at a state, or -1; further ids chained through `nextOut`. */
  private readonly out: Int32Array;
  private readonly outNext: Int32Array;
  private readonly outIds: Int32Array;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const goto: Array<Map<number, number>> = [new Map()];
    const terminal: number[][] = [[]];
    keywords.forEach((kw, id) => {
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = fold(kw.charCodeAt(i));
        if (c === 0) throw new Error(`keyword '${kw}' has a non-ASCII character`);
        let t = goto[s]!.get(c);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          terminal.push([]);
          goto[s]!.set(c, t);
        }
        s = t;
      }
      terminal[s]!.push(id);
    });
    const n = goto.length;
    this.delta = new Int32Array(n * ALPHABET);
    const fail = new Int32Array(n);
    const outputs: number[][] = terminal.map((t) => [...t]);
    // Breadth-first: each state's transitions default to its failure state's.
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const t = goto[0]!.get(c);
      this.delta[c] = t ?? 0;
      if (t !== undefined) queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      outputs[s]!.push(...outputs[fail[s]!]!.filter((id) => !outputs[s]!.includes(id)));
      for (let c = 0; c < ALPHABET; c++) {
        const t = goto[s]!.get(c);
        if (t !== undefined) {
          fail[t] = this.delta[fail[s]! * ALPHABET + c]!;
          this.delta[s * ALPHABET + c] = t;
          queue.push(t);
        } else this.delta[s * ALPHABET + c] = this.delta[fail[s]! * ALPHABET + c]!;
      }
    }
    this.out = new Int32Array(n).fill(-1);
    const flat: number[] = [];
    const chain: number[] = [];
    for (let s = 0; s < n; s++) {
      let prev = -1;
      for (const id of outputs[s]!) {
        const slot = flat.length;
        flat.push(id);
        chain.push(-1);
        if (prev === -1) this.out[s] = slot;
        else chain[prev] = slot;
        prev = slot;
      }
    }
    this.outIds = Int32Array.from(flat);
    this.outNext = Int32Array.from(chain);
  }

  /**
   * Scan text[from, to) and return the index just past the next keyword hit (its ids in
   * `cursor.hitIds`), or -1 when there is none. Resumes from the cursor's state, so a caller
   * that jumps ahead sets `cursor.state = 0` first.
   */
  next(cursor: KeywordCursor, text: string, from: number, to: number): number {
    const delta = this.delta;
    const out = this.out;
    let s = cursor.state;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      s = delta[(s << 7) | (c < 256 ? FOLD[c]! : 0)]!;
      const o = out[s]!;
      if (o !== -1) {
        cursor.state = s;
        cursor.hitIds.length = 0;
        for (let slot = o; slot !== -1; slot = this.outNext[slot]!) cursor.hitIds.push(this.outIds[slot]!);
        return i + 1;
      }
    }
    cursor.state = s;
    return -1;
  }
}

/** Where one scan with a KeywordMatcher stands. */
export class KeywordCursor {
  state = 0;
  /** Keyword ids of the last hit. */
  readonly hitIds: number[] = [];
}

function fold(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  return c < ALPHABET ? c : 0;
}
