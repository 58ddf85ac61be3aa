/**
 * The keyword prefilter: an Aho–Corasick automaton, ASCII case-insensitive, so one pass over
 * the text finds every rule keyword at a cost that does not grow with the number of keywords
 * (a regex alternation of hundreds of literals does).
 *
 * It is a full DFA over byte classes: each character the keywords use is a class (an upper-case
 * letter shares its lower-case twin's), and every other byte or character is class 0, which no
 * keyword contains. It runs over strings (char codes above 255 are class 0) and over raw bytes,
 * where a UTF-8 file's multi-byte characters are bytes no keyword contains: both views find the
 * same ASCII keywords, so a file can be filtered before it is decoded.
 *
 * The table holds each next state premultiplied by the number of classes (a row offset),
 * bit-inverted when that state ends a keyword, so the hot loop is two loads and one sign test
 * per character; with a few dozen classes the table stays small enough for the cache (a few
 * hundred KB for hundreds of keywords). Building it copies each state's failure row (native
 * copyWithin) and patches its few trie edges: a few milliseconds, so no cache between processes.
 */

export class KeywordMatcher {
  readonly keywords: readonly string[];
  /** Byte (or char code below 256) → class; 0 for every character no keyword has. */
  private readonly classOf: Uint8Array;
  /** delta[row + class] → next row (state * classes), or ~row when that state ends a keyword. */
  private readonly delta: Int32Array;
  private readonly columns: number;
  /** First slot of a state's keyword ids in `outIds` and one past its last (state-indexed). */
  private readonly outStart: Int32Array;
  private readonly outEnd: Int32Array;
  private readonly outIds: Int32Array;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const classOf = new Uint8Array(256);
    let columns = 1;
    let maxStates = 1;
    for (const kw of keywords) {
      if (kw.length === 0) throw new Error("empty keyword");
      maxStates += kw.length;
      for (let i = 0; i < kw.length; i++) {
        const c = lower(kw.charCodeAt(i));
        if (c === 0 || c >= 128) throw new Error(`keyword '${kw}' has a non-ASCII character`);
        if (classOf[c] !== 0) continue;
        classOf[c] = columns;
        if (c >= 97 && c <= 122) classOf[c & ~32] = columns;
        columns++;
      }
    }
    const COLUMNS = columns;
    // The trie, built in the table itself (a trie edge is a plain state number there), with
    // each state's edges also listed: the breadth-first pass overwrites rows, then patches them.
    const trie = new Int32Array(maxStates * COLUMNS);
    const firstEdge = new Int32Array(maxStates).fill(-1);
    const nextEdge = new Int32Array(maxStates);
    const edgeClass = new Int32Array(maxStates);
    const edgeTarget = new Int32Array(maxStates);
    const terminal: number[][] = [[]];
    let n = 1;
    let edgeCount = 0;
    for (let id = 0; id < keywords.length; id++) {
      const kw = keywords[id]!;
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = classOf[kw.charCodeAt(i)]!;
        let t = trie[s * COLUMNS + c]!;
        if (t === 0) {
          t = n++;
          terminal.push([]);
          trie[s * COLUMNS + c] = t;
          edgeClass[edgeCount] = c;
          edgeTarget[edgeCount] = t;
          nextEdge[edgeCount] = firstEdge[s]!;
          firstEdge[s] = edgeCount++;
        }
        s = t;
      }
      terminal[s]!.push(id);
    }
    const delta = trie.subarray(0, n * COLUMNS);
    // Keyword ids per state: its own, then its failure state's (which ends in a suffix of it).
    const outputs: number[][] = new Array<number[]>(n);
    outputs[0] = [];
    const fail = new Int32Array(n);
    const queue = new Int32Array(n);
    let tail = 0;
    // Breadth first, so a state's failure state (shallower) has its complete row already.
    for (let e = firstEdge[0]!; e !== -1; e = nextEdge[e]!) {
      const t = edgeTarget[e]!;
      outputs[t] = terminal[t]!;
      queue[tail++] = t;
      delta[edgeClass[e]!] = outputs[t]!.length > 0 ? ~(t * COLUMNS) : t * COLUMNS;
    }
    for (let head = 0; head < tail; head++) {
      const s = queue[head]!;
      const row = s * COLUMNS;
      const failRow = fail[s]! * COLUMNS;
      delta.copyWithin(row, failRow, failRow + COLUMNS);
      for (let e = firstEdge[s]!; e !== -1; e = nextEdge[e]!) {
        const t = edgeTarget[e]!;
        const via = delta[failRow + edgeClass[e]!]!;
        const f = (via < 0 ? ~via : via) / COLUMNS;
        fail[t] = f;
        outputs[t] = terminal[t]!.length > 0 ? terminal[t]!.concat(outputs[f]!) : outputs[f]!;
        queue[tail++] = t;
        delta[row + edgeClass[e]!] = outputs[t]!.length > 0 ? ~(t * COLUMNS) : t * COLUMNS;
      }
    }
    this.delta = delta;
    this.classOf = classOf;
    this.columns = COLUMNS;
    this.outStart = new Int32Array(n);
    this.outEnd = new Int32Array(n);
    const flat: number[] = [];
    for (let s = 0; s < n; s++) {
      this.outStart[s] = flat.length;
      for (const id of outputs[s]!) flat.push(id);
      this.outEnd[s] = flat.length;
    }
    this.outIds = Int32Array.from(flat);
  }

  /**
   * Scan text[from, to) and return the index just past the next keyword hit (its ids in
   * `cursor.hitIds`), or -1 when there is none. Resumes from the cursor's state, so a caller
   * that jumps ahead sets `cursor.state = 0` first.
   */
  next(cursor: KeywordCursor, text: string, from: number, to: number): number {
    const delta = this.delta;
    const classOf = this.classOf;
    let s = cursor.state;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const v = delta[s + (c < 256 ? classOf[c]! : 0)]!;
      if (v < 0) {
        cursor.state = ~v;
        this.hit(cursor);
        return i + 1;
      }
      s = v;
    }
    cursor.state = s;
    return -1;
  }

  /** `next` over raw bytes (a file as read): the same hits as over its Latin-1 or UTF-8 text. */
  nextInBytes(cursor: KeywordCursor, bytes: Uint8Array, from: number, to: number): number {
    const delta = this.delta;
    const classOf = this.classOf;
    let s = cursor.state;
    for (let i = from; i < to; i++) {
      const v = delta[s + classOf[bytes[i]!]!]!;
      if (v < 0) {
        cursor.state = ~v;
        this.hit(cursor);
        return i + 1;
      }
      s = v;
    }
    cursor.state = s;
    return -1;
  }

  /** Whether no keyword has this character (below 256): the automaton passes it back to its start. */
  ignores(charCode: number): boolean {
    return this.classOf[charCode] === 0;
  }

  private hit(cursor: KeywordCursor): void {
    const state = cursor.state / this.columns;
    cursor.hitIds.length = 0;
    for (let slot = this.outStart[state]!, end = this.outEnd[state]!; slot < end; slot++) cursor.hitIds.push(this.outIds[slot]!);
  }
}

/** Where one scan with a KeywordMatcher stands. */
export class KeywordCursor {
  /** The automaton state as its row offset; 0 is the start. */
  state = 0;
  /** Keyword ids of the last hit. */
  readonly hitIds: number[] = [];
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}
