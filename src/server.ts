import type { Server } from "node:http";
import type { FastifyServerOptions } from "fastify";
import pino from "pino";
import { buildApp } from "./app.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { systemClock } from "./domain/time.ts";
import type { App } from "./http/types.ts";
import { listenForMetrics } from "./metrics/exposition.ts";
import { seedDemoIfEmpty } from "./operations/demo.ts";
import { DatabaseUrlError, redact } from "./store/database-url.ts";
import { openConfiguredStore } from "./store/open.ts";
import type { Store } from "./store/store.ts";
import { TestDouble } from "./testing/double.ts";
import { VERSION } from "./version.ts";
import { startDispatcher } from "./webhooks/dispatcher.ts";

/**
 * Opens the store (migrating it), seeds a demo organization into an empty database, and
 * listens until SIGTERM or SIGINT, then drains and closes.
 */
export async function serve(config: Config): Promise<void> {
  const store = await openConfiguredStore(config, { serving: true });
  // With a control token this server is a test double: settable clock, faults, journal, and
  // `/_roster/reset` back to the database as it is once started (demo included).
  const testDouble = config.controlToken
    ? new TestDouble(store, { controlToken: config.controlToken })
    : undefined;
  const clock = testDouble?.clock ?? systemClock;
  const log = createLogDestination(config);
  const app = await buildApp({
    config,
    store,
    clock,
    testDouble,
    logger: log.options,
  });
  const webhooks = startDispatcher({
    store,
    clock,
    policy: { allowPrivate: config.webhookAllowPrivate },
    leaseMs: config.webhookLeaseSeconds * 1000,
    log: app.log,
  });
  let metricsServer: Server | undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, timeout_ms: config.shutdownTimeout }, "shutting down");
    const graceful = await drainAndClose({
      app,
      store,
      metricsServer,
      stopBackground: () => webhooks.stop(),
      timeoutMs: config.shutdownTimeout,
    });
    if (!graceful) app.log.error("shutdown exceeded SHUTDOWN_TIMEOUT; open connections were cut");
    else app.log.info("shut down");
    log.flush();
    process.exit(graceful ? 0 : 1);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  const address = await app.listen({ host: config.host, port: config.port });
  if (config.metricsPort !== undefined) {
    metricsServer = await listenForMetrics(app.metrics, config.host, config.metricsPort);
  }
  // Seeded only once listening succeeded: a start that fails (the port taken, say) must not
  // use up the demo admin's key, which is shown only once.
  const demo = config.seedDemo ? await seedDemoIfEmpty(store, systemClock.now()) : undefined;
  await testDouble?.markBaseline();
  const base = `${address}/api/v1`;
  const lines = [
    `Roster ${VERSION} is listening on ${base} (database: ${redact(config.databaseUrl)})`,
    `Team page: ${address}/app/`,
  ];
  if (config.webhookAllowPrivate) {
    lines.push(
      "Webhooks may be delivered to loopback and private addresses (ROSTER_WEBHOOK_ALLOW_PRIVATE=true): for local development.",
    );
  }
  if (demo) {
    lines.push(
      "",
      "A demo organization was created (its key is shown only this once):",
      `  organization ID:    ${demo.organization_id}`,
      `  admin API key:      ${demo.admin_api_key}`,
      `  admin membership:   ${demo.admin_membership_id}`,
      "",
      `Or open the team page, sign in with that key and change it there: ${address}/app/`,
      "",
      "Make Alice a superuser and record her calls:",
      `  curl -u '${demo.admin_api_key}:' -X PUT ${base}/membership/${demo.member_id}/ \\`,
      `    -H 'Content-Type: application/json' -d '{"role_id": "superuser", "auto_record_calls": "enabled"}'`,
      "",
      "Watch the change arrive as a signed webhook (run this first, in another terminal):",
      `  ROSTER_API_KEY='${demo.admin_api_key}' ROSTER_URL=${address} npx roster webhook listen --print`,
      "",
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
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
 * asynchronously, off the request path, and flushed before exit.
 */
function createLogDestination(config: Config): {
  options: FastifyServerOptions["logger"];
  flush(): void;
} {
  const pretty =
    config.logFormat === "pretty" || (config.logFormat === "auto" && process.stdout.isTTY);
  if (pretty) {
    return {
      options: {
        level: config.logLevel,
        transport: { target: "pino-pretty", options: { translateTime: "SYS:standard" } },
      },
      flush: () => {},
    };
  }
  const stream = pino.destination({ sync: false });
  return { options: { level: config.logLevel, stream }, flush: () => stream.flushSync() };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  try {
    await serve(loadConfig());
  } catch (error) {
    const message =
      error instanceof ConfigError || error instanceof DatabaseUrlError
        ? error.message
        : `Could not start: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}
