/** Offset → line/column lookup for one chunk, built only when a chunk has a finding. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  /** 0-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo]! };
  }
  lineStart(line: number): number {
    return this.starts[line] ?? 0;
  }
}

/** Inline suppressions a developer writes on the line itself. */
export const INLINE_ALLOW = /keyward:allow|gitleaks:allow/;
