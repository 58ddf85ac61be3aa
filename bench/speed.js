// npm run bench:speed — Keyward as a user runs it, against the floor of any keyword-prefiltered
// scanner and a peer, all measured in this one run on the same files, each the best of several:
//
//   1. Throughput on a real tree (bench/real-tree.js: copies of npm dependency trees, many small
//      files, minified and vendored ones included, committed to git like a checkout), start-up
//      included, wall clock:
//        keyward   `keyward scan DIR` (the built CLI: git ls-files, reads, every core)
//        floor     `grep -Fic` with Keyward's own rule keywords (LC_ALL=C, one process)
//        peer      secretlint's CLI with its recommended preset (if installed)
//      The floor is given exactly the files Keyward scans (its default path allowlist skips
//      lockfiles, *.min.js and maps; binaries are sniffed and skipped), so MB/s are over the
//      same bytes. secretlint's CLI slows down more than linearly on a tree this size (a trial:
//      5 MiB in 5 s, 12 MiB in 34 s, the whole 38 MiB in 6 minutes), so it and Keyward are both
//      run on a copy of the first --peer-mb MiB of those files (--peer-mb 0: all of them, once).
//   2. Start-up: `keyward scan` of a one-file repository and the pre-commit hook `keyward
//      install-hook` writes (scan --staged, one staged file), against `node -e 0`.
//   3. Peak RSS of `keyward scan` on the whole tree and on a quarter of it (flat in tree size).
//   4. In process (labelled as such): runScan with modules loaded, on 64 KiB pieces of real code
//      (bench/corpus.js), the figure earlier READMEs quoted.
//
//   node bench/speed.js [--tree-mb 50] [--peer-mb 4] [--rounds 3] [--startup-rounds 10] [--mb 50 (in-process corpus)]
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureCorpus } from "./corpus.js";
import { ensureRealTree, PARTS } from "./real-tree.js";

const args = process.argv.slice(2);
const num = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const treeMb = num("--tree-mb", 50);
const rounds = num("--rounds", 3);
const startupRounds = num("--startup-rounds", 10);
const inProcessMb = num("--mb", 50);
const peerMb = num("--peer-mb", 4);

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const bin = here("../dist/bin.js");
const secretlintBin = here("../node_modules/secretlint/bin/secretlint.js");
const work = mkdtempSync(join(tmpdir(), "keyward-bench-speed-"));
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const MiB = 1048576;
const loadAtStart = loadavg();

// ---- the tree and the files Keyward scans in it
const tree = join(tmpdir(), `keyward-bench-tree-${treeMb}mb`);
console.log(`building the real tree of ${treeMb} MiB in ${tree} …`);
const info = ensureRealTree(tree, treeMb);
const { listFiles, FileReader } = await import("../dist/ingest/worktree.js");
const { DEFAULT_PATH_ALLOWLIST, PathMatcher } = await import("../dist/detect/allowlist.js");
const { ALL_RULES } = await import("../dist/detect/rules/index.js");
const listed = await listFiles(tree);
const skipPath = new PathMatcher(DEFAULT_PATH_ALLOWLIST);
const reader = new FileReader(10 * MiB);
const scanned = [];
let scannedBytes = 0;
let allowlisted = 0;
let binary = 0;
for (const path of listed) {
  if (skipPath.matches(path)) {
    allowlisted++;
    continue;
  }
  const c = reader.read(tree, path);
  if (c.kind === "text") {
    scanned.push(path);
    scannedBytes += c.bytes.length;
  } else if (c.kind === "skipped") binary++;
}
// What makes a line a candidate: for each rule keyword, the lines of the scanned files it
// occurs on (one automaton pass, as the scanner runs it) and the rules it wakes there. A short
// or common keyword sends most lines of real code through its rules' regexes.
const { KeywordMatcher, KeywordCursor } = await import("../dist/detect/keywords.js");
const keywordRules = new Map();
for (const r of ALL_RULES) for (const k of r.keywords) keywordRules.set(k.toLowerCase(), [...(keywordRules.get(k.toLowerCase()) ?? []), r.id]);
const matcher = new KeywordMatcher([...keywordRules.keys()]);
const linesWith = new Array(matcher.keywords.length).fill(0);
let totalLines = 0;
let candidateLines = 0;
for (const path of scanned) {
  const c = reader.read(tree, path);
  if (c.kind !== "text") continue;
  const bytes = c.bytes;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) totalLines++;
  const cursor = new KeywordCursor();
  let lineEnd = -1;
  const seen = new Set();
  for (let at = 0; (at = matcher.nextInBytes(cursor, bytes, at, bytes.length)) !== -1; ) {
    // A hit past the end of the last candidate line starts the next one.
    if (at - 1 > lineEnd) {
      lineEnd = bytes.indexOf(10, at - 1);
      if (lineEnd === -1) lineEnd = bytes.length;
      seen.clear();
      candidateLines++;
    }
    for (const id of cursor.hitIds) if (!seen.has(id)) (seen.add(id), linesWith[id]++);
  }
}
const costliest = matcher.keywords
  .map((k, id) => ({ k, lines: linesWith[id], rules: keywordRules.get(k) }))
  .sort((a, b) => b.lines * b.rules.length - a.lines * a.rules.length)
  .slice(0, 8);

