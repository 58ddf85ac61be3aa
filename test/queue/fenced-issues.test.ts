/**
 * The fence where it matters: the issue step of a worker that stalled past its Redis lease
 * (and lost the repository's issue lock to another worker meanwhile) sends no issue when it
 * resumes. Real Redis, real Octokit against nock; the stall freezes the event loop, as a long
 * GC pause would, so no lease renewal can run.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import nock from "nock";
import { ProbotOctokit } from "probot";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import { redisLocks } from "../../src/queue/redis-lock.js";
import { makeDeps } from "../../src/remediate/deps.js";
import { syncIssues } from "../../src/remediate/issues.js";
import { LockLostError } from "../../src/remediate/locks.js";
import { repoRef, type Octokit, type Services } from "../../src/remediate/types.js";
import { occurrenceOf } from "../../src/report/issue.js";
import { OWNER, REPO, repository } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";

const REDIS_URL = process.env.KEYWARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const API = "https://api.github.com";
const dir = mkdtempSync(join(tmpdir(), "keyward-fenced-"));
const redis = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
afterAll(() => {
  for (const r of redis) r.disconnect();
  rmSync(dir, { recursive: true, force: true });
  nock.cleanAll();
});

describe("the issue step under a fenced lock", () => {
  it("opens no issue once a stalled worker's lock was taken by another", async () => {
    const prefix = `keyward-test:${randomUUID()}:`;
    const store = await openEvidenceStore({ sqlitePath: join(dir, "evidence.db") });
    const rival = redisLocks(redis[1]!, { ttlMs: 5_000, pollMs: 10, prefix });
    let rivalIn!: () => void;
    const rivalHolds = new Promise<void>((r) => (rivalIn = r));
    let rivalRun: Promise<void> | undefined;
    const stall = async () => {
      const until = Date.now() + 600; // three leases of 200 ms, with the event loop frozen
      while (Date.now() < until);
      rivalRun = rival.withLock(`issues:${OWNER}/${REPO}`, async () => rivalIn());
      await rivalHolds;
    };
    const deps = makeDeps({ store, locks: redisLocks(redis[0]!, { ttlMs: 200, pollMs: 10, prefix }), pacer: { wait: stall } });
    let created = false;
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/issues`).query(true).reply(200, [])
      .get(/\/contents\//).query(true).times(5).optionally().reply(404)
      .post(`/repos/${OWNER}/${REPO}/issues`).optionally().reply(201, () => ((created = true), { number: 1, html_url: "https://github.com/acme/widgets/issues/1" }));
    const octokit = new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } } as never) as unknown as Octokit;
    const s: Services = { octokit, repo: repoRef(repository(), { id: 42 }), deps, log: pino({ level: "silent" }), deliveryId: randomUUID() };
    const finding = new Scanner({ rules: ALL_RULES }).scan({ path: "src/client.js", text: `const t = "${githubToken()}";`, startLine: 1 })[0]!;

    await expect(syncIssues(s, [finding], { occurrence: (f) => occurrenceOf(f, "a".repeat(40)), labels: [] })).rejects.toBeInstanceOf(LockLostError);
    await rivalRun;
    expect(created).toBe(false);
    expect((await store.records()).map((r) => r.event)).toEqual(["detected"]); // found, but no issue recorded: none was written
    await store.close();
  });
});
