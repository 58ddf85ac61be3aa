/**
 * Queue mode spreads an organisation's inventory sweep over the workers: one job for the
 * organisation, one per repository, one for the organisation's own identities once every
 * repository is done. Two real workers on the real Redis (a queue of this run's own) against
 * the GitHub stand-in open exactly the issues, and record exactly the reviews, that the same
 * sweep in one process does; restarted workers sweep the next day with nothing but 304s.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app/server.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceRecord, EvidenceStore } from "../../src/evidence/types.js";
import { deliveryQueue } from "../../src/queue/deliveries.js";
import { startWorker, type RunningWorker } from "../../src/queue/worker.js";
import { makeDeps } from "../../src/remediate/deps.js";
import { sweepInstallation } from "../../src/remediate/inventory-reviews.js";
import { deliver, testPrivateKey, WEBHOOK_SECRET } from "../helpers/app.js";
import { startGitHubOrg, type FakeIssue, type FakeOrg, type StandIn } from "../helpers/github-org.js";
import { plantedOrg } from "./orgs.js";

const REDIS_URL = process.env.KEYWARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const ORG = "acme-planted";
const INSTALLATION = 31337;
const silent = pino({ level: "silent" });
const noPacing = { wait: async () => undefined };

/**
 * The planted organisation and a dozen more repositories that share the organisation secret,
 * each with an owned secret of its own; every fourth has a write deploy key nothing needs.
 * (Few issues: GitHub's pacing of issue creation, one every 3 s, is real in the workers.)
 */
function org(): FakeOrg {
  const o = plantedOrg();
  o.collaborators = { alice: "write", bob: "read", carol: "read", "sec-lead": "write", maint: "maintain" };
  o.repos.find((r) => r.name === ".github")!.files![".github/keyward.yml"] += "  - secret: API_KEY\n    owners: ['@acme-planted/platform']\ninventory:\n  governance: ['@sec-lead']\n";
  for (let i = 0; i < 12; i++)
    o.repos.push({
      name: `service-${i}`,
      files: {
        ".github/workflows/ci.yml": `name: ci\non: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          SHARED_TOKEN: \${{ secrets.SHARED_TOKEN }}\n          API_KEY: \${{ secrets.API_KEY }}\n`,
        ".github/CODEOWNERS": `* @${ORG}/team-${i % 3}\n`,
      },
      secrets: [{ name: "API_KEY", created_at: "2026-11-01T00:00:00Z", updated_at: "2026-11-01T00:00:00Z" }],
      deployKeys: i % 4 === 0 ? [{ id: 900 + i, title: `deploy-${i}`, read_only: false, created_at: "2026-11-20T00:00:00Z", last_used: "2026-11-30T00:00:00Z", added_by: "alice" }] : [], // NOT OK: stale-deploy-key (write, unneeded)
    });
  return o;
}

/** What must be the same however the sweep ran: each issue, and each review record, without numbers, delivery ids or the stand-in's port. */
const issuesOf = (gh: StandIn) => gh.issues.map((i: FakeIssue) => JSON.stringify([i.repo, i.title, i.body, i.assignees, i.labels, i.state]).replaceAll(gh.url, "GITHUB")).sort();
const reviewsOf = (records: readonly EvidenceRecord[], gh: StandIn) =>
  records
    .filter((r) => r.event === "review-opened")
    .map((r) => JSON.stringify([r.installation, r.repository, r.fingerprint, r.actor, { ...r.details, issue: undefined }]).replaceAll(gh.url, "GITHUB"))
    .sort();

async function until(done: () => Promise<boolean>, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) if (await done()) return;
  throw new Error("timed out waiting for the queue");
}

