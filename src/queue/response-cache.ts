/**
 * The inventory's conditional-request cache in Redis, for queue mode: every worker shares one
 * installation's ETags and response bodies, and they survive restarts, so whichever worker
 * sweeps a repository tomorrow gets 304s for what did not change. Bounded three ways: an entry
 * lives `ttlSeconds` after it was last used, at most `maxEntries` per installation (the least
 * recently used go first), and no body over MAX_CACHED_BYTES is kept.
 *
 * Keyed by installation and the request's URL (hashed), never by the installation token: the
 * token changes every hour, the ETag does not.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { MAX_CACHED_BYTES, type CachedResponse, type ResponseCache } from "../inventory/conditional.js";

export interface RedisCacheOptions {
  readonly prefix?: string;
  /** An entry unused this long expires (default 8 days: a daily sweep keeps it alive through a missed day or a week-end). */
  readonly ttlSeconds?: number;
  /** Entries per installation (default 50,000: an organisation of 1,000 repositories uses about 12,000). */
  readonly maxEntries?: number;
}

export function redisResponseCache(redis: Redis, installation: number, options: RedisCacheOptions = {}): ResponseCache {
  const base = `${options.prefix ?? "keyward:github-cache:"}${installation}:`;
  const ttl = options.ttlSeconds ?? 8 * 24 * 3600;
  const max = options.maxEntries ?? 50_000;
  const index = `${base}index`;
  const keyOf = (url: string) => `${base}${createHash("sha256").update(url).digest("hex")}`;

  return {
    async get(url) {
      const key = keyOf(url);
      const [[, text]] = (await redis.multi().getex(key, "EX", ttl).zadd(index, Date.now(), key).exec()) as [[Error | null, string | null], unknown];
      if (!text) {
        await redis.zrem(index, key);
        return undefined;
      }
      const value = JSON.parse(text) as CachedResponse;
      // A hash collision (or a hand-edited entry) must not serve another URL's body.
      return value.url !== undefined && (value as { key?: string }).key === url ? value : undefined;
    },
    async set(url, value) {
      const text = JSON.stringify({ ...value, key: url });
      if (text.length > MAX_CACHED_BYTES) return;
      const key = keyOf(url);
      const [, , [, size]] = (await redis.multi().set(key, text, "EX", ttl).zadd(index, Date.now(), key).zcard(index).expire(index, ttl).exec()) as [unknown, unknown, [Error | null, number]];
      if (size > max) {
        const evicted = (await redis.zpopmin(index, size - max)).filter((_, i) => i % 2 === 0);
        if (evicted.length) await redis.del(...evicted);
      }
    },
  };
}
