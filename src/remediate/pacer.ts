/**
 * Paces content-creating requests under GitHub's secondary limits (about 80 a minute and 500
 * an hour, per installation): a sliding-window limiter that waits, rather than letting GitHub
 * reject the call. The windows are counted in `budgets` — this process's memory by default, or
 * Redis in queue mode, so that every worker draws on the same installation's budget.
 */
import { memoryBudgets, type Budgets, type Window } from "../revoke/rate.js";

export interface PacerOptions {
  readonly perMinute: number;
  readonly perHour: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Where the windows are counted (default: this process). */
  readonly budgets?: Budgets;
  /** Prefix of the budgets' keys (default `pace:`; tests sharing one Redis give their own). */
  readonly prefix?: string;
}

/** What the use cases wait on before each write: `key` is the installation whose budget it draws on. */
export interface Pacing {
  wait(key?: string | number): Promise<void>;
}

export class Pacer implements Pacing {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly budgets: Budgets;
  private readonly windows: readonly Window[];
  /** Calls of one key are served in order within the process. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.budgets = options.budgets ?? memoryBudgets();
    this.windows = [
      { limit: options.perMinute, windowMs: 60_000 },
      { limit: options.perHour, windowMs: 3_600_000 },
    ];
  }

  /** Resolves when one more request may be sent for `key` (an installation; one budget when absent). */
  wait(key: string | number = "app"): Promise<void> {
    const name = String(key);
    const turn = (this.queues.get(name) ?? Promise.resolve()).then(() => this.take(name));
    const tail = turn.catch(() => undefined);
    this.queues.set(name, tail);
    void tail.then(() => this.queues.get(name) === tail && this.queues.delete(name));
    return turn;
  }

  private async take(key: string): Promise<void> {
    const budget = this.budgets(`${this.options.prefix ?? "pace:"}${key}`, this.windows);
    for (;;) {
      const wait = await budget.tryTake(this.now());
      if (wait <= 0) return;
      await this.sleep(wait);
    }
  }
}

export const GITHUB_CONTENT_LIMITS: PacerOptions = { perMinute: 80, perHour: 500 };
