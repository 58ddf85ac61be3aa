// npm run bench:quality — detection quality in one run, on corpora of different kinds, so that
// fitting one cannot pass for generalising:
//
//   1. gitleaks' own rule examples (../shared/bench/gitleaks-examples.jsonl), Keyward and
//      secretlint in the same run — the corpus the rules were first tuned on; the floor test
//      (test/quality-floor.test.ts) keeps it from regressing;
//   2. the providers corpus (bench/corpus/providers.js, generated from each provider's
//      documented format in ~25 syntaxes, with negatives): recall through the provider's
//      named rule, separately from recall through generic rules only, and false positives on
//      its negatives; and how many named provider formats the rule set holds;
//   3. the config-file and comparison classes in many syntaxes (bench/quality-config-corpus.js);
//   4. false positives per MiB on real dependency code: this repository's node_modules, read
//      as a vendored tree of many small files. It is third-party code, not guaranteed free of
//      secrets: what fires is listed (masked) to be inspected, not assumed wrong.
//
//   node bench/quality.js [--corpus FILE] [--rule GITLEAKS_RULE] [--misses] [--json FILE]
//                         [--no-peer] [--deps-mib N] [--list N]
import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Scanner } from "../dist/detect/scanner.js";
import { ALL_RULES, RULE_MODULES } from "../dist/detect/rules/index.js";
import { secretlintCount } from "./peers.js";
import { fpRate, keywardCounter, loadCoverage, loadExamples, precision, recall, score } from "./score.js";
import { dependencyFiles, namedProviderRules, perFormat, providerCorpus, scoreCorpus } from "./quality-corpora.js";
import { configSamples } from "./quality-config-corpus.js";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name) => args.includes(name);
const pct = (x) => (Number.isNaN(x) ? "n/a" : `${(100 * x).toFixed(1)}%`);
const ratio = (a, b) => (b === 0 ? NaN : a / b);

const scanner = new Scanner({ rules: ALL_RULES });
const results = {};
console.log(`Keyward has ${ALL_RULES.length} rules`);

// 1. gitleaks' rule examples ------------------------------------------------------------------
const corpusPath = opt("--corpus") ?? fileURLToPath(new URL("../../shared/bench/gitleaks-examples.jsonl", import.meta.url));
console.log("\n== 1. gitleaks' rule examples ==");
if (!existsSync(corpusPath)) {
  console.log(
    `not found: ${corpusPath}\n` +
      "  It is gitleaks' own rule examples (the true and false samples of each rule in gitleaks'\n" +
      "  cmd/generate/config/rules), one JSON object a line: {rule, text, secret, path?}. CI lays it\n" +
      "  in shared/bench/ beside the checkout; pass --corpus FILE to use a copy elsewhere.",
  );
} else {
  const examples = loadExamples(corpusPath).filter((e) => !opt("--rule") || e.rule === opt("--rule"));
  const coverage = loadCoverage();
  const tools = { keyward: keywardCounter(scanner) };
  if (!flag("--no-peer")) tools.secretlint = (e) => (e.text === "" ? 0 : secretlintCount(e.text, e.path ?? "example.txt"));
  const gl = {};
  for (const [tool, count] of Object.entries(tools)) gl[tool] = await score(examples, count, coverage);
  results.gitleaks = gl;
  console.log(`${examples.length} examples from ${corpusPath.split("/").slice(-2).join("/")}`);
  if (flag("--per-rule")) {
    for (const rule of Object.keys(gl.keyward.perRule).sort()) {
      const k = gl.keyward.perRule[rule];
      console.log(`  ${rule.padEnd(44)} ${`${k.tp}/${k.fn}/${k.fp}`.padEnd(10)} ${coverage[rule] ? `→ ${coverage[rule]}` : "(not covered)"}`);
    }
  }
  console.log("tool".padEnd(12) + "scope".padEnd(10) + "recall".padEnd(10) + "precision".padEnd(11) + "false positives (of negatives)");
  for (const [tool, r] of Object.entries(gl)) {
    for (const scope of ["covered", "all"]) {
      const s = r[scope];
      console.log(tool.padEnd(12) + scope.padEnd(10) + pct(recall(s)).padEnd(10) + pct(precision(s)).padEnd(11) + `${pct(fpRate(s))} (${s.fp}/${s.fp + s.tn})`);
    }
  }
  if (flag("--misses")) for (const m of gl.keyward.misses) console.log(`  ${m.outcome} ${m.rule}${m.path ? ` [${m.path}]` : ""}: ${JSON.stringify(m.text.slice(0, 160))}`);
}