const listFile = join(work, "files.nul");
writeFileSync(listFile, scanned.join("\0"));
const keywords = [...new Set(ALL_RULES.flatMap((r) => r.keywords.map((k) => k.toLowerCase())))].sort();
const keywordFile = join(work, "keywords.txt");
writeFileSync(keywordFile, keywords.join("\n") + "\n");
console.log(`tree: ${info.files.toLocaleString("en")} files, ${(info.bytes / MiB).toFixed(1)} MiB, ${info.planted} fake tokens planted; Keyward scans ${scanned.length.toLocaleString("en")} files, ${(scannedBytes / MiB).toFixed(1)} MiB (its path allowlist skips ${allowlisted}, ${binary} are binary or too large)`);
console.log(`${keywords.length} rule keywords, ${ALL_RULES.length} rules; ${cpus().length} cores; load average ${loadAtStart} at the start`);

/**
 * One run under /usr/bin/time: wall seconds (measured here), CPU seconds (user + system, of the
 * process and its children: what a busy machine changes least) and peak RSS.
 */
function timed(cmd, argv, cwd, env = {}) {
  const rss = join(work, "rss.txt");
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%U %S %M", "-o", rss, cmd, ...argv], { cwd, env: { ...process.env, ...env }, maxBuffer: 512 * MiB, encoding: "utf8" });
  const seconds = (performance.now() - t) / 1000;
  if (r.error) throw r.error;
  const [user, sys, kib] = readFileSync(rss, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
  return { seconds, cpuSeconds: user + sys, maxRssKiB: kib, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const hasSecretlint = existsSync(secretlintBin);
const keyward = (dir) => {
  const r = timed(process.execPath, [bin, "scan", dir, "--format", "json"], dir);
  if (r.status !== 1 && r.status !== 0) throw new Error(`keyward scan exited ${r.status}: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  return { ...r, findings: report.findings.length, bytes: report.stats?.bytes };
};
const secretlint = (dir, files) => {
  const rc = JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] });
  const r = timed(process.execPath, [secretlintBin, "--no-glob", "--secretlintrcJSON", rc, "--format", "unix", "--no-color", ...files], dir);
  if (r.status !== 0 && r.status !== 1) throw new Error(`secretlint exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  return { ...r, findings: r.stdout.split("\n").filter((l) => l.startsWith("/")).length };
};

// The peers' subset: the first --peer-mb MiB of the scanned files, copied as a checkout of its own.
const peerDir = join(work, "peer-subset");
const peerFiles = [];
let peerBytes = 0;
for (const path of scanned) {
  if (peerMb > 0 && peerBytes >= peerMb * MiB) break;
  mkdirSync(dirname(join(peerDir, path)), { recursive: true });
  copyFileSync(join(tree, path), join(peerDir, path));
  peerFiles.push(path);
  peerBytes += statSync(join(peerDir, path)).size;
}
execFileSync("git", ["init", "-q"], { cwd: peerDir });
execFileSync("git", ["add", "-A", "-f"], { cwd: peerDir });

const tools = {
  keyward: () => keyward(tree),
  grep: () => {
    // grep exits 0 or 1 (a file without a keyword makes no difference to -c); 2 is an error.
    const r = timed("xargs", ["-0", "-a", listFile, "grep", "-Fic", "-f", keywordFile, "--"], tree, { LC_ALL: "C" });
    if (r.status !== 0 && r.status !== 123) throw new Error(`grep failed (${r.status}): ${r.stderr.slice(0, 300)}`);
    return { ...r, findings: r.stdout.split("\n").filter((l) => l && !l.endsWith(":0")).length };
  },
  ...(hasSecretlint ? { "keyward (peer subset)": () => keyward(peerDir), secretlint: () => secretlint(peerDir, peerFiles) } : {}),
};
const once = new Set(peerMb === 0 ? ["secretlint"] : []);

// Interleaved rounds, so a burst of load elsewhere on the machine does not land on one tool.
const best = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(tools)) {
    if (round > 0 && once.has(name)) continue;
    const r = run();
    if (!best[name] || r.seconds < best[name].seconds) best[name] = r;
  }
}
const quarter = timed(process.execPath, [bin, "scan", join(tree, PARTS[0]), "--format", "json"], tree);
const mbps = (r, bytes = scannedBytes) => bytes / MiB / r.seconds;
if (best.keyward.bytes !== scannedBytes) console.log(`note: keyward reports ${best.keyward.bytes} bytes scanned, this bench counted ${scannedBytes}`);

// ---- start-up
const repo = join(work, "one-file");
execFileSync("git", ["init", "-q", repo]);
writeFileSync(join(repo, "index.js"), "export const answer = 42;\n");
execFileSync("git", ["add", "index.js"], { cwd: repo });
execFileSync(process.execPath, [bin, "install-hook"], { cwd: repo, stdio: "ignore" });
const hook = execFileSync("git", ["rev-parse", "--git-path", "hooks/pre-commit"], { cwd: repo, encoding: "utf8" }).trim();
function fastest(label, cmd, argv, cwd, ok = [0]) {
  let min = Infinity;
  for (let i = 0; i < startupRounds; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, argv, { cwd, stdio: "ignore" });
    const ms = performance.now() - t;
    if (!ok.includes(r.status)) throw new Error(`${label} exited ${r.status}`);
    min = Math.min(min, ms);
  }
  return min;
}
const nodeMs = fastest("node -e 0", process.execPath, ["-e", "0"], repo);
const scanMs = fastest("keyward scan", process.execPath, [bin, "scan", "."], repo);
const hookMs = fastest("pre-commit hook", join(repo, hook), [], repo);

// ---- in process, modules loaded (the figure earlier READMEs quoted)
const corpusDir = join(tmpdir(), `keyward-bench-corpus-${inProcessMb}mb`);
const corpus = ensureCorpus(corpusDir, inProcessMb);
let inProcess;
for (let i = 0; i < rounds; i++) {
  const r = JSON.parse(execFileSync(process.execPath, [here("./speed-worker.js"), "keyward", corpusDir], { encoding: "utf8" }));
  if (!inProcess || r.seconds < inProcess.seconds) inProcess = r;
}
const loadAtEnd = loadavg();
rmSync(work, { recursive: true, force: true });

// ---- report
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
console.log("");
console.log(`throughput on the real tree (${(scannedBytes / MiB).toFixed(1)} MiB in ${scanned.length.toLocaleString("en")} files, start-up included, wall clock, best of ${rounds}):`);
const row = (name, r, extra = "", bytes = scannedBytes) => console.log(`  ${name.padEnd(40)}${r.seconds.toFixed(2).padStart(7)} s ${mbps(r, bytes).toFixed(1).padStart(7)} MB/s ${r.cpuSeconds.toFixed(2).padStart(6)} s CPU ${String(r.findings).padStart(6)} ${extra.padEnd(16)} ${(r.maxRssKiB / 1024).toFixed(0).padStart(4)} MiB peak RSS`);
row(`keyward scan DIR (${cpus().length} threads)`, best.keyward, "findings");
row("grep -Fic, Keyward's keywords (floor)", best.grep, "files w/ keyword");
console.log(`  keyward / grep floor: ${ratio(mbps(best.keyward), mbps(best.grep))} the MB/s (target ≥ 0.50x: ${mbps(best.keyward) >= 0.5 * mbps(best.grep) ? "met" : "not met"}); keyward spends ${ratio(best.keyward.cpuSeconds, best.grep.cpuSeconds)} the CPU time grep does`);
if (best.secretlint) {
  console.log(`  on the peer subset (the first ${(peerBytes / MiB).toFixed(1)} MiB of those files, ${peerFiles.length.toLocaleString("en")} files${once.has("secretlint") ? "; secretlint run once" : ""}):`);
  row("keyward scan DIR", best["keyward (peer subset)"], "findings", peerBytes);
  row("secretlint CLI, recommended preset", best.secretlint, "findings", peerBytes);
  console.log(`  keyward / secretlint: ${ratio(mbps(best["keyward (peer subset)"], peerBytes), mbps(best.secretlint, peerBytes))} the MB/s`);
} else console.log("  secretlint: not installed (node_modules/secretlint), not measured");
console.log(`  planted fake tokens found by keyward: ${best.keyward.findings >= info.planted ? `all ${info.planted}` : `${best.keyward.findings}/${info.planted}`}`);
console.log(`  keyward peak RSS: ${(quarter.maxRssKiB / 1024).toFixed(0)} MiB on a quarter of the tree, ${(best.keyward.maxRssKiB / 1024).toFixed(0)} MiB on all of it`);
console.log(`  lines with a rule keyword: ${candidateLines.toLocaleString("en")} of ${totalLines.toLocaleString("en")} (${((100 * candidateLines) / totalLines).toFixed(0)}%); the keywords that wake rules on most lines (lines × rules):`);
for (const c of costliest) console.log(`    ${JSON.stringify(c.k).padEnd(12)} ${((100 * c.lines) / totalLines).toFixed(1).padStart(5)}% of lines  ${c.rules.slice(0, 4).join(", ")}${c.rules.length > 4 ? ` and ${c.rules.length - 4} more` : ""}`);
console.log("");
console.log(`start-up (best of ${startupRounds}):`);
console.log(`  node -e 0                                 ${nodeMs.toFixed(0).padStart(5)} ms`);
console.log(`  keyward scan, one-file repository         ${scanMs.toFixed(0).padStart(5)} ms  ${ratio(scanMs, nodeMs)} node -e 0 (target ≤ 2x: ${scanMs <= 2 * nodeMs ? "met" : "not met"})`);
console.log(`  pre-commit hook (scan --staged, one file) ${hookMs.toFixed(0).padStart(5)} ms  ${ratio(hookMs, nodeMs)} node -e 0 (target ≤ 2x: ${hookMs <= 2 * nodeMs ? "met" : "not met"})`);
console.log("");
console.log(`in process (modules loaded before the clock, runScan on ${corpus.files} pieces of 64 KiB, ${(inProcess.bytes / MiB).toFixed(0)} MiB): ${(inProcess.bytes / MiB / inProcess.seconds).toFixed(1)} MB/s, ${(inProcess.maxRssKiB / 1024).toFixed(0)} MiB peak RSS`);
console.log(`load average: ${loadAtStart} at the start, ${loadAtEnd} at the end`);