describe("queue mode: the inventory sweep, one job per repository", () => {
  const queueName = `keyward-inventory-${randomUUID()}`;
  const cachePrefix = `keyward-test-cache:${randomUUID()}:`;
  let today = "2026-12-01";
  const now = () => new Date(`${today}T09:00:00Z`);
  let dir: string;
  let inline: { gh: StandIn; store: EvidenceStore };
  let queued: { gh: StandIn; store: EvidenceStore };
  let receiver: { url: string; stop: () => Promise<void> };
  let workers: RunningWorker[] = [];
  const startWorkers = async () => {
    workers = await Promise.all(
      [1, 2].map(() => startWorker({ redisUrl: REDIS_URL, appId: 1234, privateKey: testPrivateKey(), baseUrl: queued.gh.url, store: queued.store, queueName, cachePrefix, workdir: dir, log: silent, pacer: noPacing, now, concurrency: 1, lockDurationMs: 10_000 })),
    );
  };
  const processed = async (w: RunningWorker, event: string) => (await w.metrics.processed.get()).values.find((v) => v.labels.event === event)?.value ?? 0;
  const sweepDone = async (day: string) => {
    const q = deliveryQueue(REDIS_URL, queueName);
    try {
      const job = await q.getJob(`inventory-organisation.${INSTALLATION}.${day}`);
      return (await job?.getState()) === "completed";
    } finally {
      await q.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-inventory-queue-"));
    inline = { gh: await startGitHubOrg(org()), store: await openEvidenceStore({ sqlitePath: join(dir, "inline.db") }) };
    queued = { gh: await startGitHubOrg(org()), store: await openEvidenceStore({ sqlitePath: join(dir, "queued.db") }) };
    const app = await startApp({ appId: 1234, privateKey: testPrivateKey(), webhookSecret: WEBHOOK_SECRET, port: 0, store: queued.store, redisUrl: REDIS_URL, queueName, baseUrl: queued.gh.url, log: silent, reviewEveryMs: 0 });
    receiver = { url: `http://127.0.0.1:${app.port}`, stop: app.stop };
    await startWorkers();
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await receiver.stop();
    const q = deliveryQueue(REDIS_URL, queueName);
    await q.obliterate({ force: true });
    await q.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${cachePrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    for (const side of [inline, queued]) {
      await side.store.close();
      await side.gh.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens the same issues and records the same reviews as the sweep in one process, with both workers sharing the repositories", { timeout: 240_000 }, async () => {
    const probot = new Probot({ appId: 1234, privateKey: testPrivateKey(), baseUrl: inline.gh.url, log: silent as never, Octokit: ProbotOctokit.defaults({ throttle: { enabled: false } }) as never });
    const outcome = await sweepInstallation(await probot.auth(INSTALLATION), makeDeps({ store: inline.store, now, pacer: noPacing }), { id: INSTALLATION, account: ORG }, silent as never, `inventory:${today}`);
    expect(outcome.opened).toBeGreaterThan(15);

    const res = await deliver({ url: receiver.url, workdir: dir, logs: [], stop: receiver.stop }, "installation", { action: "created", installation: { id: INSTALLATION, account: { login: ORG, type: "Organization" } }, repositories: [], sender: { login: "admin" } });
    expect(res.status).toBe(200);
    await until(() => sweepDone(today), 200_000);

    expect(issuesOf(queued.gh)).toEqual(issuesOf(inline.gh));
    expect(reviewsOf(await queued.store.records(), queued.gh)).toEqual(reviewsOf(await inline.store.records(), inline.gh));
    expect(queued.gh.issues).toHaveLength(outcome.opened);
    // 16 repository jobs, shared: each worker took some.
    const perWorker = await Promise.all(workers.map((w) => processed(w, "keyward.inventory-repository")));
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(16);
    for (const n of perWorker) expect(n).toBeGreaterThan(0);
  });

  it("sweeps the next day, after the workers restart, with nothing but 304s and nothing opened twice", { timeout: 240_000 }, async () => {
    for (const w of workers) await w.close();
    await startWorkers();
    today = "2026-12-02";
    queued.gh.resetCounts();
    const issues = queued.gh.issues.length;
    await deliver({ url: receiver.url, workdir: dir, logs: [], stop: receiver.stop }, "installation", { action: "created", installation: { id: INSTALLATION, account: { login: ORG, type: "Organization" } }, repositories: [], sender: { login: "admin" } });
    await until(() => sweepDone(today), 200_000);
    expect(queued.gh.counts.notModified).toBeGreaterThan(16 * 5);
    expect(queued.gh.counts.chargedReads).toBe(0);
    expect(queued.gh.issues.length).toBe(issues);
  });
});
