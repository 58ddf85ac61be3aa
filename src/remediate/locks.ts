/**
 * Mutual exclusion where order matters: reconciling a repository's issues (two deliveries for
 * the same repository must not both open the issue of one secret). Scanning runs in parallel;
 * only this short step is serialized. In one process a promise chain per key is enough; with
 * several workers the Redis implementation (src/queue/redis-lock.ts) takes over.
 */
export interface Locks {
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

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
        return await work();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
