import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app/server.js";
import { LightGitHub } from "../helpers/light-github.js";
import { verifyChain } from "../../src/evidence/chain.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { deliveryQueue } from "../../src/queue/deliveries.js";
import { startWorker, type RunningWorker } from "../../src/queue/worker.js";
import { deliver, testPrivateKey, WEBHOOK_SECRET, type RunningApp } from "../helpers/app.js";
import { pushPayload, repository } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";
import { dropSchema, until } from "../helpers/wait.js";

const REDIS_URL = process.env.KEYWARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const DATABASE_URL = process.env.KEYWARD_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
const silent = pino({ level: "silent" });


describe("queue mode: Redis queue, stateless workers, PostgreSQL evidence", () => {
  const queueName = `keyward-test-${randomUUID()}`;
  const schema = `kw_queue_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  let github: LightGitHub;
  let store: EvidenceStore;
  let receiver: { url: string; stop: () => Promise<void> };
  let workdir: string;
  const workers: RunningWorker[] = [];
  const children: ChildProcess[] = [];

  const workerOptions = () => ({ redisUrl: REDIS_URL, appId: 1234, privateKey: testPrivateKey(), baseUrl: github.url, store, queueName, workdir, log: silent, lockDurationMs: 2_000, pacer: { wait: async () => undefined } });

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "keyward-queue-"));
    github = new LightGitHub();
    await github.start();
    store = await openEvidenceStore({ databaseUrl: DATABASE_URL, schema });
    const app = await startApp({ appId: 1234, privateKey: testPrivateKey(), webhookSecret: WEBHOOK_SECRET, port: 0, store, redisUrl: REDIS_URL, queueName, log: silent, reviewEveryMs: 0 });
    receiver = { url: `http://127.0.0.1:${app.port}`, stop: app.stop };
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    for (const w of workers) await w.close();
    await receiver.stop();
    const q = deliveryQueue(REDIS_URL, queueName);
    await q.obliterate({ force: true });
    await q.close();
    await store.close();
    await dropSchema(DATABASE_URL, schema);
    await github.stop();
    rmSync(workdir, { recursive: true, force: true });
  });

  const asApp = (): RunningApp => ({ url: receiver.url, workdir, logs: [], stop: receiver.stop });

  it("answers at once, queues each delivery under its id, and does not queue a redelivery twice", async () => {
    const payload = { ...pushPayload({ before: "a".repeat(40), after: "b".repeat(40), ref: "refs/heads/feature", commits: [{ id: "b".repeat(40) }] }), installation: { id: 1 } };
    const first = await deliver(asApp(), "push", payload, { id: "delivery-dup-1" });
    const again = await deliver(asApp(), "push", payload, { id: "delivery-dup-1" });
    expect([first.status, again.status]).toEqual([200, 200]);
    const q = deliveryQueue(REDIS_URL, queueName);
    const counts = await q.getJobCounts("waiting", "active", "completed", "delayed");
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
    const health = await (await fetch(`${receiver.url}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", mode: "queue" });
    const metrics = await (await fetch(`${receiver.url}/metrics`)).text();
    expect(metrics).toMatch(/keyward_deliveries_queued_total\{event="push",role="receiver"\} 1/);
    expect(metrics).toMatch(/keyward_deliveries_duplicate_total\{role="receiver"\} 1/);
    // A worker processes it: the check run completes on the stand-in.
    workers.push(await startWorker(workerOptions()));
    await until("the queued delivery's check run", () => github.checkRuns.some((c) => c.head_sha === "b".repeat(40) && c.status === "completed"), 60_000);
    // The worker's metrics time its scan; the receiver scans nothing.
    expect(await workers[0]!.metrics.registry.metrics()).toMatch(/^keyward_scan_seconds_count\{role="worker"\} 1$/m);
    expect(metrics).toMatch(/^keyward_scan_seconds_count\{role="receiver"\} 0$/m);
    await q.close();
  });

  it("finishes a delivery whose worker was killed mid-job, with one issue and an intact chain", async () => {
    for (const w of workers.splice(0)) await w.close();
    const token = githubToken();
    const head = "d".repeat(40);
    // This commit's patch takes a while to fetch: long enough to kill the worker in the middle.
    const slow = new LightGitHub({ patches: { [head]: { filename: "config/prod.env", patch: `@@ -0,0 +1 @@\n+TOKEN=${token}` } }, delays: [{ path: /\/commits\//, ms: 3_000 }] });
    await slow.start();
    const child = spawn(process.execPath, [bin, "worker", "--metrics-port", "0"], {
      env: { ...process.env, REDIS_URL, APP_ID: "1234", PRIVATE_KEY: testPrivateKey(), GITHUB_API_URL: slow.url, DATABASE_URL, KEYWARD_DB_SCHEMA: schema, KEYWARD_QUEUE: queueName, KEYWARD_LOCK_MS: "2000", KEYWARD_FINGERPRINT_KEY: "queue-test-fingerprint-key", LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    children.push(child);
    const res = await deliver(asApp(), "push", { ...pushPayload({ before: "c".repeat(40), after: head, ref: "refs/heads/main", commits: [{ id: head }] }, repository({ full_name: "acme/widgets" })), installation: { id: 7 } });
    expect(res.status).toBe(200);
    await until("the first worker to start the job", () => slow.checkRuns.length > 0, 30_000);
    child.kill("SIGKILL");
    // Another worker picks the stalled job up once its lock has expired.
    workers.push(await startWorker({ ...workerOptions(), baseUrl: slow.url }));
    await until("the second worker to finish", () => slow.checkRuns.some((c) => c.head_sha === head && c.status === "completed"), 45_000);
    await until("the issue", () => slow.issues.length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(slow.issues).toHaveLength(1);
    expect(JSON.stringify(slow.issues)).not.toContain(token.slice(4));
    // This delivery's records (the first test's push left a heartbeat for the same repository).
    const records = (await store.records({ repository: "acme/widgets" })).filter((r) => r.deliveryId === res.id && r.event !== "config-recorded");
    expect(records.map((r) => r.event)).toEqual(["detected", "issue-opened", "assigned", "scanned"]);
    expect(verifyChain(await store.records())).toEqual({ ok: true });
    for (const w of workers.splice(0)) await w.close();
    await slow.stop();
  }, 120_000);

  it("processes a burst of 1,000 deliveries with two workers: nothing lost, nothing twice", async () => {
    const burst = new LightGitHub();
    await burst.start();
    workers.push(await startWorker({ ...workerOptions(), baseUrl: burst.url, concurrency: 16 }));
    workers.push(await startWorker({ ...workerOptions(), baseUrl: burst.url, concurrency: 16 }));
    const N = Number(process.env.KEYWARD_BURST ?? 1_000);
    const started = Date.now();
    const statuses: number[] = [];
    // Each delivery from its own installation: GitHub paces writes per installation.
    for (let i = 0; i < N; i += 50) {
      const batch = Array.from({ length: Math.min(50, N - i) }, (_, k) => i + k);
      statuses.push(...(await Promise.all(batch.map((n) => deliver(asApp(), "push", { ...pushPayload({ before: "e".repeat(40), after: (n + 1).toString(16).padStart(40, "0"), ref: "refs/heads/feature", commits: [{ id: (n + 1).toString(16).padStart(40, "0") }] }), installation: { id: 10_000 + n } }).then((r) => r.status)))));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    await until("every delivery's check run to complete", () => burst.checkRuns.filter((c) => c.status === "completed").length >= N, 300_000);
    const heads = new Set(burst.checkRuns.map((c) => c.head_sha));
    expect(heads.size).toBe(N);
    expect(burst.checkRuns.filter((c) => c.status === "completed")).toHaveLength(N);
    const q = deliveryQueue(REDIS_URL, queueName);
    expect(await q.getJobCounts("failed")).toEqual({ failed: 0 });
    await q.close();
    console.log(`burst: ${N} deliveries processed by 2 workers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await burst.stop();
  }, 400_000);
});
