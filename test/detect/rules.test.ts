import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ALL_RULES, RULE_MODULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";

const scanner = new Scanner({ rules: ALL_RULES });
const rulesDir = fileURLToPath(new URL("../../src/detect/rules/", import.meta.url));

describe("rule registry", () => {
  it("registers every rule module in the folder", () => {
    const files = readdirSync(rulesDir)
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.replace(/\.ts$/, ""));
    expect(Object.keys(RULE_MODULES).sort()).toEqual(files.sort());
  });

  it("has unique kebab-case ids and lowercase keywords", () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const k of r.keywords) expect(k).toBe(k.toLowerCase());
      if (!r.pathOnly) expect(r.keywords.length, r.id).toBeGreaterThan(0);
    }
  });

  it("gives every rule at least one example of each kind", () => {
    for (const r of ALL_RULES) {
      expect(r.examples.match.length, r.id).toBeGreaterThan(0);
      expect(r.examples.noMatch.length, r.id).toBeGreaterThan(0);
    }
  });
});

describe.each(ALL_RULES.map((r) => [r.id, r] as const))("rule %s", (id, rule) => {
  const path = rule.examples.path ?? "example.txt";
  const found = (text: string) =>
    rule.pathOnly
      ? scanner.scanPath(text).filter((f) => f.ruleId === id)
      : scanner.scan({ path, text, startLine: 1 }).filter((f) => f.ruleId === id);

  it.each(rule.examples.match.map((t) => [t]))("reports %s", (text) => {
    expect(found(text).length).toBeGreaterThan(0);
  });
  it.each(rule.examples.noMatch.map((t) => [t]))("ignores %s", (text) => {
    expect(found(text)).toEqual([]);
  });
});
