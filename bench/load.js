// npm run bench:load — queue mode under a burst: how fast the receiver accepts signed
// deliveries over loopback HTTP, and how fast 1, 2 and 4 worker processes finish them end to
// end against a local stand-in for GitHub's API (test/helpers/light-github.ts), with p50/p99
// latency from delivery to check-run completion. Needs Redis and PostgreSQL (scripts/services.sh).
//
//   node bench/load.js [--deliveries 600] [--workers 1,2,4] [--concurrency 8]
import { spawn } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import pg from "pg";
import pino from "pino";
import { startApp } from "../dist/app/server.js";
import { openEvidenceStore } from "../dist/evidence/open.js";
import { deliveryQueue } from "../dist/queue/deliveries.js";

// The stand-in is test code (it does not ship in dist/): compiled from its TypeScript here.
const helperDir = mkdtempSync(join(tmpdir(), "keyward-bench-"));
const helper = join(helperDir, "light-github.mjs");
await build({ entryPoints: [fileURLToPath(new URL("../test/helpers/light-github.ts", import.meta.url))], outfile: helper, format: "esm", platform: "node", bundle: true, logLevel: "error" });
const { LightGitHub } = await import(pathToFileURL(helper).href);
rmSync(helperDir, { recursive: true, force: true });

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const N = Number(opt("--deliveries", 600));
const workerCounts = opt("--workers", "1,2,4").split(",").map(Number);
const concurrency = Number(opt("--concurrency", 8));
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SECRET = "load-bench-secret";
const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function payload(n) {
  const sha = (n + 1).toString(16).padStart(40, "0");
  return {
    ref: "refs/heads/feature",
    before: "e".repeat(40),
    after: sha,
    created: false,
    deleted: false,
    forced: false,
    commits: [{ id: sha, added: [], modified: ["README.md"], removed: [] }],
    repository: { id: 1, name: "widgets", full_name: "acme/widgets", owner: { login: "acme" }, private: true, html_url: "https://github.com/acme/widgets", default_branch: "main" },
    // One installation per delivery: GitHub paces writes per installation, as Keyward does.
    installation: { id: 100_000 + n },
    sender: { login: "load" },
  };
}

async function run(workers) {
  const queueName = `keyward-load-${randomUUID()}`;
  const schema = `kw_load_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const github = new LightGitHub();
  await github.start();
  const store = await openEvidenceStore({ databaseUrl: DATABASE_URL, schema });
  const receiver = await startApp({ appId: 1, privateKey, webhookSecret: SECRET, port: 0, store, redisUrl: REDIS_URL, queueName, log: pino({ level: "silent" }), reviewEveryMs: 0 });
  const url = `http://127.0.0.1:${receiver.port}/api/github/webhooks`;
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, [bin, "worker", "--concurrency", String(concurrency), "--metrics-port", "0"], {
      env: { ...process.env, REDIS_URL, APP_ID: "1", PRIVATE_KEY: privateKey, GITHUB_API_URL: github.url, DATABASE_URL, KEYWARD_DB_SCHEMA: schema, KEYWARD_QUEUE: queueName, LOG_LEVEL: "silent" },
      stdio: "ignore",
    }),
  );
  await new Promise((r) => setTimeout(r, 1500)); // workers connect
  const sentAt = new Map();
  const started = performance.now();
  let next = 0;
  const send = async () => {
    while (next < N) {
      const n = next++;
      const body = JSON.stringify(payload(n));
      sentAt.set((n + 1).toString(16).padStart(40, "0"), Date.now());
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": randomUUID(), "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}` }, body });
      await res.text();
      if (res.status !== 200) throw new Error(`receiver answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: 50 }, send));
  const acceptedIn = (performance.now() - started) / 1000;
  const deadline = Date.now() + 600_000;
  while (github.checkRuns.filter((c) => c.status === "completed").length < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const done = github.checkRuns.filter((c) => c.status === "completed");
  const processedIn = (Math.max(...done.map((c) => c.completedAt)) - Math.min(...sentAt.values())) / 1000;
  const latencies = done.map((c) => c.completedAt - sentAt.get(c.head_sha));
  const queue = deliveryQueue(REDIS_URL, queueName);
  const failed = (await queue.getJobCounts("failed")).failed;
  for (const c of children) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await queue.obliterate({ force: true });
  await queue.close();
  await receiver.stop();
  await store.close();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
  await github.stop();
  return { workers, accepted: N / acceptedIn, processed: done.length / processedIn, done: done.length, failed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

console.log(`${N} signed push deliveries, each from its own installation; workers with concurrency ${concurrency}; Redis ${REDIS_URL}; evidence in PostgreSQL`);
console.log("workers  accepted/s  processed/s  completed  failed  p50 latency  p99 latency");
for (const w of workerCounts) {
  const r = await run(w);
  console.log(`${String(r.workers).padStart(7)}  ${r.accepted.toFixed(0).padStart(10)}  ${r.processed.toFixed(1).padStart(11)}  ${String(r.done).padStart(9)}  ${String(r.failed).padStart(6)}  ${(r.p50 / 1000).toFixed(2).padStart(9)} s  ${(r.p99 / 1000).toFixed(2).padStart(9)} s`);
}
