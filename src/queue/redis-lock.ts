/**
 * Locks across workers. Taking a lock increments its fencing counter and stores the new value
 * as the lock's token (SET … PX, only if free, in one script); the lease is renewed while the
 * work runs, and released only by its holder (compare-and-delete). A crashed holder's lock
 * expires on its own. A holder that stalled past its lease (a long GC pause, a frozen VM) finds
 * on resuming that the token in Redis is no longer its own: `fence.check()`, called before each
 * write, refuses, so two holders never both write (see remediate/locks.ts).
 */
import type { Redis } from "ioredis";
import { LockLostError, type Fence, type Locks } from "../remediate/locks.js";

// KEYS: lock, fencing counter. ARGV: lease ms. The new token, or 0 while someone holds it.
const ACQUIRE = "if redis.call('exists', KEYS[1]) == 1 then return 0 end local n = redis.call('incr', KEYS[2]) redis.call('set', KEYS[1], n, 'PX', ARGV[1]) return n";
// Still ours? Then the lease is extended too (1), else 0.
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface RedisLockOptions {
  /** The lease: how long a holder that stops renewing keeps the lock (default 30 s). */
  readonly ttlMs?: number;
  readonly pollMs?: number;
  readonly prefix?: string;
}

export function redisLocks(redis: Redis, options: RedisLockOptions = {}): Locks {
  const ttl = options.ttlMs ?? 30_000;
  const poll = options.pollMs ?? 50;
  const prefix = options.prefix ?? "keyward:lock:";
  return {
    async withLock(key, work) {
      const name = prefix + key;
      const counter = `${prefix}fence:${key}`;
      let token = 0;
      while ((token = Number(await redis.eval(ACQUIRE, 2, name, counter, String(ttl)))) === 0) await new Promise((r) => setTimeout(r, poll));
      let lost = false;
      const renew = async () => {
        if (!lost && Number(await redis.eval(RENEW, 1, name, String(token), String(ttl))) !== 1) lost = true;
      };
      const timer = setInterval(() => void renew().catch(() => undefined), ttl / 3);
      timer.unref();
      const fence: Fence = {
        async check() {
          // Checked in Redis each time (and the lease renewed): a stall may have just ended.
          await renew();
          if (lost) throw new LockLostError(key, token);
        },
      };
      try {
        return await work(fence);
      } finally {
        clearInterval(timer);
        await redis.eval(RELEASE, 1, name, String(token)).catch(() => undefined);
      }
    },
  };
}
