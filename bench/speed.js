// npm run bench:speed — throughput of Keyward and secretlint on the same generated corpus, in
// the same run, each in its own process (one core each, run one after the other).
//
//   node bench/speed.js [--mb 100] [--peer-mb MB (default: the whole corpus)]
// secretlint is measured on the first --peer-mb of the same files (default: all of them); the
// ratio compares MB/s. Keyward's peak RSS is measured on the full corpus and on a quarter of it
// to show it does not grow with corpus size.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ensureCorpus } from "./corpus.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";

const args = process.argv.slice(2);
const num = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const mb = num("--mb", 100);
const peerMb = num("--peer-mb", mb);
// Outside the repository: inside it, git would treat the corpus as ignored files.
const dir = join(tmpdir(), `keyward-bench-corpus-${mb}mb`);
const worker = fileURLToPath(new URL("./speed-worker.js", import.meta.url));

console.log(`building corpus of ${mb} MB in ${dir} …`);
const corpus = ensureCorpus(dir, mb);
console.log(`corpus: ${corpus.files} files, ${(corpus.bytes / 1048576).toFixed(1)} MiB, ${corpus.planted} planted fake tokens`);

const run = (tool, where, maxFiles) => JSON.parse(execFileSync(process.execPath, [worker, tool, where, ...(maxFiles ? [String(maxFiles)] : [])], { encoding: "utf8", maxBuffer: 1 << 20 }));
const mbps = (r) => r.bytes / 1048576 / r.seconds;
const peerFiles = Math.max(1, Math.round((peerMb / mb) * corpus.files));

/** The first n files of the corpus in a directory of their own, for the same-input runs. */
function subset(n) {
  const sub = join(tmpdir(), `keyward-bench-subset-${mb}mb-${n}`);
  if (!existsSync(join(sub, ".complete"))) {
    rmSync(sub, { recursive: true, force: true });
    mkdirSync(sub, { recursive: true });
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".js")).sort().slice(0, n)) copyFileSync(join(dir, f), join(sub, f));
    writeFileSync(join(sub, ".complete"), "");
  }
  return sub;
}

const kw = run("keyward", dir);
const kwQuarter = run("keyward", subset(Math.round(corpus.files / 4)));
const peerDir = subset(peerFiles);
const peer = run("secretlint", peerDir);
const kwSame = run("keyward", peerDir);

const row = (name, r) => `${name.padEnd(34)}${(r.bytes / 1048576).toFixed(1).padStart(8)} MiB ${r.seconds.toFixed(2).padStart(8)} s ${mbps(r).toFixed(1).padStart(9)} MB/s ${String(r.findings).padStart(6)} findings ${(r.maxRssKiB / 1024).toFixed(0).padStart(6)} MiB RSS`;
console.log("");
console.log(row("keyward (full corpus, CLI path)", kw));
console.log(row("keyward (quarter of the corpus)", kwQuarter));
console.log(row(`keyward (first ${peerMb} MB, CLI path)`, kwSame));
console.log(row(`secretlint (first ${peerMb} MB)`, peer));
console.log("");
console.log(`throughput ratio keyward/secretlint on the same ${peerMb} MB: ${(mbps(kwSame) / mbps(peer)).toFixed(2)}x`);
console.log(`keyward full-corpus throughput: ${mbps(kw).toFixed(1)} MB/s; planted tokens found: ${kw.findings >= corpus.planted ? "all" : `${kw.findings}/${corpus.planted}`}`);
console.log(`keyward peak RSS: ${(kwQuarter.maxRssKiB / 1024).toFixed(0)} MiB on ${(kwQuarter.bytes / 1048576).toFixed(0)} MiB, ${(kw.maxRssKiB / 1024).toFixed(0)} MiB on ${(kw.bytes / 1048576).toFixed(0)} MiB`);
