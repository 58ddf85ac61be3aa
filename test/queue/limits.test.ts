/**
 * Limits that hold across workers, on the real Redis: two pacers (two connections, as two
 * worker processes would have) draw on one installation's write budget; two workers' revocation
 * budgets are one 60-an-hour budget; a lock's lease is renewed while held, and a holder that
 * stalled past it cannot write once another has taken the lock (fencing).
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisBudgets } from "../../src/queue/redis-budget.js";
import { redisLocks } from "../../src/queue/redis-lock.js";
import { LockLostError, memoryLocks } from "../../src/remediate/locks.js";
import { Pacer } from "../../src/remediate/pacer.js";
import { GITHUB_REVOKE_RATE, memoryBudgets } from "../../src/revoke/rate.js";

const REDIS_URL = process.env.KEYWARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const connections: Redis[] = [];
const connect = () => {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  connections.push(r);
  return r;
};
afterAll(() => {
  for (const r of connections) r.disconnect();
});

/**
 * How many of `waits` resolve, the sleep never ending (it records how long it was asked for).
 * A pacer serves one installation's calls in order, so each pacer's first sleeper holds back
 * the rest of its queue: settled when `settled` calls have passed or asked to sleep.
 */
async function passed(waits: Array<() => Promise<void>>, asked: number[], settled: number): Promise<number> {
  let n = 0;
  const before = asked.length;
  for (const w of waits) void w().then(() => n++);
  for (let i = 0; i < 500 && n + asked.length - before < settled; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50)); // nothing more passes after that
  return n;
}

describe("limits shared across workers", () => {
  it("two workers' pacers draw on one installation's budget in Redis (one process's memory would let twice as many through)", async () => {
    const prefix = `keyward-test:${randomUUID()}:`;
    const asked: number[] = [];
    const sleep = (ms: number) => (asked.push(ms), new Promise<void>(() => undefined));
    const opts = { perMinute: 5, perHour: 500, sleep, prefix };
    const a = new Pacer({ ...opts, budgets: redisBudgets(connect()) });
    const b = new Pacer({ ...opts, budgets: redisBudgets(connect()) });
    const waits = Array.from({ length: 8 }, (_, i) => () => (i % 2 ? a : b).wait(42));
    expect(await passed(waits, asked, 7)).toBe(5);
    expect(asked).toHaveLength(2); // each pacer's next write waits
    for (const ms of asked) expect(ms).toBeGreaterThan(50_000); // until the minute's oldest write ages out
    // Another installation has a budget of its own.
    expect(await passed([() => a.wait(43)], asked, 1)).toBe(1);

    // Counted per process, the same two pacers would have let 10 writes through.
    const local: number[] = [];
    const lsleep = (ms: number) => (local.push(ms), new Promise<void>(() => undefined));
    const [c, d] = [new Pacer({ perMinute: 5, perHour: 500, sleep: lsleep, budgets: memoryBudgets() }), new Pacer({ perMinute: 5, perHour: 500, sleep: lsleep, budgets: memoryBudgets() })];
    expect(await passed(Array.from({ length: 12 }, (_, i) => () => (i % 2 ? c : d).wait(42)), local, 12)).toBe(10);
  });

  it("two workers together send at most 60 revocation requests an hour", async () => {
    const key = `keyward-test:${randomUUID()}:revoke:https://api.github.com`;
    const [one, two] = [redisBudgets(connect())(key, [GITHUB_REVOKE_RATE]), redisBudgets(connect())(key, [GITHUB_REVOKE_RATE])];
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? one : two).tryTake(Date.now())));
    expect(answers.filter((w) => w === 0)).toHaveLength(60);
    for (const w of answers.filter((w) => w > 0)) expect(w).toBeGreaterThan(3_500_000);
  });

  it("two worker processes, each asking for 40 revocation slots at once, get 60 between them", async () => {
    const key = `keyward-test:${randomUUID()}:revoke:https://api.github.com`;
    // A separate Node process per worker, with the built module and its own Redis connection.
    const script = `
      import { Redis } from "ioredis";
      import { redisBudgets } from ${JSON.stringify(resolve("dist/queue/redis-budget.js"))};
      const redis = new Redis(${JSON.stringify(REDIS_URL)});
      const budget = redisBudgets(redis)(${JSON.stringify(key)}, [{ limit: 60, windowMs: 3600000 }]);
      const waits = await Promise.all(Array.from({ length: 40 }, () => budget.tryTake(Date.now())));
      process.stdout.write(String(waits.filter((w) => w === 0).length));
      redis.disconnect();`;
    const run = () => promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: resolve(".") });
    const [a, b] = await Promise.all([run(), run()]);
    expect(Number(a.stdout) + Number(b.stdout)).toBe(60);
  });

  it("renews a lock's lease while its holder works: no one else takes it", async () => {
    const prefix = `keyward-test:${randomUUID()}:`;
    const holder = redisLocks(connect(), { ttlMs: 300, pollMs: 20, prefix });
    const rival = redisLocks(connect(), { ttlMs: 300, pollMs: 20, prefix });
    const order: string[] = [];
    const first = holder.withLock("issues:acme/widgets", async (fence) => {
      order.push("holder in");
      await new Promise((r) => setTimeout(r, 1200)); // four leases long, awaiting (renewals run)
      await fence.check();
      order.push("holder writes");
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = rival.withLock("issues:acme/widgets", async () => void order.push("rival in"));
    await Promise.all([first, second]);
    expect(order).toEqual(["holder in", "holder writes", "rival in"]);
  });

  it("fences a holder that stalled past its lease: once another has taken the lock, its write is refused", async () => {
    const prefix = `keyward-test:${randomUUID()}:`;
    const stalled = redisLocks(connect(), { ttlMs: 200, pollMs: 10, prefix });
    const rival = redisLocks(connect(), { ttlMs: 5_000, pollMs: 10, prefix });
    const writes: string[] = [];
    let rivalHolds!: () => void;
    const rivalIn = new Promise<void>((r) => (rivalHolds = r));
    let releaseRival!: () => void;
    const rivalDone = new Promise<void>((r) => (releaseRival = r));
    let rivalRun: Promise<void> | undefined;

    const outcome = stalled.withLock("issues:acme/widgets", async (fence) => {
      await fence.check(); // the lock is ours
      // A stall: the event loop frozen for three leases (no renewal can run), as in a long GC pause.
      const until = Date.now() + 600;
      while (Date.now() < until);
      rivalRun = rival.withLock("issues:acme/widgets", async (rivalFence) => {
        rivalHolds();
        await rivalFence.check();
        writes.push("rival");
        await rivalDone;
      });
      await rivalIn;
      await fence.check(); // resumes, and would write now
      writes.push("stalled");
    });
    await expect(outcome).rejects.toBeInstanceOf(LockLostError);
    releaseRival();
    await rivalRun;
    expect(writes).toEqual(["rival"]);
  });

  it("in one process a lock never expires: its fence always passes", async () => {
    const locks = memoryLocks();
    await expect(locks.withLock("k", async (fence) => (await fence.check(), "done"))).resolves.toBe("done");
  });
});
