/**
 * GitHub does not redeliver a failed webhook by itself; it advises Apps to list their
 * deliveries (`GET /app/hook/deliveries`, newest first, paginated by cursor) and ask for a
 * redelivery (`POST /app/hook/deliveries/{delivery_id}/attempts`) of those that failed. This
 * does that on start-up and every few minutes (reconcile.ts), together with the ledger, which
 * knows what GitHub cannot: a handler that failed after Probot had answered 202, or a process
 * that died mid-delivery. Bounded: a window of days, a number of pages, a number of
 * redeliveries per run, and a number of attempts per delivery before it is left to an operator.
 */
import type { DeliveryLedger, DeliveryRow } from "../evidence/ledger.js";
import { DEFAULT_DELIVERY_LEASE_MS } from "../remediate/delivery-once.js";
import type { Logger, Octokit } from "../remediate/types.js";

export interface RedeliverOptions {
  readonly ledger: DeliveryLedger;
  readonly now: () => Date;
  readonly log: Logger;
  /** The App's own client (JWT). */
  readonly octokit: Octokit;
  /** How far back to look (default 3 days: GitHub redelivers only recent deliveries). */
  readonly windowMs?: number;
  /** Pages of 100 read per run (default 10). */
  readonly maxPages?: number;
  /** Redeliveries requested per run (default 20). */
  readonly limit?: number;
  /** GitHub's attempts of one delivery after which it is no longer redelivered (default 5). */
  readonly maxAttempts?: number;
  /** A claim younger than this is a delivery still in progress (delivery-once.ts). */
  readonly leaseMs?: number;
}

interface HookDelivery {
  readonly id: number;
  readonly guid: string;
  readonly delivered_at: string;
  readonly status_code: number;
  readonly event: string;
}

export interface Redelivered {
  readonly guid: string;
  readonly event: string;
  /** GitHub's id of the attempt redelivered. */
  readonly id: number;
  readonly reason: string;
}

/** Why this delivery should be delivered again, or undefined. `attempts`: GitHub's, newest first. */
export function redeliveryReason(attempts: readonly HookDelivery[], row: DeliveryRow | undefined, staleBefore: string, maxAttempts: number): string | undefined {
  if (row?.status === "done") return undefined;
  if (row?.status === "started" && row.startedAt >= staleBefore) return undefined; // in progress
  // GitHub's attempts, redeliveries included (a queue's own retries are not counted here).
  if (attempts.length >= maxAttempts) return undefined;
  const answered = attempts.some((a) => a.status_code >= 200 && a.status_code < 300);
  if (row?.status === "failed") return answered ? "the handler failed after GitHub had its answer" : "the handler failed";
  if (row?.status === "started") return "the process handling it stopped before it finished";
  // Never claimed: GitHub could not reach the App, or the App answered 5xx before the claim.
  // A 4xx is a refusal (a bad signature, a malformed payload) that a redelivery would repeat.
  const latest = attempts[0]!;
  if (!answered && (latest.status_code === 0 || latest.status_code >= 500)) return `GitHub's delivery failed (${latest.status_code || "no answer"})`;
  return undefined;
}

export async function redeliverFailed(o: RedeliverOptions): Promise<Redelivered[]> {
  const now = o.now().getTime();
  const since = new Date(now - (o.windowMs ?? 3 * 24 * 3600_000)).toISOString();
  const byGuid = new Map<string, HookDelivery[]>();
  let pages = 0;
  for await (const page of o.octokit.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 })) {
    const items = page.data as unknown as HookDelivery[];
    for (const d of items) if (d.delivered_at >= since) byGuid.set(d.guid, [...(byGuid.get(d.guid) ?? []), d]);
    if (++pages >= (o.maxPages ?? 10) || items.some((d) => d.delivered_at < since)) break;
  }
  const staleBefore = new Date(now - (o.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS)).toISOString();
  const out: Redelivered[] = [];
  for (const [guid, attempts] of byGuid) {
    if (out.length >= (o.limit ?? 20)) break;
    const reason = redeliveryReason(attempts, await o.ledger.delivery(guid), staleBefore, o.maxAttempts ?? 5);
    if (!reason) continue;
    const latest = attempts[0]!;
    await o.octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: latest.id });
    o.log.info({ delivery: guid, event: latest.event, attempt: latest.id, reason }, "asked GitHub to redeliver a failed delivery");
    out.push({ guid, event: latest.event, id: latest.id, reason });
  }
  return out;
}
