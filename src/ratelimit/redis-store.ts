// Rate limits: the store shared by every instance through Redis, one atomic script per check.

import type { Redis } from "ioredis";
import type { BucketRequest, RateLimitStore, TakeResult } from "./store.ts";

/**
 * GCRA over all of a request's buckets at once, in one round trip. Time is Redis's own
 * (`TIME`), so instances whose clocks disagree still share one window; TATs are whole
 * microseconds, stored as integers with an expiry at the moment the bucket is full again.
 * KEYS: the buckets. ARGV[1]: the window; ARGV[1 + i]: bucket i's interval (both µs).
 * Returns {admitted (0/1), now, tat_1 .. tat_n} with each TAT as it was before the request.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[1])
local tats = {}
local admitted = 1
for i = 1, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i])) or now
  if tat < now then tat = now end
  tats[i] = tat
  if tat + tonumber(ARGV[i + 1]) - now > window then admitted = 0 end
end
if admitted == 1 then
  for i = 1, #KEYS do
    local after = tats[i] + tonumber(ARGV[i + 1])
    redis.call('SET', KEYS[i], string.format('%d', after), 'PX', math.ceil((after - now) / 1000) + 1)
  end
end
local out = { admitted, now }
for i = 1, #KEYS do out[i + 2] = tats[i] end
return out
`;

interface WithTakeScript {
  rosterRateLimitTake(keyCount: number, ...args: Array<string | number>): Promise<number[]>;
}

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis & WithTakeScript;

  /** `prefix` starts every key Roster writes, so instances of one deployment share buckets. */
  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // ioredis sends EVALSHA, and the script itself only when Redis does not know it yet.
    redis.defineCommand("rosterRateLimitTake", { lua: TAKE_SCRIPT });
    this.redis = redis as Redis & WithTakeScript;
  }

  async take(buckets: readonly BucketRequest[], windowMs: number): Promise<TakeResult> {
    const windowUs = Math.round(windowMs * 1000);
    const reply = await this.redis.rosterRateLimitTake(
      buckets.length,
      ...buckets.map(({ key }) => this.prefix + key),
      windowUs,
      ...buckets.map(({ limit }) => Math.max(1, Math.round(windowUs / limit))),
    );
    const [admitted, now, ...tats] = reply;
    return {
      admitted: admitted === 1,
      now: (now as number) / 1000,
      tats: tats.map((tat) => tat / 1000),
    };
  }
}
