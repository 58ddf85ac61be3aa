/**
 * Queue mode's receiver: Probot verifies the signature, then the delivery goes on the queue
 * under its delivery id and GitHub gets its answer at once; workers do the rest. It also
 * queues the daily access reviews (one job a day, whichever receiver gets there first).
 */
import type { Queue } from "bullmq";
import type { ApplicationFunction } from "probot";
import { enqueueDelivery, JOB_OPTIONS } from "./deliveries.js";
import type { Metrics } from "./metrics.js";

export function receiverApp(queue: Queue, metrics: Metrics, options: { reviewEveryMs?: number } = {}): ApplicationFunction {
  return (app) => {
    app.onAny(async (context) => {
      metrics.received.inc({ event: context.name });
      const queued = await enqueueDelivery(queue, context.id, { name: context.name, payload: context.payload, receivedAt: Date.now() });
      if (queued) metrics.queued.inc({ event: context.name });
      else metrics.duplicates.inc();
    });
    if (options.reviewEveryMs) {
      const timer = setInterval(() => {
        const day = new Date().toISOString().slice(0, 10);
        void queue.add("keyward.reviews", { receivedAt: Date.now() }, { ...JOB_OPTIONS, jobId: `reviews:${day}` }).catch((err: Error) => app.log.warn({ err: err.message }, "could not queue access reviews"));
      }, options.reviewEveryMs);
      timer.unref();
    }
  };
}
