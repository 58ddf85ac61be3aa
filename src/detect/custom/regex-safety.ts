/**
 * Whether a regular expression from a repository's configuration is safe to run on hostile
 * text. Keyward's own rules are checked by a test on 1 MB adversarial lines; a team's custom
 * rules arrive at run time, so they are checked when loaded, statically: the pattern is parsed
 * (regexpp) and analysed for super-linear backtracking (scslre) before it is ever executed.
 */
import { RegExpParser, visitRegExpAST, type AST } from "@eslint-community/regexpp";
import { getFirstConsumedChar } from "regexp-ast-analysis";
import { analyse } from "scslre";

/** The largest repetition a custom pattern may ask for (a secret is never longer). */
export const MAX_REPEAT = 4096;
/** Repetitions up to this bound are analysed as written: their cost per position is small. */
const LIFT_ABOVE = 64;
/** Nested repetitions multiply: the product of bounds along any nesting may not exceed this. */
const MAX_NESTED_PRODUCT = 65_536;
/** Longer patterns are refused: nothing a rule needs, and analysis time grows with size. */
export const MAX_PATTERN_LENGTH = 2000;

export type Unbounded =
  /** `+`, `*` and `{n,}` are refused with a message (Keyward's own config). */
  | "reject"
  /** They are bounded to MAX_REPEAT (patterns written for RE2, which has no backtracking). */
  | "bound";

export type SafeRegex = { readonly ok: true; readonly source: string; readonly flags: string } | { readonly ok: false; readonly message: string };

interface Quantifier {
  readonly node: AST.Quantifier;
  /** Offsets of the quantifier's own syntax (`+?`, `{1,8}`) in the source. */
  readonly from: number;
  readonly to: number;
}

function quantifiers(ast: AST.Pattern): { quantifiers: Quantifier[]; alternations: Array<AST.Group | AST.CapturingGroup>; backreference?: AST.Backreference } {
  const out: Quantifier[] = [];
  const alternations: Array<AST.Group | AST.CapturingGroup> = [];
  let backreference: AST.Backreference | undefined;
  const alternation = (node: AST.Group | AST.CapturingGroup) => void (node.alternatives.length > 1 && alternations.push(node));
  visitRegExpAST(ast, {
    onQuantifierEnter: (node) => void out.push({ node, from: node.element.end, to: node.end }),
    onBackreferenceEnter: (node) => void (backreference ??= node),
    onGroupEnter: alternation,
    onCapturingGroupEnter: alternation,
  });
  return { quantifiers: out, alternations, ...(backreference ? { backreference } : {}) };
}

/** Repetitions this long make an ambiguous choice inside them exponential (2^n ways). */
const AMBIGUOUS_CHOICE_REPEAT = 10;

/**
 * An alternation inside a long repetition whose branches can start with the same character
 * (`(a|ab){1,100}`): every repetition may take either branch. scslre looks at quantifiers,
 * not at branches, so this is checked here, conservatively.
 */
function ambiguousChoice(alternations: ReadonlyArray<AST.Group | AST.CapturingGroup>, flags: string): AST.Group | AST.CapturingGroup | undefined {
  const f = { ignoreCase: flags.includes("i"), dotAll: flags.includes("s"), multiline: flags.includes("m"), unicode: flags.includes("u") };
  for (const g of alternations) {
    let repeated = false;
    for (let p = g.parent as AST.Node | null; p && p.type !== "Pattern"; p = p.parent as AST.Node | null) if (p.type === "Quantifier" && p.max > AMBIGUOUS_CHOICE_REPEAT) repeated = true;
    if (!repeated) continue;
    const firsts = g.alternatives.map((a) => getFirstConsumedChar(a, "ltr", f));
    for (let i = 0; i < firsts.length; i++) {
      for (let j = i + 1; j < firsts.length; j++) if (firsts[i]!.empty || firsts[j]!.empty || !firsts[i]!.char.isDisjointWith(firsts[j]!.char)) return g;
    }
  }
  return undefined;
}

