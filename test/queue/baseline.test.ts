import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app/server.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { deliveryQueue } from "../../src/queue/deliveries.js";
import { startWorker, type RunningWorker } from "../../src/queue/worker.js";
import { deliver, testPrivateKey, WEBHOOK_SECRET } from "../helpers/app.js";
import { repository } from "../helpers/payloads.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { githubToken } from "../helpers/tokens.js";

const REDIS_URL = process.env.KEYWARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const API = "https://api.github.com";

describe("queue mode: installation baselines as per-repository jobs, paced by the rate limit", () => {
  const queueName = `keyward-baseline-${randomUUID()}`;
  let store: EvidenceStore;
  let dir: string;
  let origin: TempRepo;
  let receiver: { url: string; stop: () => Promise<void> };
  let worker: RunningWorker;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-baseline-"));
    store = await openEvidenceStore({ sqlitePath: join(dir, "e.db") });
    origin = tempRepo();
    origin.write("deploy/.env", `GITHUB_TOKEN=${githubToken()}\n`);
    origin.commit("initial");
    const app = await startApp({ appId: 1234, privateKey: testPrivateKey(), webhookSecret: WEBHOOK_SECRET, port: 0, store, redisUrl: REDIS_URL, queueName, log: pino({ level: "silent" }), reviewEveryMs: 0 });
    receiver = { url: `http://127.0.0.1:${app.port}`, stop: app.stop };
    worker = await startWorker({ redisUrl: REDIS_URL, appId: 1234, privateKey: testPrivateKey(), store, queueName, workdir: dir, log: pino({ level: "silent" }), pacer: { wait: async () => undefined }, lockDurationMs: 5_000 });
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await worker.close();
    await receiver.stop();
    const q = deliveryQueue(REDIS_URL, queueName);
    await q.obliterate({ force: true });
    await q.close();
    await store.close();
    origin.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("queues one job per repository, waits for the rate limit to reset, then opens the issue once", async () => {
    const repo = repository({ clone_url: `file://${origin.dir}` });
    const resetAt = Math.ceil(Date.now() / 1000) + 2;
    let firstLook = 0;
    let secondLook = 0;
    const created: number[] = [];
    nock(API)
      .post(/\/app\/installations\/\d+\/access_tokens/).times(5).optionally().reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
      // First look: almost no requests left until the reset, so the baseline waits.
      .get("/repos/acme/widgets").reply(() => ((firstLook = Date.now()), [200, repo, { "x-ratelimit-remaining": "3", "x-ratelimit-reset": String(resetAt) }]))
      .get("/repos/acme/widgets").reply(() => ((secondLook = Date.now()), [200, repo, { "x-ratelimit-remaining": "4990", "x-ratelimit-reset": String(resetAt + 3600) }]))
      .get(/\/contents\//).query(true).times(20).optionally().reply(404)
      .get("/repos/acme/.github/contents/.github%2Fkeyward.yml").optionally().reply(404)
      .get("/repos/acme/widgets/issues").query(true).reply(200, [])
      .get(/\/assignees\//).times(3).optionally().reply(404)
      .post("/repos/acme/widgets/issues").reply(() => (created.push(Date.now()), [201, { number: 1, html_url: "https://github.com/acme/widgets/issues/1" }]));
    const payload = { action: "created", installation: { id: 77, account: { login: "acme" } }, repositories: [{ full_name: "acme/widgets", name: "widgets" }], sender: { login: "admin" } };
    const res = await deliver({ url: receiver.url, workdir: dir, logs: [], stop: receiver.stop }, "installation", payload, { id: "install-delivery-1" });
    expect(res.status).toBe(200);
    for (let i = 0; i < 300 && created.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(created).toHaveLength(1);
    expect(firstLook).toBeGreaterThan(0);
    expect(secondLook).toBeGreaterThanOrEqual(resetAt * 1000);
    const q = deliveryQueue(REDIS_URL, queueName);
    const baselineJob = await q.getJob("baseline:install-delivery-1:acme/widgets");
    expect(baselineJob).toBeDefined();
    await q.close();
    // No CODEOWNERS and no GitHub author for a baseline: the finding is recorded as unowned.
    const records = (await store.records()).filter((r) => r.event !== "config-recorded");
    expect(records.map((r) => r.event)).toEqual(["detected", "issue-opened", "redetected", "scanned"]);
    expect(records[2]!.details).toMatchObject({ unowned: true });
    // The baseline's heartbeat: the default branch's head, scanned whole; its records keyed by the repository.
    expect(records[3]).toMatchObject({ repository: "acme/widgets", deliveryId: "install-delivery-1:acme/widgets", details: { ref: "main", headSha: expect.stringMatching(/^[0-9a-f]{40}$/), secrets: 1, conclusion: "baseline" } });
  }, 60_000);
});
