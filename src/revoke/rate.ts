/**
 * Rate accounting for a provider's hard limit (GitHub's credential revocation: 60 requests an
 * hour) and for GitHub's secondary limits on content-creating requests (pacer.ts). Bookkeeping
 * with the clock passed in; waiting is the caller's business, so a delivery can decide to give
 * up instead of holding a secret for an hour.
 *
 * A limit is the App's, not a process's: in queue mode every worker draws on one budget kept in
 * Redis (src/queue/redis-budget.ts, handed in as `Budgets`); alone, a process counts in memory.
 */

/** At most `limit` requests in any `windowMs`. */
export interface Window {
  readonly limit: number;
  readonly windowMs: number;
}

/** A budget some requests draw on, in this process or shared by several. */
export interface RateBudget {
  /** Takes one request's slot and returns 0 if every window has room; otherwise the milliseconds until one may. */
  tryTake(now: number): Promise<number>;
}

/** The budget named `key` under `windows` (the same key, the same budget: per App, per installation…). */
export type Budgets = (key: string, windows: readonly Window[]) => RateBudget;

/** Budgets counted in this process: one set of windows per key, kept for the process's life. */
export function memoryBudgets(): Budgets {
  const byKey = new Map<string, RateBudget>();
  return (key, windows) => {
    let budget = byKey.get(key);
    if (!budget) {
      const counted = windows.map((w) => new RateWindow(w.limit, w.windowMs));
      budget = {
        async tryTake(now) {
          const wait = Math.max(0, ...counted.map((w) => w.delay(now)));
          if (wait > 0) return wait;
          for (const w of counted) w.take(now);
          return 0;
        },
      };
      byKey.set(key, budget);
    }
    return budget;
  };
}

export class RateWindow implements RateBudget {
  private readonly stamps: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until one more request may be sent (0: now). */
  delay(now: number): number {
    this.expire(now);
    return this.stamps.length < this.limit ? 0 : this.stamps[0]! + this.windowMs - now;
  }

  /** Count one request sent at `now`. */
  take(now: number): void {
    this.expire(now);
    this.stamps.push(now);
  }

  async tryTake(now: number): Promise<number> {
    const wait = this.delay(now);
    if (wait <= 0) this.take(now);
    return Math.max(0, wait);
  }

  private expire(now: number): void {
    while (this.stamps.length && this.stamps[0]! <= now - this.windowMs) this.stamps.shift();
  }
}

/** GitHub: "limited to 60 requests per hour and a max of 1000 tokens per API request". */
export const GITHUB_REVOKE_RATE: Window = { limit: 60, windowMs: 3_600_000 };
export const GITHUB_REVOKE_BATCH = 1000;

/** Items in order, in runs of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  if (!(size > 0)) throw new RangeError("batch size must be positive");
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
