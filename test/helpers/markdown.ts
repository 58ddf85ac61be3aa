/**
 * What of a Markdown text GitHub would render as live syntax: code spans and backslash-escaped
 * characters are blanked out (CommonMark's rules: a code span closes on a backtick run of the
 * same length), so a test can look at what is left for mentions, HTML and links. Independent of
 * src/report/markdown.ts, so the two cannot share a mistake.
 */
const PUNCT = /[!-/:-@[-`{-~]/;

export function liveMarkdown(md: string): string {
  let out = "";
  let i = 0;
  while (i < md.length) {
    const c = md[i]!;
    if (c === "\\" && PUNCT.test(md[i + 1] ?? "")) {
      out += "  ";
      i += 2;
      continue;
    }
    if (c === "`") {
      let n = 0;
      while (md[i + n] === "`") n++;
      let j = i + n;
      let close = -1;
      while (j < md.length) {
        if (md[j] !== "`") {
          j++;
          continue;
        }
        let m = 0;
        while (md[j + m] === "`") m++;
        if (m === n) {
          close = j;
          break;
        }
        j += m;
      }
      if (close >= 0) {
        out += " ".repeat(close + n - i);
        i = close + n;
        continue;
      }
      out += md.slice(i, i + n);
      i += n;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Cells per table row, split as GFM does: on every `|` not escaped with a backslash (even inside code spans). */
export function tableCells(md: string): number[] {
  return md
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .map((l) => l.replace(/\\\|/g, "").split("|").length - 2);
}

/** Link destinations the text would render (`[label](url)`), outside code spans. */
export function linkTargets(md: string): string[] {
  const live = liveMarkdown(md);
  return [...live.matchAll(/\]\(([^)\s]*)\)/g)].map((m) => m[1]!);
}
