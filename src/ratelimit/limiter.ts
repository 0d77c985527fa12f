// Rate limits: the limiter, which spends a request from its buckets in Redis or in memory.

import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";
import type { RateLimitSettings } from "../config.ts";
import type { Clock } from "../domain/time.ts";
import { type BucketState, stateAfter } from "./gcra.ts";
import type { RateLimitGroup } from "./groups.ts";
import { RedisRateLimitStore } from "./redis-store.ts";
import {
  type BucketRequest,
  MemoryRateLimitStore,
  type RateLimitStore,
  type TakeResult,
} from "./store.ts";

export interface Bucket extends BucketRequest {
  type: "key" | "organization";
}

export interface Verdict {
  admitted: boolean;
  /** The bucket the `RateLimit` header reports: the one refused, else the one with least left. */
  bucket: Bucket;
  state: BucketState;
}

/** How the limiter's store is doing, for readiness checks and metrics. */
export interface RateLimitStatus {
  store: "memory" | "redis";
  /** With Redis: false while it is unreachable and this instance limits on its own. */
  shared: boolean;
}

/** After Redis fails, this long passes before the next request tries it again. */
const REDIS_RETRY_MS = 1000;
/**
 * A Redis check slower than this counts as a failure (the request goes on, limited locally).
 * Generous: a refused or dropped connection is noticed at once anyway; this is for a Redis
 * that hangs, and a busy machine must not be mistaken for one.
 */
const REDIS_COMMAND_TIMEOUT_MS = 2000;
/** How long an instance waits for Redis before it starts serving (then it goes on without). */
const REDIS_START_WAIT_MS = 5000;

/**
 * Spends one request of every bucket a request belongs to, all or nothing. With Redis it
 * shares the buckets with every instance; when Redis cannot be reached it logs that once,
 * goes on with this instance's own buckets (the same limits, per instance: in its memory, or
 * in its primary's for the workers of `serve --workers`) and goes back to Redis once it
 * answers again. A Redis failure never fails a request.
 */
export class RateLimiter {
  readonly windowMs: number;
  private readonly local: RateLimitStore;
  private readonly redis: Redis | undefined;
  private readonly shared: RedisRateLimitStore | undefined;
  private redisDown = false;
  private closing = false;
  private retryRedisAt = 0;

  constructor(
    readonly settings: RateLimitSettings,
    clock: Clock,
    private readonly log: FastifyBaseLogger,
    redisUrl: string | undefined,
    /** Buckets kept without Redis (or while it is down): this process's memory by default. */
    local?: RateLimitStore,
  ) {
    this.windowMs = settings.windowSeconds * 1000;
    this.local = local ?? new MemoryRateLimitStore(clock);
    if (redisUrl) {
      this.redis = new Redis(redisUrl, {
        // Fail at once while disconnected instead of queueing: the request goes on locally.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      });
      // An outage is logged once, when it starts, and once when it ends.
      this.redis.on("error", (error) => this.markRedisDown(error));
      this.redis.on("close", () => this.markRedisDown());
      this.redis.on("ready", () => this.markRedisUp());
      this.shared = new RedisRateLimitStore(this.redis, settings.redisPrefix);
    }
  }

  /** Requests per window of `group` for one credential (or address); 0 when off. */
  limitOf(group: RateLimitGroup): number {
    return this.settings.perWindow[group];
  }

  /** Requests per window of `group` for one organization; 0 when off. */
  organizationLimitOf(group: RateLimitGroup): number {
    return this.settings.perWindow[group] * this.settings.organizationFactor;
  }

  async take(buckets: readonly Bucket[]): Promise<Verdict> {
    const result = await this.takeFromStore(buckets);
    const states = buckets.map((bucket, i) =>
      stateAfter(
        result.tats[i] as number,
        result.now,
        bucket.limit,
        this.windowMs,
        result.admitted,
      ),
    );
    let shown = 0;
    if (result.admitted) {
      states.forEach((state, i) => {
        if (state.remaining < (states[shown] as BucketState).remaining) shown = i;
      });
    } else {
      // The first bucket that had no room is the limit the client hit.
      shown = Math.max(
        0,
        states.findIndex((state) => state.retryAfterMs > 0),
      );
    }
    return {
      admitted: result.admitted,
      bucket: buckets[shown] as Bucket,
      state: states[shown] as BucketState,
    };
  }

  /**
   * Resolves once Redis is connected, or after a few seconds without it: an instance that
   * served before connecting would count its first requests alone.
   */
  async connected(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === "ready") return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, REDIS_START_WAIT_MS);
      redis.once("ready", () => resolve());
    });
    clearTimeout(timer);
  }

  status(): RateLimitStatus {
    if (!this.redis) return { store: "memory", shared: false };
    return { store: "redis", shared: !this.redisDown && this.redis.status === "ready" };
  }

  async close(): Promise<void> {
    this.closing = true;
    this.redis?.disconnect();
  }

  /** Redis's health is judged in real time, whatever clock the app's windows run on. */
  private async takeFromStore(buckets: readonly Bucket[]): Promise<TakeResult> {
    if (this.shared && this.redis?.status === "ready" && Date.now() >= this.retryRedisAt) {
      try {
        return await this.shared.take(buckets, this.windowMs);
      } catch (error) {
        this.markRedisDown(error);
      }
    }
    return this.local.take(buckets, this.windowMs);
  }

  private markRedisUp(): void {
    this.retryRedisAt = 0;
    if (!this.redisDown) return;
    this.redisDown = false;
    this.log.warn("rate limits: Redis answers again; limits are shared by all instances");
  }

  private markRedisDown(error?: unknown): void {
    this.retryRedisAt = Date.now() + REDIS_RETRY_MS;
    if (this.redisDown || this.closing) return;
    this.redisDown = true;
    this.log.warn(
      { err: error instanceof Error ? { message: error.message } : undefined },
      "rate limits: Redis is unreachable; this instance limits requests on its own until it answers",
    );
  }
}
