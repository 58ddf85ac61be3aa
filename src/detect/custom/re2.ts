/**
 * Go RE2 syntax (gitleaks' `regex` and `path`) as JavaScript RegExp source. Most of it is the
 * same; what differs is translated, and what has no JavaScript equivalent is refused with a
 * message naming the construct, never silently changed in meaning.
 */

export type Translated = { readonly ok: true; readonly source: string; readonly flags: string; readonly notes: readonly string[] } | { readonly ok: false; readonly message: string };

const POSIX: Record<string, string> = {
  alpha: "A-Za-z",
  digit: "0-9",
  alnum: "A-Za-z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: "\\t\\n\\v\\f\\r ",
  blank: " \\t",
  xdigit: "0-9A-Fa-f",
  word: "\\w",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  ascii: "\\x00-\\x7f",
};

const escapeLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

export function translateRe2(re2: string): Translated {
  const flags = new Set<string>();
  const notes: string[] = [];
  let out = "";
  let inClass = false;
  let i = 0;
  const fail = (what: string, why: string): Translated => ({ ok: false, message: `${what} at offset ${i} ${why}` });
  while (i < re2.length) {
    const c = re2[i]!;
    if (c === "\\") {
      const n = re2[i + 1];
      if (n === undefined) return fail("a trailing backslash", "ends the pattern");
      if (n === "Q") {
        const end = re2.indexOf("\\E", i + 2);
        const literal = re2.slice(i + 2, end === -1 ? re2.length : end);
        out += escapeLiteral(literal);
        i = end === -1 ? re2.length : end + 2;
        continue;
      }
      if (n === "A" && !inClass) {
        out += "^";
        i += 2;
        continue;
      }
      if (n === "z" && !inClass) {
        out += "(?![\\s\\S])";
        i += 2;
        continue;
      }
      if (n === "p" || n === "P") return fail(`the Unicode class \\${n}`, "has no equivalent here; spell the characters out");
      if (n === "C") return fail("\\C (any byte)", "has no equivalent in JavaScript");
      if (n === "x" && re2[i + 2] === "{") {
        const m = /^\\x\{([0-9A-Fa-f]{1,6})\}/.exec(re2.slice(i));
        if (!m) return fail("a \\x{…} escape", "is malformed");
        const code = parseInt(m[1]!, 16);
        if (code > 0xffff) return fail(`\\x{${m[1]}}`, "is outside the Basic Multilingual Plane");
        out += `\\u${code.toString(16).padStart(4, "0")}`;
        i += m[0].length;
        continue;
      }
      out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === "[" && re2[i + 1] === ":") {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(re2.slice(i));
        if (!m) return fail("a POSIX class", "is malformed");
        const set = POSIX[m[2]!];
        if (!set) return fail(`[:${m[2]}:]`, "is not a POSIX class RE2 knows");
        if (m[1]) return fail(`the negated POSIX class [:^${m[2]}:]`, "has no equivalent inside a JavaScript class");
        out += set;
        i += m[0].length;
        continue;
      }
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i++;
      // A `]` first in the class (or after `^`) is a literal in RE2.
      if (re2[i] === "^") out += re2[i++];
      if (re2[i] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (c === "(" && re2[i + 1] === "?") {
      const rest = re2.slice(i + 2);
      if (rest.startsWith("P<")) {
        out += "(?<";
        i += 4;
        continue;
      }
      // Flag settings: (?i) (?s) (?m) (?U) and (?flags:...) groups.
      const m = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
      if (m && (m[1] || m[2])) {
        if (m[2]) return fail(`clearing flags with (?-${m[2]})`, "has no equivalent in JavaScript");
        if (m[1]!.includes("U")) return fail("the ungreedy flag U", "has no equivalent in JavaScript; write lazy quantifiers (*?, +?) instead");
        const atStart = out === "" || (out === "^" && i === 1);
        if (!atStart || m[3] === ":") notes.push(`(?${m[1]}) inside the pattern applies to all of it in JavaScript`);
        for (const f of m[1]!) flags.add(f);
        if (m[3] === ":") {
          out += "(?:";
        }
        i += 2 + m[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  if (inClass) return { ok: false, message: "a character class is not closed" };
  const f = [...flags].sort().join("");
  try {
    new RegExp(out, f);
  } catch (err) {
    return { ok: false, message: `the pattern does not compile as JavaScript: ${(err as Error).message}` };
  }
  return { ok: true, source: out, flags: f, notes };
}
