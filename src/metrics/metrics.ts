// Metrics: the Prometheus counters, histograms and gauges of one app instance (prom-client).
import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Store } from "../store/store.ts";

/** Seconds; from a fast read to a write waiting out a busy disk. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];

/**
 * One app's metrics, in a registry of its own (never prom-client's global one), so that apps
 * built side by side (tests, several instances in one process) do not count into each other.
 * Other rooms register their own metrics on `registry`.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: "roster_http_requests_total",
    help: "HTTP requests answered, by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: "roster_http_request_duration_seconds",
    help: "Time from a request's arrival to its answer, by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly clientAborts = new Counter({
    name: "roster_http_client_aborts_total",
    help: "Requests whose client went away before the answer, by route",
    labelNames: ["route"] as const,
    registers: [this.registry],
  });
  readonly unitDuration = new Histogram({
    name: "roster_store_unit_duration_seconds",
    help: "Time from a unit of work's submission until its outcome is durable, by outcome",
    labelNames: ["outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: "roster_store_commit_batch_size",
    help: "Units of work made durable by one COMMIT (group commit)",
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });

  constructor(store: Store) {
    collectDefaultMetrics({ register: this.registry, prefix: "roster_" });
    store.observe?.({ batch: (size) => this.batchSize.observe(size) });
    const depths = store.depths?.bind(store);
    new Gauge({
      name: "roster_store_depth",
      help: "Work waiting in the store right now: its write queue, or its connection pool",
      labelNames: ["queue"] as const,
      registers: [this.registry],
      collect() {
        for (const [queue, value] of Object.entries(depths?.() ?? {})) this.set({ queue }, value);
      },
    });
  }

  /** Where the exposition comes from: this registry, or every worker's summed up. */
  private source: () => Promise<string> = () => this.registry.metrics();

  /** The Prometheus text exposition of every metric in the registry (or of every worker's). */
  exposition(): Promise<string> {
    return this.source();
  }

  /** In a cluster worker: expose what the primary sums up over every worker instead. */
  exposeWith(source: () => Promise<string>): void {
    this.source = source;
  }

  /**
   * Counts and times every answered request, and every request its client gave up on. The
   * labelled children are looked up once per (method, route, status) and kept: prom-client
   * would otherwise hash the label object on every request.
   */
  measureRequests(app: FastifyInstance): void {
    const children = new Map<
      string,
      { count: Counter.Internal; duration: Histogram.Internal<string> }
    >();
    app.addHook("onResponse", (request, reply, done) => {
      // The route's pattern, never the raw URL: the label set must stay bounded.
      const route = request.routeOptions.url ?? "unmatched";
      const key = `${request.method} ${reply.statusCode} ${route}`;
      let child = children.get(key);
      if (!child) {
        const labels = [request.method, route, String(reply.statusCode)] as const;
        child = {
          count: this.httpRequests.labels(...labels),
          duration: this.httpDuration.labels(...labels),
        };
        children.set(key, child);
      }
      child.count.inc();
      child.duration.observe(reply.elapsedTime / 1000);
      done();
    });
    app.addHook("onRequestAbort", (request, done) => {
      this.clientAborts.inc({ route: request.routeOptions.url ?? "unmatched" });
      done();
    });
  }

  /** The same store, with every unit of work timed. */
  measureUnits(store: Store): Store {
    const committed = this.unitDuration.labels("committed");
    const failed = this.unitDuration.labels("failed");
    return {
      backend: store.backend,
      db: store.db,
      async write(unit) {
        const start = performance.now();
        try {
          const result = await store.write(unit);
          committed.observe((performance.now() - start) / 1000);
          return result;
        } catch (error) {
          failed.observe((performance.now() - start) / 1000);
          throw error;
        }
      },
      close: () => store.close(),
      observe: store.observe?.bind(store),
      depths: store.depths?.bind(store),
    };
  }
}
