import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JS module shared with the benchmark
import { fpRate, keywardCounter, loadCoverage, loadExamples, recall, score } from "../bench/score.js";
// @ts-expect-error plain JS module shared with the benchmark
import { secretlintCount } from "../bench/peers.js";
import { ALL_RULES } from "../src/detect/rules/index.js";
import { Scanner } from "../src/detect/scanner.js";

// gitleaks' rule examples, beside the project (CI lays shared/ next to the checkout).
const corpus = fileURLToPath(new URL("../../shared/bench/gitleaks-examples.jsonl", import.meta.url));

// Skipped on a fresh clone without shared/: say so, so a green run is not mistaken for a checked floor.
if (!existsSync(corpus)) console.warn(`SKIPPED: the detection quality floor needs ${corpus} (the project's shared/ folder beside the checkout; see README "Development")`);

describe.skipIf(!existsSync(corpus))("detection quality floors on gitleaks' examples", () => {
  it("keeps recall ≥ 95% on covered providers and false positives ≤ 2%, better than secretlint on both", async () => {
    const examples = loadExamples(corpus);
    const coverage = loadCoverage();
    expect(Object.keys(coverage).length).toBeGreaterThan(40);
    const kw = await score(examples, keywardCounter(new Scanner({ rules: ALL_RULES })), coverage);
    const peer = await score(examples, (e: { text: string; path?: string }) => (e.text === "" ? 0 : secretlintCount(e.text, e.path ?? "example.txt")), coverage);
    expect(recall(kw.covered)).toBeGreaterThanOrEqual(0.95);
    expect(fpRate(kw.all)).toBeLessThanOrEqual(0.02);
    expect(recall(kw.covered)).toBeGreaterThan(recall(peer.covered));
    expect(fpRate(kw.all)).toBeLessThan(fpRate(peer.all));
  }, 120_000);
});

describe("detection quality on the generated config-file corpus", () => {
  it("catches the config-file and comparison classes through their own rules, with no false positive", async () => {
    // @ts-expect-error plain JS module shared with the benchmark
    const { scoreCorpus } = await import("../bench/quality-corpora.js");
    // @ts-expect-error plain JS module shared with the benchmark
    const { configSamples } = await import("../bench/quality-config-corpus.js");
    const s = scoreCorpus(new Scanner({ rules: ALL_RULES }), [...configSamples(3)]);
    expect(s.positives).toBeGreaterThan(60);
    expect(s.named / s.positives).toBeGreaterThanOrEqual(0.95);
    expect(s.fp).toBe(0);
  });
});

describe("detection quality on the generated providers corpus", () => {
  it("names the provider in ≥ 90% of its formats' samples, with false positives ≤ 2% of the negatives", async () => {
    // @ts-expect-error plain JS module shared with the benchmark
    const { scoreCorpus } = await import("../bench/quality-corpora.js");
    // @ts-expect-error plain JS module shared with the benchmark
    const { FORMATS, providerSamples } = await import("../bench/corpus/providers.js");
    expect(FORMATS.length).toBeGreaterThanOrEqual(450);
    const s = scoreCorpus(new Scanner({ rules: ALL_RULES }), [...providerSamples()]);
    expect(s.positives).toBeGreaterThan(10_000);
    expect(s.named / s.positives).toBeGreaterThanOrEqual(0.9);
    expect(s.fp / s.negatives).toBeLessThanOrEqual(0.02);
  }, 120_000);
});
