/**
 * A checked custom rule spec as a rule. Kept apart from rule.ts so the scanner can build the
 * rules of a configuration without loading the regex analysis (regexpp, scslre: a fifth of a
 * second of start-up): every spec reaching the scanner came through parseConfig, whose schema
 * refuses any spec that specProblems() refuses. customRule() checks and then calls this.
 */
import type { Rule } from "../types.js";
import type { CustomRuleSpec } from "./rule.js";

/** The spec as a rule; the spec must have passed specProblems() (its pattern as it will run). */
export function compileCustomRule(spec: CustomRuleSpec): Rule {
  // A leading `(?i)` is read as the case-insensitive flag, as customPattern() does.
  const m = /^\(\?([imsu]+)\)/.exec(spec.regex);
  const allow = spec.allow ?? {};
  return {
    id: spec.id,
    provider: "Custom",
    description: spec.description ?? `Custom rule ${spec.id}`,
    keywords: spec.keywords.map((k) => k.toLowerCase()),
    pattern: new RegExp(m ? spec.regex.slice(m[0].length) : spec.regex, m ? [...new Set(m[1]!)].join("") : ""),
    ...(spec.secret_group !== undefined ? { secretGroup: spec.secret_group } : {}),
    ...(spec.entropy !== undefined ? { entropy: spec.entropy } : {}),
    ...(spec.paths?.length ? { paths: spec.paths } : {}),
    allow: {
      stopwords: (allow.stopwords ?? []).map((w) => w.toLowerCase()),
      secrets: (allow.secrets ?? []).map((r) => new RegExp(r)),
      matches: (allow.matches ?? []).map((r) => new RegExp(r)),
    },
    severity: spec.severity,
    confidence: "medium",
    examples: { match: [], noMatch: [] },
  };
}
