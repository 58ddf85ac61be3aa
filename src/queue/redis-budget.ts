/**
 * Rate budgets shared by every worker: each budget is a sorted set of request stamps in Redis,
 * checked and taken in one Lua script (so two workers can never both take the last slot), on
 * Redis's own clock (so workers on machines whose clocks differ still agree). Used for the
 * per-installation write pacing (remediate/pacer.ts) and GitHub's 60 revocations an hour
 * (revoke/rate.ts). The Redis client is passed in: nothing here loads ioredis.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Budgets } from "../revoke/rate.js";

// KEYS[1]: the budget's sorted set. ARGV[1]: a unique member; then limit, windowMs pairs.
// Returns 0 when a slot was taken, else the milliseconds until the fullest window has room.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local longest = 0
for i = 2, #ARGV, 2 do longest = math.max(longest, tonumber(ARGV[i + 1])) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local wait = 0
for i = 2, #ARGV, 2 do
  local limit, window = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local n = redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')
  if n >= limit then
    local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES', 'LIMIT', n - limit, 1)
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
end
if wait > 0 then return wait end
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], longest)
return 0
`;

export function redisBudgets(redis: Redis, options: { prefix?: string } = {}): Budgets {
  const prefix = options.prefix ?? "keyward:budget:";
  return (key, windows) => ({
    async tryTake() {
      const args = windows.flatMap((w) => [String(w.limit), String(w.windowMs)]);
      return Number(await redis.eval(TAKE, 1, prefix + key, randomUUID(), ...args));
    },
  });
}
