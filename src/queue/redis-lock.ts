/**
 * Locks across workers: SET NX PX with a token, renewed while held, released only by its
 * holder (compare-and-delete in Lua). A crashed holder's lock expires on its own.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Locks } from "../remediate/locks.js";

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export function redisLocks(redis: Redis, options: { ttlMs?: number; pollMs?: number; prefix?: string } = {}): Locks {
  const ttl = options.ttlMs ?? 30_000;
  const poll = options.pollMs ?? 50;
  const prefix = options.prefix ?? "keyward:lock:";
  return {
    async withLock(key, work) {
      const name = prefix + key;
      const token = randomUUID();
      while ((await redis.set(name, token, "PX", ttl, "NX")) !== "OK") await new Promise((r) => setTimeout(r, poll));
      const renew = setInterval(() => void redis.eval(RENEW, 1, name, token, String(ttl)).catch(() => undefined), ttl / 3);
      renew.unref();
      try {
        return await work();
      } finally {
        clearInterval(renew);
        await redis.eval(RELEASE, 1, name, token).catch(() => undefined);
      }
    },
  };
}
