// Every core: the state workers share through their primary — rate-limit buckets and metrics.
import { AggregatorRegistry } from "prom-client";
import { systemClock } from "../domain/time.ts";
import type { Metrics } from "../metrics/metrics.ts";
import {
  type BucketRequest,
  MemoryRateLimitStore,
  type RateLimitStore,
  type TakeResult,
} from "../ratelimit/store.ts";
import type { Handlers, PrimaryLine } from "./ipc.ts";

interface TakeRequest {
  buckets: readonly BucketRequest[];
  windowMs: number;
}

/**
 * A worker's rate-limit buckets without Redis: kept in the primary's memory, so a key's limit
 * holds across every worker. One IPC round trip per limited request (Redis, when set, is
 * asked first and shares the buckets with other servers too).
 */
export class PrimaryRateLimitStore implements RateLimitStore {
  constructor(private readonly line: PrimaryLine) {}

  take(buckets: readonly BucketRequest[], windowMs: number): Promise<TakeResult> {
    return this.line.ask<TakeResult>("ratelimit", { buckets, windowMs } satisfies TakeRequest);
  }
}

/**
 * In a worker: answer the primary's requests for this worker's metrics (prom-client's cluster
 * protocol), and serve `GET /metrics` as the sum over every worker, which the primary makes.
 */
export function shareMetrics(metrics: Metrics, line: PrimaryLine): void {
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([metrics.registry]);
  metrics.exposeWith(() => line.ask<string>("metrics"));
}

/**
 * The primary's side: the rate-limit buckets of every worker (timed by the real clock: a
 * settable clock means the test double, which runs one process), and the metrics of every
 * worker summed up (histograms and counters added, per-process gauges as prom-client
 * aggregates them).
 */
export function sharedStateHandlers(): Handlers {
  const buckets = new MemoryRateLimitStore(systemClock);
  const aggregator = new AggregatorRegistry();
  return {
    ratelimit: (payload) => {
      const { buckets: requested, windowMs } = payload as TakeRequest;
      return buckets.takeNow(requested, windowMs);
    },
    metrics: () => aggregator.clusterMetrics(),
  };
}
