/**
 * Each webhook delivery processed once, in every mode, by its delivery id in the ledger (which
 * lives in the store, so it survives restarts and is shared by every process): a copy of a
 * delivery that is in progress or done is skipped; a failed one — or one whose process died
 * (claimed longer than `leaseMs` ago) — is processed again. The outcome is written back, so a
 * handler that fails after GitHub had its answer (Probot answers 202 after 9 s) is still seen
 * as failed by the reconciler, which asks GitHub to redeliver it.
 */
import { errorLine, type DeliveryLedger } from "../evidence/ledger.js";
import type { Logger } from "./types.js";

/** How long a claim holds before another process may take the delivery over (default 15 min). */
export const DEFAULT_DELIVERY_LEASE_MS = 15 * 60_000;

export interface OnceOptions {
  readonly ledger: DeliveryLedger;
  readonly now: () => Date;
  readonly log: Logger;
  readonly leaseMs?: number;
}

/** Runs `work` unless this delivery is in progress or done; true when it ran. Errors propagate (the delivery fails). */
export async function oncePerDelivery(o: OnceOptions, delivery: { id: string; event: string }, work: () => Promise<void>): Promise<boolean> {
  const now = o.now();
  const claim = await o.ledger.claimDelivery(delivery.id, delivery.event, now, new Date(now.getTime() - (o.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS)));
  if (!claim.claimed) {
    o.log.info({ delivery: delivery.id, event: delivery.event, status: claim.status, attempts: claim.attempts }, `delivery already ${claim.status === "done" ? "processed" : "in progress"}; not processed again`);
    return false;
  }
  try {
    await work();
  } catch (err) {
    // Best effort: with the store down this fails too, and the claim goes stale instead.
    await o.ledger.finishDelivery(delivery.id, "failed", o.now(), errorLine(err)).catch((e: Error) => o.log.warn({ delivery: delivery.id, err: e.message }, "could not mark the delivery failed; its claim will lapse"));
    throw err;
  }
  await o.ledger.finishDelivery(delivery.id, "done", o.now());
  return true;
}