/** `source` with every quantifier's syntax rewritten by `f`, from the end so offsets hold. */
function rewrite(source: string, qs: readonly Quantifier[], f: (q: AST.Quantifier) => string | undefined): string {
  let out = source;
  for (const q of [...qs].sort((a, b) => b.from - a.from)) {
    const syntax = f(q.node);
    if (syntax !== undefined) out = out.slice(0, q.from) + syntax + (q.node.greedy ? "" : "?") + out.slice(q.to);
  }
  return out;
}

/**
 * Checks a pattern and returns the source to run: compiles, no backreferences, every
 * repetition bounded (or bounded here), nested repetitions bounded in product, and no
 * ambiguity that backtracks super-linearly — judged with large bounds lifted, since a bound
 * of thousands only delays the blow-up (bounds up to 64 outside other repetitions are
 * judged as written). Ambiguity between a leading repetition and the next start position ("move") is
 * allowed: with bounded repetitions its cost per position is bounded too.
 */
export function safeRegex(source: string, flags: string, unbounded: Unbounded): SafeRegex {
  if (source.length === 0) return { ok: false, message: "the pattern is empty" };
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, message: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  try {
    new RegExp(source, flags);
  } catch (err) {
    return { ok: false, message: `the pattern does not compile: ${(err as Error).message}` };
  }
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(source, 0, source.length, { unicode: flags.includes("u"), unicodeSets: flags.includes("v") });
  } catch (err) {
    return { ok: false, message: `the pattern does not parse: ${(err as Error).message}` };
  }
  const { quantifiers: qs, alternations, backreference } = quantifiers(ast);
  if (backreference) return { ok: false, message: `backreference ${backreference.raw} at offset ${backreference.start}: backreferences can make matching exponential` };
  const open = qs.find((q) => q.node.max === Infinity);
  if (open && unbounded === "reject") {
    return { ok: false, message: `unbounded repetition ${JSON.stringify(source.slice(open.from, open.to))} at offset ${open.from}: give it an upper bound, e.g. {${open.node.min},256}` };
  }
  const tooBig = qs.find((q) => q.node.max !== Infinity && q.node.max > MAX_REPEAT);
  if (tooBig) return { ok: false, message: `repetition ${JSON.stringify(source.slice(tooBig.from, tooBig.to))} at offset ${tooBig.from} allows more than ${MAX_REPEAT}` };

  // Repetitions inside repetitions are judged with their bounds lifted, however small: a
  // split of 50 characters into up to 50 runs is already 2^49 ways.
  const nested = new Set<AST.Quantifier>();
  for (const q of qs) {
    let product = Math.min(q.node.max, MAX_REPEAT);
    for (let p = q.node.parent as AST.Node | null; p && p.type !== "Pattern"; p = p.parent as AST.Node | null) {
      if (p.type !== "Quantifier" || p.max <= 1 || q.node.max <= 1) continue;
      product *= Math.min(p.max, MAX_REPEAT);
      nested.add(p).add(q.node);
    }
    if (product > MAX_NESTED_PRODUCT) return { ok: false, message: `nested repetitions around offset ${q.from} can repeat ${product} times: bound them more tightly` };
  }

  const lifted = rewrite(source, qs, (q) => (q.max > LIFT_ABOVE || nested.has(q) ? `{${q.min},}` : undefined));
  let reports;
  try {
    reports = analyse({ source: lifted, flags: flags.replace(/[gyd]/g, "") }, { maxReports: 5 }).reports;
  } catch (err) {
    return { ok: false, message: `the pattern could not be analysed for backtracking: ${(err as Error).message}` };
  }
  const bad = reports.find((r) => r.type !== "Move");
  if (bad) {
    const kind = bad.exponential ? "exponential" : "polynomial";
    return { ok: false, message: `the pattern can backtrack catastrophically (${kind} time on a long run of ${JSON.stringify(bad.character.pick)}): nested or adjacent repetitions that can match the same text` };
  }
  const choice = ambiguousChoice(alternations, flags);
  if (choice) return { ok: false, message: `the alternatives of ${JSON.stringify(choice.raw.slice(0, 60))} at offset ${choice.start} can start with the same character inside a repetition, which can backtrack catastrophically: make them start differently` };
  const bounded = unbounded === "bound" ? rewrite(source, qs, (q) => (q.max === Infinity ? `{${q.min},${Math.max(q.min, MAX_REPEAT)}}` : undefined)) : source;
  return { ok: true, source: bounded, flags };
}
