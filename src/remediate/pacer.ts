/**
 * Paces content-creating requests under GitHub's secondary limits (about 80 a minute and 500
 * an hour): a sliding-window limiter that waits, rather than letting GitHub reject the call.
 */

export interface PacerOptions {
  readonly perMinute: number;
  readonly perHour: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class Pacer {
  private readonly stamps: number[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Resolves when one more request may be sent; calls are served in order. */
  wait(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async take(): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.stamps.length && this.stamps[0]! <= t - 3_600_000) this.stamps.shift();
      const lastMinute = this.stamps.filter((s) => s > t - 60_000);
      const waitMinute = lastMinute.length >= this.options.perMinute ? lastMinute[0]! + 60_000 - t : 0;
      const waitHour = this.stamps.length >= this.options.perHour ? this.stamps[0]! + 3_600_000 - t : 0;
      const wait = Math.max(waitMinute, waitHour);
      if (wait <= 0) {
        this.stamps.push(t);
        return;
      }
      await this.sleep(wait);
    }
  }
}

export const GITHUB_CONTENT_LIMITS: PacerOptions = { perMinute: 80, perHour: 500 };
