/**
 * `keyward worker`: takes deliveries off the queue and runs the same App handlers on them,
 * with bounded concurrency. Workers are stateless: any number, on any number of machines,
 * share the queue, the PostgreSQL evidence store and the Redis locks. A worker that dies
 * mid-delivery loses its lock; BullMQ hands the stalled job to another worker, and the
 * idempotent handlers finish it without doing anything twice.
 */
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { DelayedError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { Probot, type Logger } from "probot";
import type { EvidenceStore } from "../evidence/types.js";
import { keywardApp } from "../app/index.js";
import { scheduledReviews } from "../remediate/access-reviews.js";
import { scheduledInventory } from "../remediate/inventory-reviews.js";
import { baselineRepository } from "../remediate/baseline.js";
import { makeDeps } from "../remediate/deps.js";
import { loadRepoConfig } from "../remediate/github/repo-files.js";
import { repoRef, type Services } from "../remediate/types.js";
import { createMetrics, recordScans, type Metrics } from "./metrics.js";
import { DELIVERY_QUEUE, deliveryQueue, enqueueBaseline, redisConnection, type BaselineJob, type DeliveryJob } from "./deliveries.js";
import { redisBudgets } from "./redis-budget.js";
import { redisLocks } from "./redis-lock.js";
import { redisResponseCache } from "./response-cache.js";
import { enqueueInventory, inventoryWorker } from "./inventory-jobs.js";

export interface WorkerOptions {
  readonly redisUrl: string;
  readonly appId: number | string;
  readonly privateKey: string;
  readonly baseUrl?: string;
  readonly store: EvidenceStore;
  readonly concurrency?: number;
  readonly workdir?: string;
  readonly hashKey?: string;
  readonly log?: Logger;
  readonly metrics?: Metrics;
  /** How long a job's lock lasts without renewal: a dead worker's job is picked up after it. */
  readonly lockDurationMs?: number;
  readonly queueName?: string;
  /** Redis key prefix of the inventory's ETag cache (default keyward:github-cache:), so tests and deployments can share a Redis. */
  readonly cachePrefix?: string;
  /** Redis key prefix of the shared rate budgets (default keyward:budget:): write pacing per installation, revocations. */
  readonly budgetPrefix?: string;
  readonly now?: () => Date;
  readonly pacer?: { wait(): Promise<void> };
  /** Below this many API requests left, a baseline waits for the rate-limit window to reset. */
  readonly minRateRemaining?: number;
}

export interface RunningWorker {
  readonly metrics: Metrics;
  close(): Promise<void>;
}

export async function startWorker(o: WorkerOptions): Promise<RunningWorker> {
  const metrics = o.metrics ?? createMetrics("worker");
  const workdir = o.workdir ?? tmpdir();
  await mkdir(workdir, { recursive: true });
  const redis = new Redis(redisConnection(o.redisUrl) as never);
  const queue = deliveryQueue(o.redisUrl, o.queueName);
  const probot = new Probot({ appId: o.appId, privateKey: o.privateKey, secret: "unused-by-workers", ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}), ...(o.log ? { log: o.log } : {}) });
  const deps = makeDeps({
    store: o.store,
    workdir,
    ...(o.now ? { now: o.now } : {}),
    ...(o.hashKey ? { hashKey: o.hashKey } : {}),
    ...(o.pacer ? { pacer: o.pacer } : {}),
    locks: redisLocks(redis),
    // The limits are the App's, not this worker's: every worker counts in the same Redis budgets.
    budgets: redisBudgets(redis, o.budgetPrefix ? { prefix: o.budgetPrefix } : {}),
    // BullMQ hands a job to one worker at a time (a stalled one is retaken after its lock lapses).
    deliveryLeaseMs: 0,
    // Shared by every worker and kept across restarts; keyed by installation, never by token.
    responseCaches: async (installation) => redisResponseCache(redis, installation, o.cachePrefix ? { prefix: o.cachePrefix } : {}),
    enqueueBaseline: (j) => enqueueBaseline(queue, { ...j, receivedAt: Date.now() }),
    // An installation's inventory sweep: one job for the organisation, then one per repository.
    enqueueInventory: async (j) => void (await enqueueInventory(queue, { ...j, day: (o.now ?? (() => new Date()))().toISOString().slice(0, 10), receivedAt: Date.now() })),
    onScanned: recordScans(metrics),
  });
  await probot.load(keywardApp(deps));
  const inventory = inventoryWorker({ probot, deps, redisUrl: o.redisUrl, queueName: o.queueName ?? DELIVERY_QUEUE });
  const minRemaining = o.minRateRemaining ?? 100;

  const baseline = async (job: Job<BaselineJob>, token: string | undefined) => {
    const octokit = await probot.auth(job.data.installationId);
    const [owner, name] = job.data.repository.split("/") as [string, string];
    const { data, headers } = await octokit.rest.repos.get({ owner, repo: name });
    // Pace installation-wide baselines by what is left of the installation's rate limit.
    const remaining = Number(headers["x-ratelimit-remaining"] ?? Number.POSITIVE_INFINITY);
    const reset = Number(headers["x-ratelimit-reset"] ?? 0) * 1000;
    if (remaining < minRemaining && reset > Date.now()) {
      await job.moveToDelayed(reset + 1000, token);
      throw new DelayedError();
    }
    const s: Services = { octokit, repo: repoRef(data as never, { id: job.data.installationId }), deps, log: probot.log, deliveryId: job.data.deliveryId };
    const result = await baselineRepository(s, await loadRepoConfig(octokit, s.repo, s.repo.defaultBranch));
    probot.log.info({ delivery: job.data.deliveryId, ...result }, "baseline scan done");
  };

  const worker = new Worker<DeliveryJob | BaselineJob>(
    o.queueName ?? DELIVERY_QUEUE,
    async (job, token) => {
      if (job.attemptsMade === 0) metrics.queueLatency.observe(Math.max(0, Date.now() - job.data.receivedAt) / 1000);
      const end = metrics.processing.startTimer({ event: job.name });
      try {
        const swept = await inventory.process(job);
        if (swept.handled) return swept.value;
        if (job.name === "keyward.baseline") await baseline(job as Job<BaselineJob>, token);
        else if (job.name === "keyward.reviews") {
          await scheduledReviews(probot, deps);
          // The reviews are done; each installation's inventory sweep is queued as its own job.
          await scheduledInventory(probot, deps).catch((err: Error) => probot.log.warn({ err: err.message }, "scheduled inventory sweep failed"));
        }
        else await probot.receive({ id: job.id!, name: job.name as never, payload: (job.data as DeliveryJob).payload as never });
      } finally {
        end();
      }
    },
    {
      connection: redisConnection(o.redisUrl),
      concurrency: o.concurrency ?? 4,
      lockDuration: o.lockDurationMs ?? 30_000,
      // A dead worker's jobs are looked for as often as its locks can expire.
      stalledInterval: o.lockDurationMs ?? 30_000,
      maxStalledCount: 3,
    },
  );
  worker.on("completed", (job) => metrics.processed.inc({ event: job.name }));
  worker.on("failed", (job, err) => {
    if (err instanceof DelayedError) return;
    metrics.failed.inc({ event: job?.name ?? "unknown" });
    probot.log.warn({ delivery: job?.id, attempts: job?.attemptsMade, err: err.message }, "delivery attempt failed");
  });
  await worker.waitUntilReady();
  return {
    metrics,
    async close() {
      await worker.close();
      await inventory.close();
      await queue.close();
      redis.disconnect();
    },
  };
}
