/**
 * The one way a SecretFinding is made: rule, place, masked preview and keyed id are required,
 * and the fingerprint is derived from them, so no caller can build one wrong or leak a value.
 */
import { contextOf, downrank } from "./context.js";
import type { Location, Rule, SecretFinding } from "./types.js";

export function secretFinding(
  rule: Rule,
  at: { readonly location: Location; readonly preview: string; readonly secretId: string; readonly entropy: number; readonly encoding?: "base64" },
): SecretFinding {
  // Test, documentation and example files: still reported, one step lower, and saying why.
  const context = contextOf(at.location.path);
  return {
    kind: "secret",
    ruleId: rule.id,
    provider: rule.provider,
    description: rule.description,
    severity: rule.severity,
    confidence: context ? downrank(rule.confidence) : rule.confidence,
    ...(context ? { context } : {}),
    location: at.location,
    preview: at.preview,
    secretId: at.secretId,
    fingerprint: `${at.location.path}:${rule.id}:${at.secretId}`,
    entropy: at.entropy,
    ...(at.encoding ? { encoding: at.encoding } : {}),
  };
}
