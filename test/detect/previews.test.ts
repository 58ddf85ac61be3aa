import { describe, expect, it } from "vitest";
import { MASK, LENGTH_CLASSES, redact } from "../../src/detect/redact.js";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";
import type { SecretFinding } from "../../src/detect/types.js";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const PREFIX_LESS = new RegExp(`^${escape(MASK)} \\((?:${LENGTH_CLASSES.map(escape).join("|")}) chars\\)$`);

/** Every finding a rule's own examples produce, each with the raw secret it was built from. */
function findingsWithSecrets(): Array<{ f: SecretFinding; secret: string }> {
  const out: Array<{ f: SecretFinding; secret: string }> = [];
  const scanner = new Scanner({ rules: ALL_RULES, onSecret: (f, secret) => out.push({ f, secret }) });
  for (const rule of ALL_RULES) {
    if (rule.pathOnly) continue;
    for (const text of rule.examples.match) scanner.scan({ path: rule.examples.path ?? "example.txt", text, startLine: 1 });
  }
  return out;
}

describe("previews reveal nothing past a documented prefix", () => {
  const all = findingsWithSecrets();

  it("covers every rule that matches text", () => {
    const seen = new Set(all.map((x) => x.f.ruleId));
    for (const r of ALL_RULES.filter((r) => !r.pathOnly)) expect(seen.has(r.id), r.id).toBe(true);
  });

  it("shows at most the rule's declared prefix, then the mask; otherwise only a length class", () => {
    for (const { f, secret } of all) {
      const rule = ALL_RULES.find((r) => r.id === f.ruleId)!;
      if (PREFIX_LESS.test(f.preview)) continue;
      expect(f.preview.endsWith(MASK), `${f.ruleId}: ${f.preview}`).toBe(true);
      const shown = f.preview.slice(0, -MASK.length);
      expect(rule.prefixes ?? [], `${f.ruleId} shows ${JSON.stringify(shown)}, which it does not declare`).toContain(shown);
      expect(secret.startsWith(shown), f.ruleId).toBe(true);
    }
  });

  it("never shows a character of a generic secret or password", () => {
    const generic = all.filter(({ f }) => f.provider === "Generic" || f.ruleId.startsWith("generic-"));
    expect(generic.length).toBeGreaterThan(10);
    for (const { f } of generic) expect(f.preview, f.ruleId).toMatch(PREFIX_LESS);
  });

  it("keeps declared prefixes short literals a provider documents, never whole values", () => {
    for (const r of ALL_RULES) for (const p of r.prefixes ?? []) expect(p.length, `${r.id}: ${p}`).toBeLessThanOrEqual(40);
  });

  it("picks the longest declared prefix and states only the length class without one", () => {
    expect(redact("sk-proj-abc123def456ghi789", ["sk-", "sk-proj-"])).toBe(`sk-proj-${MASK}`);
    expect(redact("Hv3n!B8sWq1")).toBe(`${MASK} (8-15 chars)`);
    expect(redact("Hv3n!B8sWq1", ["Hv3"]).startsWith("Hv3")).toBe(true);
    expect(redact("x".repeat(200))).toBe(`${MASK} (128+ chars)`);
    // A prefix the secret does not start with (case matters) shows nothing.
    expect(redact("akia1234567890abcdef", ["AKIA"])).toBe(`${MASK} (16-31 chars)`);
  });
});
