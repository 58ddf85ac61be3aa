/**
 * Rate accounting for a provider's hard limit (GitHub's credential revocation: 60 requests an
 * hour). Pure bookkeeping with the clock passed in; waiting is the caller's business, so a
 * delivery can decide to give up instead of holding a secret for an hour.
 */
export class RateWindow {
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

  private expire(now: number): void {
    while (this.stamps.length && this.stamps[0]! <= now - this.windowMs) this.stamps.shift();
  }
}

/** GitHub: "limited to 60 requests per hour and a max of 1000 tokens per API request". */
export const GITHUB_REVOKE_RATE = { limit: 60, windowMs: 3_600_000 } as const;
export const GITHUB_REVOKE_BATCH = 1000;

/** Items in order, in runs of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  if (!(size > 0)) throw new RangeError("batch size must be positive");
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
