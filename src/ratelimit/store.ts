// Rate limits: what a limiter store does, and the in-memory store of one instance.

import type { Clock } from "../domain/time.ts";
import { ExpiringMap } from "./expiring.ts";
import { fits, intervalOf } from "./gcra.ts";

export interface BucketRequest {
  /** Names the bucket: group, whose budget, and which one. */
  key: string;
  limit: number;
}

export interface TakeResult {
  /** True when every bucket had room; then each spent one request. Otherwise none did. */
  admitted: boolean;
  /** The store's "now", in milliseconds since the epoch. */
  now: number;
  /** Each bucket's TAT before this request (never earlier than `now`). */
  tats: number[];
}

/**
 * Spends one request from every bucket at once, or from none: a request refused by its
 * organization's limit does not use up its key's.
 */
export interface RateLimitStore {
  take(buckets: readonly BucketRequest[], windowMs: number): Promise<TakeResult>;
}

/**
 * Buckets in this process's memory, timed by the injected clock (so a test's clock moves the
 * windows). A bucket whose TAT has passed is full, the same as no bucket at all: those expire,
 * which bounds memory by the buckets active within one window.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly tats = new ExpiringMap<number>((tat) => tat);

  constructor(private readonly clock: Clock) {}

  async take(buckets: readonly BucketRequest[], windowMs: number): Promise<TakeResult> {
    return this.takeNow(buckets, windowMs);
  }

  takeNow(buckets: readonly BucketRequest[], windowMs: number): TakeResult {
    const now = this.clock.now().getTime();
    const tats = buckets.map(({ key }) => Math.max(this.tats.get(key) ?? now, now));
    const admitted = buckets.every(({ limit }, i) =>
      fits(tats[i] as number, now, intervalOf(limit, windowMs), windowMs),
    );
    if (admitted) {
      buckets.forEach(({ key, limit }, i) => {
        this.tats.set(key, (tats[i] as number) + intervalOf(limit, windowMs), now);
      });
    }
    return { admitted, now, tats };
  }
}
