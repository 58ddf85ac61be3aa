/**
 * Mutual exclusion where order matters: reconciling a repository's issues (two deliveries for
 * the same repository must not both open the issue of one secret). Scanning runs in parallel;
 * only this short step is serialized. In one process a promise chain per key is enough; with
 * several workers the Redis implementation (src/queue/redis-lock.ts) takes over.
 *
 * A lock that can expire (Redis's, when its holder stalls longer than its lease) is fenced: the
 * work is handed a `Fence`, checked after every pacing wait and so just before every GitHub
 * write, which refuses once someone else has taken the lock since. A stalled holder that
 * resumes cannot write; its delivery fails and is retried.
 */
import type { AppDeps } from "./types.js";

export interface Fence {
  /** Resolves while the lock is still this holder's; rejects with LockLostError once it is not. */
  check(): Promise<void>;
}

export interface Locks {
  withLock<T>(key: string, work: (fence: Fence) => Promise<T>): Promise<T>;
}

export class LockLostError extends Error {
  constructor(key: string, token: number) {
    super(`the lock on ${key} (fencing token ${token}) expired while held and may have been taken since: no write is sent`);
    this.name = "LockLostError";
  }
}

/** Dependencies whose pacer checks the fence after each wait, i.e. right before each write. */
export function fencedDeps(deps: AppDeps, fence: Fence): AppDeps {
  return {
    ...deps,
    pacer: {
      async wait(key) {
        await deps.pacer.wait(key);
        await fence.check();
      },
    },
  };
}

const HELD: Fence = { check: async () => undefined };

export function memoryLocks(): Locks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async withLock(key, work) {
      const before = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      const tail = before.then(() => mine);
      tails.set(key, tail);
      await before.catch(() => undefined);
      try {
        // In one process the lock never expires: nothing to fence.
        return await work(HELD);
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
