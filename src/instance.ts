import type { Server } from "node:http";
import type { FastifyServerOptions } from "fastify";
import pino from "pino";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { systemClock } from "./domain/time.ts";
import type { App } from "./http/types.ts";
import { listenForMetrics } from "./metrics/exposition.ts";
import type { RateLimitStore } from "./ratelimit/store.ts";
import { openConfiguredStore } from "./store/open.ts";
import type { Store } from "./store/store.ts";
import { TestDouble } from "./testing/double.ts";
import { startDispatcher } from "./webhooks/dispatcher.ts";

/** One serving process: alone (`serve`), or one of the workers of `serve --workers N`. */
export interface Instance {
  app: App;
  store: Store;
  testDouble: TestDouble | undefined;
  /** `http://host:port` it listens on. */
  address: string;
  /** Drains and closes everything; true when that took no longer than SHUTDOWN_TIMEOUT. */
  close(): Promise<boolean>;
  /** Writes out buffered log lines (before the process exits). */
  flushLogs(): void;
}

export interface InstanceOptions {
  /** Bring the schema up to date first (a worker's primary has already). */
  migrate: boolean;
  /** Run the webhook dispatcher here (one worker of a cluster does). */
  dispatcher: boolean;
  /** Rate-limit buckets kept without Redis; this process's memory unless given. */
  rateLimitStore?: RateLimitStore;
  /** Called with the app before it listens (a worker wires its metrics to the primary). */
  beforeListen?: (app: App) => void;
  /** Stdout writes of at most this many bytes (a worker's lines must not interleave). */
  logWriteLimit?: number;
}

/**
 * Opens the store, builds the app and listens, with the webhook dispatcher and the metrics
 * port when configured. Nothing is seeded here: that is done once per server, after listening.
 */
export async function startInstance(config: Config, options: InstanceOptions): Promise<Instance> {
  const store = await openConfiguredStore(config, { serving: true, migrate: options.migrate });
  // With a control token this server is a test double: settable clock, faults, journal, and
  // `/_roster/reset` back to the database as it is once started (demo included).
  const testDouble = config.controlToken
    ? new TestDouble(store, { controlToken: config.controlToken })
    : undefined;
  const clock = testDouble?.clock ?? systemClock;
  const log = createLogDestination(config, options.logWriteLimit);
  let app: App;
  try {
    app = await buildApp({
      config,
      store,
      clock,
      testDouble,
      logger: log.options,
      rateLimitStore: options.rateLimitStore,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const webhooks = options.dispatcher
    ? startDispatcher({
        store,
        clock,
        policy: { allowPrivate: config.webhookAllowPrivate },
        leaseMs: config.webhookLeaseSeconds * 1000,
        log: app.log,
      })
    : undefined;
  let metricsServer: Server | undefined;
  const close = () =>
    drainAndClose({
      app,
      store,
      metricsServer,
      stopBackground: async () => webhooks?.stop(),
      timeoutMs: config.shutdownTimeout,
    });
  options.beforeListen?.(app);
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
    if (config.metricsPort !== undefined) {
      metricsServer = await listenForMetrics(app.metrics, config.host, config.metricsPort);
    }
  } catch (error) {
    await close();
    log.flush();
    throw error;
  }
  return { app, store, testDouble, address, close, flushLogs: () => log.flush() };
}

/**
 * Graceful shutdown: report not ready, stop accepting connections, let every request in
 * flight finish (its unit of work, and the group-commit batch it is in, reach the disk before
 * it is answered), then close the store. Returns false when that took longer than
 * `timeoutMs` and the remaining connections had to be cut.
 */
export async function drainAndClose({
  app,
  store,
  metricsServer,
  stopBackground,
  timeoutMs,
}: {
  app: App;
  store: Store;
  metricsServer: Server | undefined;
  /** Stops background work that writes (the webhook dispatcher) before the store closes. */
  stopBackground: () => Promise<void>;
  timeoutMs: number;
}): Promise<boolean> {
  app.readiness.drain();
  metricsServer?.close();
  let timer: NodeJS.Timeout | undefined;
  const overtime = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const closed = app.close().then(() => true as const);
  const graceful = await Promise.race([closed, overtime]);
  clearTimeout(timer);
  if (!graceful) {
    app.server.closeAllConnections();
    metricsServer?.closeAllConnections();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
  await stopBackground();
  await store.close();
  return graceful;
}

/**
 * Where the logs go: JSON lines (pino) when stdout is not a terminal, or when LOG_FORMAT=json;
 * human-readable (pino-pretty) on a terminal, or when LOG_FORMAT=pretty. JSON is written
 * asynchronously, off the request path, and flushed before exit. `writeLimit` caps each write:
 * lines are never split, so processes sharing stdout keep their lines whole when it is at most
 * a pipe's atomic write (4 KiB).
 */
export function createLogDestination(
  config: Config,
  writeLimit?: number,
): {
  options: FastifyServerOptions["logger"];
  logger(): pino.Logger;
  flush(): void;
} {
  const pretty =
    config.logFormat === "pretty" || (config.logFormat === "auto" && process.stdout.isTTY);
  if (pretty) {
    const options = {
      level: config.logLevel,
      transport: { target: "pino-pretty", options: { translateTime: "SYS:standard" } },
    };
    return { options, logger: () => pino(options), flush: () => {} };
  }
  const stream = pino.destination({ sync: false, maxWrite: writeLimit });
  return {
    options: { level: config.logLevel, stream },
    logger: () => pino({ level: config.logLevel }, stream),
    flush: () => stream.flushSync(),
  };
}
