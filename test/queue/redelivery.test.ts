import { randomUUID } from "node:crypto";
import { UnrecoverableError, Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { deliveryQueue, enqueueDelivery, redisConnection } from "../../src/queue/deliveries.js";

const REDIS_URL = process.env.KEYWARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("queue mode: a redelivery of a delivery that failed every attempt", () => {
  const name = `keyward-test-redeliver-${randomUUID()}`;
  const queue = deliveryQueue(REDIS_URL, name);
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it("puts the failed job back on the queue, while copies of a waiting or done one are not queued", async () => {
    const job = { name: "push", payload: { ref: "refs/heads/main" }, receivedAt: Date.now() };
    expect(await enqueueDelivery(queue, "d-failed", job)).toBe(true);
    expect(await enqueueDelivery(queue, "d-failed", job)).toBe(false); // a copy while it waits
    // A worker whose attempts are used up.
    const failed = new Promise<void>((resolve) => {
      const w = new Worker(name, async () => Promise.reject(new UnrecoverableError("evidence store unavailable")), { connection: redisConnection(REDIS_URL) });
      w.on("failed", () => void w.close().then(resolve));
    });
    await failed;
    expect(await (await queue.getJob("d-failed"))!.getState()).toBe("failed");
    // The reconciler asked GitHub to redeliver it; the receiver queues it again.
    expect(await enqueueDelivery(queue, "d-failed", job)).toBe(true);
    expect(await (await queue.getJob("d-failed"))!.getState()).toBe("waiting");
    expect(await enqueueDelivery(queue, "d-failed", job)).toBe(false);
  });
});
