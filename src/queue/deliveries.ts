/**
 * The delivery queue on BullMQ (Redis). A delivery is queued under its GitHub delivery id, so
 * a redelivery of one still waiting, running or recently done is not queued twice; attempts
 * retry with exponential backoff, and a delivery that fails every attempt stays in the failed
 * set with its reason.
 */
import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";

export const DELIVERY_QUEUE = "keyward-deliveries";

export interface DeliveryJob {
  /** The webhook event name (X-GitHub-Event). */
  readonly name: string;
  readonly payload: unknown;
  /** When the receiver accepted it (ms since epoch): queue latency is measured from here. */
  readonly receivedAt: number;
}

export interface BaselineJob {
  readonly installationId: number;
  readonly repository: string;
  readonly deliveryId: string;
  readonly receivedAt: number;
}

export const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2_000 },
  // Kept for a week so redeliveries inside that window are recognised; failed ones for a month.
  removeOnComplete: { age: 7 * 24 * 3600, count: 200_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
    // Workers block on the queue; BullMQ requires this to be null for them.
    maxRetriesPerRequest: null,
  };
}

export function deliveryQueue(url: string, name = DELIVERY_QUEUE): Queue {
  return new Queue(name, { connection: redisConnection(url) });
}

/**
 * Queue a delivery; false when one with the same id is already waiting, running or done (a
 * copy). A redelivery of one that failed every attempt (the reconciler asks GitHub for it) puts
 * that job back on the queue.
 */
export async function enqueueDelivery(queue: Queue, id: string, job: DeliveryJob): Promise<boolean> {
  const existing = await queue.getJob(id);
  if (existing && (await existing.getState()) === "failed") {
    await existing.retry("failed");
    return true;
  }
  if (existing) return false;
  await queue.add(job.name, job, { ...JOB_OPTIONS, jobId: id });
  return true;
}

export async function enqueueBaseline(queue: Queue, job: BaselineJob): Promise<void> {
  // One job per repository and installation delivery: a redelivered installation event does
  // not queue the same baselines twice, and a crash mid-way resumes per repository.
  await queue.add("keyward.baseline", job, { ...JOB_OPTIONS, jobId: `baseline:${job.deliveryId}:${job.repository}` });
}
