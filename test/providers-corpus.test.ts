import { describe, expect, it } from "vitest";
// @ts-expect-error plain JS module shared with the benchmark
import { FORMATS, SYNTAXES, providerSamples } from "../bench/corpus/providers.js";

interface Sample {
  text: string;
  path: string;
  expectedProvider: string | null;
  format: string;
}
interface Format {
  provider: string;
  ruleId: string;
  source: string;
  make: unknown;
  keys: string[];
}

describe("the providers corpus (bench/corpus/providers.js)", () => {
  it("follows its contract: every format names a provider, a rule id, a source URL and key names", () => {
    const seen = new Set<string>();
    for (const f of FORMATS as Format[]) {
      expect(f.provider, f.ruleId).toMatch(/\S/);
      expect(f.ruleId).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(f.source, f.ruleId).toMatch(/^https:\/\/\S+$/);
      expect(typeof f.make, f.ruleId).toBe("function");
      expect(f.keys.length, f.ruleId).toBeGreaterThan(0);
      expect(seen.has(`${f.provider}/${f.ruleId}`), `duplicate ${f.ruleId}`).toBe(false);
      seen.add(`${f.provider}/${f.ruleId}`);
    }
    expect(Object.keys(SYNTAXES).length).toBeGreaterThanOrEqual(20);
  });

  it("is reproducible: two runs yield the same samples", () => {
    const a = [...providerSamples()] as Sample[];
    const b = [...providerSamples()] as Sample[];
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it("renders each format in every syntax with a fresh token, and yields negatives", () => {
    const samples = [...providerSamples()] as Sample[];
    const syntaxes = Object.keys(SYNTAXES).length;
    for (const f of FORMATS as Format[]) {
      const mine = samples.filter((s) => s.format === f.ruleId && (s.expectedProvider === f.provider || s.expectedProvider === null));
      expect(mine.filter((s) => s.expectedProvider !== null).length, f.ruleId).toBeGreaterThanOrEqual((f as { files?: unknown }).files ? 1 : syntaxes);
      expect(mine.filter((s) => s.expectedProvider === null).length, f.ruleId).toBeGreaterThan(5);
      expect(new Set(mine.map((s) => s.text)).size).toBe(mine.length);
    }
  });
});
