// npm run bench:quality — precision and recall on gitleaks' own rule examples, for Keyward and
// secretlint in the same run (scoring: bench/score.js). The corpus lives beside the project
// (../shared/bench), read-only.
//
//   node bench/quality.js [--corpus FILE] [--rule GITLEAKS_RULE] [--misses] [--json FILE] [--no-peer]
import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Scanner } from "../dist/detect/scanner.js";
import { ALL_RULES } from "../dist/detect/rules/index.js";
import { secretlintCount } from "./peers.js";
import { fpRate, keywardCounter, loadCoverage, loadExamples, precision, recall, score } from "./score.js";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name) => args.includes(name);

const corpusPath = opt("--corpus") ?? fileURLToPath(new URL("../../shared/bench/gitleaks-examples.jsonl", import.meta.url));
if (!existsSync(corpusPath)) {
  console.error(
    [
      `corpus not found: ${corpusPath}`,
      "The corpus is gitleaks' own rule examples (the true and false samples its rule generators in",
      "cmd/generate/config/rules/ carry), one JSON object per line: {\"rule\", \"text\", \"secret\": true or false}. It is kept",
      "outside the repository, in the project's shared/ folder, laid beside the checkout as",
      "../shared/bench/gitleaks-examples.jsonl (CI does this). Put it there, or pass --corpus FILE.",
    ].join("\n"),
  );
  process.exit(2);
}
const examples = loadExamples(corpusPath).filter((e) => !opt("--rule") || e.rule === opt("--rule"));
const coverage = loadCoverage();

const tools = { keyward: keywardCounter(new Scanner({ rules: ALL_RULES })) };
if (!flag("--no-peer")) tools.secretlint = (e) => (e.text === "" ? 0 : secretlintCount(e.text, e.path ?? "example.txt"));

const results = {};
for (const [tool, count] of Object.entries(tools)) results[tool] = await score(examples, count, coverage);

const pct = (x) => (Number.isNaN(x) ? "n/a" : `${(100 * x).toFixed(1)}%`);
console.log(`corpus: ${examples.length} examples from ${corpusPath.split("/").slice(-2).join("/")}; Keyward has ${ALL_RULES.length} rules`);
console.log(`\nper gitleaks rule: tp/fn/fp for keyward${tools.secretlint ? " | secretlint" : ""}`);
for (const rule of Object.keys(results.keyward.perRule).sort()) {
  const k = results.keyward.perRule[rule];
  const p = results.secretlint?.perRule[rule];
  const cov = coverage[rule] ? `→ ${coverage[rule]}` : "(not covered)";
  console.log(`  ${rule.padEnd(44)} ${`${k.tp}/${k.fn}/${k.fp}`.padEnd(10)}${p ? `| ${p.tp}/${p.fn}/${p.fp}`.padEnd(12) : ""} ${cov}`);
}
console.log("\n" + "tool".padEnd(12) + "scope".padEnd(10) + "recall".padEnd(10) + "precision".padEnd(11) + "false positives (of negatives)");
for (const [tool, r] of Object.entries(results)) {
  for (const scope of ["covered", "all"]) {
    const s = r[scope];
    console.log(tool.padEnd(12) + scope.padEnd(10) + pct(recall(s)).padEnd(10) + pct(precision(s)).padEnd(11) + `${pct(fpRate(s))} (${s.fp}/${s.fp + s.tn})`);
  }
}
if (flag("--misses")) {
  console.log("\nkeyward misses:");
  for (const m of results.keyward.misses) console.log(`  ${m.outcome} ${m.rule}${m.path ? ` [${m.path}]` : ""}: ${JSON.stringify(m.text.slice(0, 160))}`);
}
const out = opt("--json");
if (out) writeFileSync(out, JSON.stringify(results, null, 2));
