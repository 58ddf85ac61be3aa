/**
 * The App's upkeep, on start-up and every few minutes: failed deliveries redelivered
 * (reconcile-deliveries.ts), check runs left in progress completed as interrupted
 * (reconcile-checks.ts), and what the ledger no longer needs forgotten. The timer is unref'd (it never keeps the process alive) and stopped
 * with the App; a run never overlaps the previous one, and its errors are logged, not thrown.
 */
import type { Probot } from "probot";
import type { DeliveryLedger } from "../evidence/ledger.js";
import type { Logger, Octokit } from "../remediate/types.js";
import { finishInterruptedCheckRuns, type SweepResult } from "./reconcile-checks.js";
import { redeliverFailed, type Redelivered } from "./reconcile-deliveries.js";

/** How long the ledger keeps done deliveries and completed check runs (30 days). */
export const LEDGER_KEEP_MS = 30 * 24 * 3600_000;

export interface UpkeepOptions {
  readonly ledger: DeliveryLedger;
  readonly now: () => Date;
  readonly log: Logger;
  /** Between runs (default 5 min; 0: only the run at start-up). */
  readonly everyMs?: number;
  /** See reconcile-checks.ts. */
  readonly interruptedAfterMs?: number;
  /** See delivery-once.ts. */
  readonly leaseMs?: number;
}

export interface Upkeep {
  /** One run now (after the one in progress, if any). */
  run(): Promise<{ redelivered: Redelivered[]; checks: SweepResult; pruned: number } | undefined>;
  stop(): void;
}

export function startUpkeep(probot: Probot, o: UpkeepOptions): Upkeep {
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const once = async () => {
    if (stopped) return undefined;
    try {
      const checks = await finishInterruptedCheckRuns({ ledger: o.ledger, now: o.now, log: o.log, auth: async (id) => (await probot.auth(id)) as Octokit, ...(o.interruptedAfterMs !== undefined ? { olderThanMs: o.interruptedAfterMs } : {}) });
      const redelivered = await redeliverFailed({ ledger: o.ledger, now: o.now, log: o.log, octokit: (await probot.auth()) as Octokit, ...(o.leaseMs !== undefined ? { leaseMs: o.leaseMs } : {}) });
      // Past GitHub's redelivery window and the queue's week, a done delivery need not be remembered.
      const pruned = await o.ledger.prune(new Date(o.now().getTime() - LEDGER_KEEP_MS));
      return { redelivered, checks, pruned };
    } catch (err) {
      o.log.warn({ err: (err as Error).message }, "upkeep run failed; the next one tries again");
      return undefined;
    }
  };
  const run = () => {
    const next = current.then(once);
    current = next.catch(() => undefined);
    return next;
  };
  void run();
  const timer = o.everyMs ? setInterval(() => void run(), o.everyMs) : undefined;
  timer?.unref();
  return {
    run,
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
    },
  };
}