// 2 and 3. Generated corpora: named vs generic -----------------------------------------------
const split = (title, s) => {
  console.log(
    `${title.padEnd(28)} ${String(s.positives).padStart(6)}  ${pct(ratio(s.named, s.positives)).padStart(7)}  ${pct(ratio(s.named + s.generic + s.otherNamed, s.positives)).padStart(7)}  ${pct(ratio(s.generic, s.positives)).padStart(7)}  ${pct(ratio(s.otherNamed, s.positives)).padStart(7)}  ${pct(ratio(s.missed, s.positives)).padStart(7)}  ${`${pct(ratio(s.fp, s.negatives))} (${s.fp}/${s.negatives})`.padStart(14)}`,
  );
};
const header = () => console.log(`${"corpus".padEnd(28)} ${"items".padStart(6)}  ${"named".padStart(7)}  ${"any".padStart(7)}  ${"generic".padStart(7)}  ${"other".padStart(7)}  ${"missed".padStart(7)}  ${"false pos.".padStart(14)}`);

const providers = await providerCorpus();
const provScore = scoreCorpus(scanner, providers.items);
const configScore = scoreCorpus(scanner, [...configSamples(5)]);
const formats = perFormat(scanner, providers.items, new Set(ALL_RULES.map((r) => r.id)));
const namedRules = namedProviderRules(RULE_MODULES);
const { misses: _pm, fps: _pf, ...provCounts } = provScore;
results.providers = { source: providers.source, formats: providers.formats, namedProviderRules: namedRules.length, ...provCounts };
results.configFiles = configScore;
console.log("\n== 2 and 3. Generated corpora: recall through a named rule, through generic rules only ==");
console.log(`providers: ${providers.source}, ${providers.formats} formats; the rule set has ${namedRules.length} named provider formats (rules outside the class modules)`);
header();
split("providers", provScore);
split("config files and comparisons", configScore);
console.log("  named: the expected provider's (or class's) own rule fired; generic: only a generic rule did;\n  other: only another provider's rule did; any: caught at all.");
if (flag("--misses")) {
  for (const m of [...provScore.misses, ...configScore.misses]) console.log(`  missed ${m.expected} [${m.path}]: ${JSON.stringify(m.text)}`);
  for (const f of [...provScore.fps, ...configScore.fps]) console.log(`  false positive [${f.path}]: ${f.rules.join(", ")}`);
}
const weak = formats.filter((f) => f.named < f.positives);
const noRule = formats.filter((f) => !f.ruleExists);
console.log(`  formats: ${formats.length}, ${formats.filter((f) => f.named / f.positives >= 0.9).length} named in ≥ 90% of their syntaxes; ${noRule.length} expect a rule id the rule set lacks`);
if (flag("--misses") || flag("--formats")) for (const f of weak) console.log(`  format ${f.format} (${f.provider}): named ${f.named}/${f.positives}${f.ruleExists ? "" : " (no such rule)"}`);

// 4. False positives per MiB on real dependency code -----------------------------------------
const limit = Number(opt("--deps-mib") ?? 64) * 1024 * 1024;
const { files, bytes } = dependencyFiles(fileURLToPath(new URL("../node_modules", import.meta.url)), limit);
const started = performance.now();
const fired = [];
for (const f of files) {
  for (const x of [...scanner.scan({ path: f.path, text: f.text, startLine: 1 }), ...scanner.scanPath(f.path)]) fired.push(x);
}
const seconds = (performance.now() - started) / 1000;
const mib = bytes / 1024 / 1024;
const byRule = new Map();
for (const x of fired) byRule.set(x.ruleId, (byRule.get(x.ruleId) ?? 0) + 1);
results.dependencies = { files: files.length, mib, findings: fired.length, perMiB: fired.length / mib, byRule: Object.fromEntries(byRule), seconds };
console.log("\n== 4. Findings on real dependency code (node_modules read as a vendored tree) ==");
console.log(`${files.length} files, ${mib.toFixed(1)} MiB (${(mib / seconds).toFixed(1)} MiB/s): ${fired.length} findings, ${(fired.length / mib).toFixed(3)} per MiB`);
for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${rule}`);
const list = Number(opt("--list") ?? 25);
if (fired.length) console.log(`first ${Math.min(list, fired.length)} (masked; inspect them: the corpus is not guaranteed secret-free):`);
for (const x of fired.slice(0, list)) console.log(`  ${x.location.path}:${x.location.line}  ${x.ruleId}  ${x.preview}${x.context ? `  (${x.context})` : ""}`);

const out = opt("--json");
if (out) writeFileSync(out, JSON.stringify(results, null, 2));
