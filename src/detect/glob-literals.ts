/**
 * A necessary condition for a glob to match, cheap to test: text that any path it matches
 * contains. PathMatcher tests every path of a tree against dozens of patterns, and minimatch
 * is the costly part; with one keyword pass over the path, minimatch runs only for the
 * patterns whose text occurs in it (a path that has no `.min.js` is not a `**\/*.min.js`).
 */
import { braceExpand } from "minimatch";

/** Characters with a meaning in a glob: a literal run stops at each of them. */
const MAGIC = new Set(["*", "?", "[", "]", "(", ")", "{", "}", "|", "!", "+", "@", "\\", "/"]);

/**
 * For each brace alternative of `pattern`, its longest literal run (lower-cased: callers match
 * case-insensitively, which only widens the condition), or undefined when the pattern gives no
 * sound condition: a negation, `.`/`..` segments (minimatch may normalise them away), an
 * alternative without a literal, non-ASCII text, or too many alternatives.
 */
export function requiredLiterals(pattern: string): string[] | undefined {
  if (pattern.startsWith("!") || pattern.startsWith("#")) return undefined;
  const alternatives = braceExpand(pattern);
  if (alternatives.length === 0 || alternatives.length > 64) return undefined;
  const out: string[] = [];
  for (const alt of alternatives) {
    if (/(?:^|\/)\.\.?(?:\/|$)/.test(alt)) return undefined;
    const lit = longestLiteral(alt);
    if (lit === undefined || !/^[\x20-\x7e]+$/.test(lit)) return undefined;
    out.push(lit.toLowerCase());
  }
  return out;
}

/** The longest run of plain characters outside classes and groups, or undefined. */
function longestLiteral(glob: string): string | undefined {
  let best = "";
  let run = "";
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "[") {
      // A class matches one character we cannot name: skip to its end (or give up on the rest).
      const close = glob.indexOf("]", i + 2);
      if (close === -1) break;
      i = close;
      run = "";
      continue;
    }
    if (c === "\\") {
      i++;
      run = "";
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    if (MAGIC.has(c) || depth > 0) {
      run = "";
      continue;
    }
    run += c;
    if (run.length > best.length) best = run;
  }
  return best.length > 0 ? best : undefined;
}
