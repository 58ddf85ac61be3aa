/** `import … from "keyward"` resolves to the built library (package.json `exports`) and works. */
import { describe, expect, it } from "vitest";
import { githubToken } from "./helpers/tokens.js";

describe("the library surface", () => {
  it("scans text, lists rules and audits, and verifies packs, imported by the package's name", async () => {
    const k = await import("keyward");
    const token = githubToken();
    const findings = k.scanText("config.js", `const t = "${token}";\n`);
    expect(findings.map((f) => [f.ruleId, f.location.line])).toEqual([["github-pat", 1]]);
    expect(JSON.stringify(findings)).not.toContain(token);
    expect(k.ALL_RULES.length).toBeGreaterThan(100);
    expect(k.ALL_AUDITS.map((a) => a.id)).toContain("excessive-permissions");
    expect(typeof k.verifyPack).toBe("function");
    expect(typeof k.auditRepository).toBe("function");
  });
});
