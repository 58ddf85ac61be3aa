// One measured run in its own process so peak RSS belongs to one tool:
//   node bench/speed-worker.js keyward|secretlint DIR [MAX_FILES]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [tool, dir, maxFilesArg] = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith(".js")).sort();
const maxFiles = maxFilesArg ? Number(maxFilesArg) : files.length;
const chosen = files.slice(0, maxFiles);

let findings = 0;
let bytes = 0;
// Modules load before the clock starts: throughput, not process start-up, is measured.
const keyward = tool === "keyward" ? { ...(await import("../dist/scan.js")), ...(await import("../dist/config.js")) } : undefined;
const peer = tool === "secretlint" ? await import("./peers.js") : undefined;
const started = performance.now();
if (keyward) {
  const { runScan, DEFAULT_CONFIG } = keyward;
  if (maxFiles === files.length) {
    // The real CLI path: directory walk, file reads, scanning.
    const result = await runScan({ root: dir, target: { kind: "worktree" }, config: DEFAULT_CONFIG });
    findings = result.findings.length;
    bytes = result.stats.bytes;
  } else {
    const scanner = keyward.scannerFor(DEFAULT_CONFIG);
    for (const f of chosen) {
      const text = readFileSync(join(dir, f), "utf8");
      bytes += Buffer.byteLength(text);
      findings += scanner.scan({ path: f, text, startLine: 1 }).length;
    }
  }
} else if (peer) {
  const { secretlintCount } = peer;
  for (const f of chosen) {
    const text = readFileSync(join(dir, f), "utf8");
    bytes += Buffer.byteLength(text);
    findings += await secretlintCount(text, f);
  }
} else {
  console.error(`unknown tool ${tool}`);
  process.exit(2);
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ tool, files: chosen.length, bytes, seconds, findings, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
