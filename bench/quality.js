// npm run bench:quality — precision and recall on gitleaks' own rule examples, for Keyward and
// secretlint in the same run. The corpus lives beside the project (../shared/bench), read-only.
//
// Scoring: a positive example is caught when a tool reports anything in it. A negative example
// is a false positive when a tool reports anything in it, unless the same text is a positive
// example of another gitleaks rule (gitleaks tests each rule alone, so "not a Cloudflare global
// key" may well be a Cloudflare API key).
//
//   node bench/quality.js [--corpus FILE] [--rule GITLEAKS_RULE] [--misses] [--json FILE] [--no-peer]
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Scanner } from "../dist/detect/scanner.js";
import { ALL_RULES } from "../dist/detect/rules/index.js";
import { secretlintCount } from "./peers.js";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name) => args.includes(name);

const defaultCorpus = fileURLToPath(new URL("../../shared/bench/gitleaks-examples.jsonl", import.meta.url));
const corpusPath = opt("--corpus") ?? defaultCorpus;
if (!existsSync(corpusPath)) {
  console.error(`corpus not found: ${corpusPath} (pass --corpus FILE)`);
  process.exit(2);
}
const examples = readFileSync(corpusPath, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l))
  .filter((e) => !opt("--rule") || e.rule === opt("--rule"));

// Which gitleaks rules Keyward claims to cover: those with a Keyward rule for the same
// provider. Recall targets are judged on these; the rest are reported, not hidden.
export const COVERAGE = JSON.parse(readFileSync(new URL("./coverage.json", import.meta.url), "utf8"));

const positives = new Set(examples.filter((e) => e.secret).map((e) => e.text));
const scanner = new Scanner({ rules: ALL_RULES });

function keywardCount(e) {
  const path = e.path ?? "example.txt";
  if (e.text === "" && e.path) return scanner.scanPath(e.path).length;
  return scanner.scan({ path, text: e.text, startLine: 1 }).length + scanner.scanPath(path).length;
}

const tools = { keyward: async (e) => keywardCount(e) };
if (!flag("--no-peer")) tools.secretlint = async (e) => (e.text === "" ? 0 : secretlintCount(e.text, e.path ?? "example.txt"));

const stats = {};
const perRule = {};
const misses = [];
for (const [tool, count] of Object.entries(tools)) {
  const s = (stats[tool] = { all: { tp: 0, fn: 0, fp: 0, tn: 0 }, covered: { tp: 0, fn: 0, fp: 0, tn: 0 } });
  for (const e of examples) {
    const n = await count(e);
    const covered = COVERAGE[e.rule] !== undefined;
    const crossPositive = !e.secret && positives.has(e.text);
    if (!e.secret && crossPositive) continue;
    const outcome = e.secret ? (n > 0 ? "tp" : "fn") : n > 0 ? "fp" : "tn";
    s.all[outcome]++;
    if (covered) s.covered[outcome]++;
    const r = ((perRule[e.rule] ??= {})[tool] ??= { tp: 0, fn: 0, fp: 0, tn: 0 });
    r[outcome]++;
    if (tool === "keyward" && (outcome === "fn" || outcome === "fp")) misses.push({ outcome, rule: e.rule, path: e.path, text: e.text.slice(0, 160) });
  }
}

const pct = (a, b) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);
const recall = (s) => pct(s.tp, s.tp + s.fn);
const precision = (s) => pct(s.tp, s.tp + s.fp);
const fpRate = (s) => pct(s.fp, s.fp + s.tn);

console.log(`corpus: ${examples.length} examples (${positives.size} distinct positives) from ${corpusPath.split("/").slice(-2).join("/")}`);
console.log("\nper gitleaks rule (keyward tp/fn/fp" + (tools.secretlint ? " | secretlint tp/fn/fp" : "") + ")");
for (const rule of Object.keys(perRule).sort()) {
  const k = perRule[rule].keyward;
  const p = perRule[rule].secretlint;
  const cov = COVERAGE[rule] ? `→ ${COVERAGE[rule]}` : "(not covered)";
  console.log(`  ${rule.padEnd(44)} ${`${k.tp}/${k.fn}/${k.fp}`.padEnd(10)}${p ? `| ${p.tp}/${p.fn}/${p.fp}`.padEnd(12) : ""} ${cov}`);
}
console.log("\n" + "tool".padEnd(12) + "scope".padEnd(10) + "recall".padEnd(10) + "precision".padEnd(11) + "FP rate (of negatives)");
for (const [tool, s] of Object.entries(stats)) {
  for (const scope of ["covered", "all"]) {
    const x = s[scope];
    console.log(tool.padEnd(12) + scope.padEnd(10) + recall(x).padEnd(10) + precision(x).padEnd(11) + `${fpRate(x)} (${x.fp}/${x.fp + x.tn})`);
  }
}
if (flag("--misses")) {
  console.log("\nkeyward misses:");
  for (const m of misses) console.log(`  ${m.outcome} ${m.rule}${m.path ? ` [${m.path}]` : ""}: ${JSON.stringify(m.text)}`);
}
const out = opt("--json");
if (out) writeFileSync(out, JSON.stringify({ stats, perRule }, null, 2));
