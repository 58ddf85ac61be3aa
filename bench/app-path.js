// npm run bench:app-path — the App's scan of a push's added lines (the patches GitHub's REST API
// returns per file), before and after reading them in place, in one run on the same patches:
//
//   before: bench/per-line-patch.js — the patch split into lines, a chunk per run of added lines
//   after:  src/ingest/patch.ts + Scanner.scanPatch — runs read where they lie in the patch
//
//   node bench/app-path.js [--files 3000] [--rounds 5]
// The patches are made from real dependency code (this repository's node_modules, in a fixed
// order): every other file added whole (a new file), the others edited in hunks of two
// context lines, two removed and five added lines every 40 lines. Both ways run in this one
// process, alternating, with the same scanner; the best round of each counts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { perLineChunks } from "./per-line-patch.js";

const args = process.argv.slice(2);
const num = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const maxFiles = num("--files", 3000);
const rounds = num("--rounds", 5);

const { patchRuns } = await import("../dist/ingest/patch.js");
const { scannerFor } = await import("../dist/scan.js");
const { DEFAULT_CONFIG } = await import("../dist/config.js");

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (files.length >= maxFiles) return;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(c?js|mjs|ts|json|md)$/.test(e.name) && statSync(p).size < 512 * 1024) files.push(p);
  }
};
walk(new URL("../node_modules", import.meta.url).pathname);

let addedLines = 0;
const patches = files.map((file, i) => {
  const path = file.slice(file.indexOf("node_modules/"));
  const lines = readFileSync(file, "utf8").split("\n");
  if (i % 2 === 0) {
    addedLines += lines.length;
    return { path, patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}` };
  }
  const out = [];
  for (let k = 0; k + 8 <= lines.length; k += 40) {
    out.push(`@@ -${k + 1},5 +${k + 1},8 @@`, ` ${lines[k]}`, ` ${lines[k + 1]}`, "-removed one", "-removed two");
    for (let j = 2; j < 7; j++) out.push(`+${lines[k + j]}`);
    out.push(` ${lines[k + 7]}`);
    addedLines += 5;
  }
  return { path, patch: out.join("\n") };
});
const patchBytes = patches.reduce((n, p) => n + Buffer.byteLength(p.patch), 0);

const scanner = scannerFor(DEFAULT_CONFIG);
const ways = {
  "before: a string per line, a chunk per run": () => {
    let n = 0;
    for (const p of patches) for (const chunk of perLineChunks(p.path, p.patch)) n += scanner.scan(chunk).length;
    return n;
  },
  "after: runs read in place (scanPatch)": () => {
    let n = 0;
    for (const p of patches) n += scanner.scanPatch(patchRuns(p.path, p.patch)).length;
    return n;
  },
};
const best = {};
const findings = {};
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(ways)) {
    const t = performance.now();
    findings[name] = run();
    const s = (performance.now() - t) / 1000;
    best[name] = Math.min(best[name] ?? Infinity, s);
  }
}
const [before, after] = Object.keys(ways);
if (findings[before] !== findings[after]) throw new Error(`the two ways disagree: ${findings[before]} vs ${findings[after]} findings`);
console.log(`${patches.length} patches from real dependency code: ${addedLines.toLocaleString("en")} added lines, ${(patchBytes / 1048576).toFixed(1)} MiB of patch text; best of ${rounds} rounds, one process; load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
for (const name of Object.keys(ways)) console.log(`${name.padEnd(46)} ${(best[name] * 1000).toFixed(0).padStart(6)} ms ${Math.round(addedLines / best[name]).toLocaleString("en").padStart(12)} lines/s  ${findings[name]} findings`);
console.log(`after/before: ${(best[before] / best[after]).toFixed(2)}x the lines per second`);
