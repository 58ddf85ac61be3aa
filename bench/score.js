// Scoring shared by bench/quality.js and the floor test (test/quality-floor.test.ts).
//
// A positive example is caught when a tool reports anything in it. A negative example is a
// false positive when a tool reports anything in it, unless the same text is a positive example
// of another gitleaks rule (gitleaks tests each rule alone, so "not a Cloudflare global key" may
// well be a Cloudflare API key); such negatives are not scored.
import { readFileSync } from "node:fs";

export function loadExamples(path) {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

export function loadCoverage() {
  return JSON.parse(readFileSync(new URL("../src/detect/custom/gitleaks-coverage.json", import.meta.url), "utf8"));
}

const empty = () => ({ tp: 0, fn: 0, fp: 0, tn: 0 });

/** count(example) → number of findings; returns totals over all and over covered rules. */
export async function score(examples, count, coverage) {
  const positives = new Set(examples.filter((e) => e.secret).map((e) => e.text));
  const result = { all: empty(), covered: empty(), perRule: {}, misses: [] };
  for (const e of examples) {
    if (!e.secret && positives.has(e.text)) continue;
    const n = await count(e);
    const outcome = e.secret ? (n > 0 ? "tp" : "fn") : n > 0 ? "fp" : "tn";
    result.all[outcome]++;
    if (coverage[e.rule] !== undefined) result.covered[outcome]++;
    (result.perRule[e.rule] ??= empty())[outcome]++;
    if (outcome === "fn" || outcome === "fp") result.misses.push({ outcome, rule: e.rule, path: e.path, text: e.text });
  }
  return result;
}

export const recall = (s) => (s.tp + s.fn === 0 ? NaN : s.tp / (s.tp + s.fn));
export const precision = (s) => (s.tp + s.fp === 0 ? NaN : s.tp / (s.tp + s.fp));
export const fpRate = (s) => (s.fp + s.tn === 0 ? NaN : s.fp / (s.fp + s.tn));

/** Keyward's count function over the built scanner. */
export function keywardCounter(scanner) {
  return (e) => {
    const path = e.path ?? "example.txt";
    if (e.text === "" && e.path) return scanner.scanPath(e.path).length;
    return scanner.scan({ path, text: e.text, startLine: 1 }).length + scanner.scanPath(path).length;
  };
}
