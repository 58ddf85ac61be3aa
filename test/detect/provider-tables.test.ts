import { describe, expect, it } from "vitest";
import { RULE_MODULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";
import { providerRule, A, h, UUID } from "../../src/detect/provider-table.js";

// The table-built provider modules (one row per format; see src/detect/provider-table.ts).
const TABLES = Object.entries(RULE_MODULES).filter(([name]) => /^providers-/.test(name));
const tableRules = TABLES.flatMap(([, rules]) => rules);

/** A pattern's source with character classes and escapes removed: what is left are its quantifiers. */
const outsideClasses = (src: string): string => src.replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");

describe("provider tables", () => {
  it("are registered and hold named provider formats", () => {
    expect(TABLES.length).toBeGreaterThan(0);
    expect(tableRules.length).toBeGreaterThan(100);
    for (const r of tableRules) expect(r.provider, r.id).not.toBe("Generic");
  });

  it("bound every quantifier of every row", () => {
    for (const r of tableRules) {
      const q = outsideClasses(r.pattern!.source);
      expect(q, r.id).not.toMatch(/[*+]|\{\d+,\}/);
    }
  });

  it("show in previews nothing but a declared prefix", () => {
    const scanner = new Scanner({ rules: tableRules });
    for (const r of tableRules) {
      for (const m of r.examples.match) {
        const f = scanner.scan({ path: "example.txt", text: m, startLine: 1 }).find((x) => x.ruleId === r.id);
        expect(f, `${r.id}: ${m.slice(0, 40)}`).toBeDefined();
        const shown = f!.preview.replace(/\s*\([^)]*\)$/, "");
        const prefix = (r.prefixes ?? []).filter((p) => shown.startsWith(p)).sort((x, y) => y.length - x.length)[0] ?? "";
        expect(shown.slice(prefix.length), `${r.id} preview`).toMatch(/^\**$/);
      }
    }
  });

  it("have prefilter keywords that occur in their own match examples", () => {
    for (const r of tableRules) {
      for (const m of r.examples.match) expect(r.keywords.some((k) => m.toLowerCase().includes(k)), `${r.id}: ${m.slice(0, 40)}`).toBe(true);
    }
  });

  it("derive a prefixed row's pattern, keyword, prefix and examples from its parts", () => {
    const rule = providerRule({ id: "acme-token", provider: "Acme", description: "Acme token", token: ["acme_", A(20)] });
    expect(rule.keywords).toEqual(["acme_"]);
    expect(rule.prefixes).toEqual(["acme_"]);
    const scanner = new Scanner({ rules: [rule] });
    const hits = (text: string) => scanner.scan({ path: "a.env", text, startLine: 1 }).length;
    const tok = `acme_${"q7Rt2Zk9Lm3Xv8Bn4Wc6"}`;
    expect(hits(`ACME=${tok}`)).toBe(1);
    expect(hits(`ACME=${tok}x`)).toBe(0); // longer than the format
    expect(hits(`ACME=x${tok}`)).toBe(0); // inside another word
    expect(hits(`ACME=acme_${"getAcmeTokenFromVault"}`.slice(0, 25))).toBe(0);
    expect(rule.examples.match.every((m) => hits(m) === 1)).toBe(true);
    expect(rule.examples.noMatch.every((m) => hits(m) === 0)).toBe(true);
  });

  it("report a keyword-context row only as the value of an assignment that names the provider", () => {
    const rule = providerRule({ id: "acme-key", provider: "Acme", description: "Acme key", token: [h(32)], near: ["acme"] });
    expect(rule.prefixes).toBeUndefined();
    const scanner = new Scanner({ rules: [rule] });
    const hits = (text: string) => scanner.scan({ path: "config.yml", text, startLine: 1 }).length;
    const hex = "9f2c4e1a7b3d5f6081a2c3e4f5061728";
    expect(hits(`ACME_API_KEY=${hex}`)).toBe(1);
    expect(hits(`acmeSecret: "${hex}"`)).toBe(1);
    expect(hits(`BUILD_ID=${hex}`)).toBe(0);
    expect(hits(`ACME_API_KEY=getAcmeApiKeyFromTheVaultNow`)).toBe(0);
    const uuid = providerRule({ id: "acme-uuid", provider: "Acme", description: "Acme", token: [...UUID], near: ["acme"] });
    expect(uuid.pattern!.source).toContain("[a-f0-9]{8}-");
  });
});
