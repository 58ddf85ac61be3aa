/**
 * A team's own rules (`rules.custom` in `.github/keyward.yml`): checked when the file is
 * loaded (so a mistake is reported with its file and line), then turned into ordinary rules
 * that run beside Keyward's own.
 */
import type { Rule, Severity } from "../types.js";
import { compileCustomRule } from "./compile.js";
import { safeRegex, type SafeRegex } from "./regex-safety.js";

export interface CustomRuleSpec {
  readonly id: string;
  readonly description?: string | undefined;
  /** JavaScript syntax; a leading `(?i)` is read as the case-insensitive flag. */
  readonly regex: string;
  /** The capture group holding the secret, by number or name (default: `secret`, else 1, else the match). */
  readonly secret_group?: number | string | undefined;
  /** Literals one of which must be on a line for the rule to run there (case-insensitive). */
  readonly keywords: readonly string[];
  /** Minimum Shannon entropy of the secret, in bits per character. */
  readonly entropy?: number | undefined;
  readonly severity: Severity;
  /** Only files matching one of these globs. */
  readonly paths?: readonly string[] | undefined;
  readonly allow?: { readonly secrets?: readonly string[] | undefined; readonly stopwords?: readonly string[] | undefined; readonly matches?: readonly string[] | undefined } | undefined;
}

/** A problem with one field of a spec, for the config loader to locate. */
export interface SpecProblem {
  readonly field: string | number;
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/** The pattern as it will run: `(?i)` at the start becomes the `i` flag; then the safety checks. */
export function customPattern(regex: string): SafeRegex {
  const m = /^\(\?([imsu]+)\)/.exec(regex);
  return safeRegex(m ? regex.slice(m[0].length) : regex, m ? [...new Set(m[1]!)].join("") : "", "reject");
}

/** Capture groups of a compiled pattern: how many, and their names. */
function groupsOf(re: RegExp): { count: number; names: string[] } {
  const m = new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, "")).exec("")!;
  return { count: m.length - 1, names: Object.keys(m.groups ?? {}) };
}

/** Everything wrong with a spec, beyond its shape (which the schema checks). */
export function specProblems(spec: CustomRuleSpec): SpecProblem[] {
  const out: SpecProblem[] = [];
  const p = customPattern(spec.regex);
  if (!p.ok) out.push({ field: "regex", path: ["regex"], message: p.message });
  else if (spec.secret_group !== undefined) {
    const { count, names } = groupsOf(new RegExp(p.source, p.flags));
    const g = spec.secret_group;
    if (typeof g === "number" ? g < 1 || g > count : !names.includes(g)) {
      out.push({ field: "secret_group", path: ["secret_group"], message: `the pattern has no group ${JSON.stringify(g)} (it has ${count}${names.length ? `: ${names.join(", ")}` : ""})` });
    }
  }
  for (const kind of ["secrets", "matches"] as const) {
    (spec.allow?.[kind] ?? []).forEach((r, i) => {
      const a = safeRegex(r, "", "reject");
      if (!a.ok) out.push({ field: "allow", path: ["allow", kind, i], message: a.message });
    });
  }
  spec.keywords.forEach((k, i) => {
    if (k.trim().length < 2) out.push({ field: "keywords", path: ["keywords", i], message: "a keyword needs at least two characters" });
  });
  return out;
}

/** The spec as a rule. Throws on a spec that specProblems() would refuse. */
export function customRule(spec: CustomRuleSpec): Rule {
  const problems = specProblems(spec);
  if (problems.length > 0) throw new Error(`custom rule ${spec.id}: ${problems[0]!.message}`);
  return compileCustomRule(spec);
}
