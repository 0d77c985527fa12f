import pino from "pino";
import { buildApp } from "./app.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { systemClock } from "./domain/time.ts";
import { seedDemoIfEmpty } from "./operations/demo.ts";
import { openConfiguredStore } from "./store/open.ts";
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
  const app = await buildApp({
    config,
    store,
    clock,
    testDouble,
    // Asynchronous logging keeps writes to stdout off the request path.
    logger: { level: config.logLevel, stream: pino.destination({ sync: false }) },
  });
  const webhooks = startDispatcher({
    store,
    clock,
    policy: { allowPrivate: config.webhookAllowPrivate },
    leaseMs: config.webhookLeaseSeconds * 1000,
    log: app.log,
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await app.close();
    await webhooks.stop();
    await store.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  const address = await app.listen({ host: config.host, port: config.port });
  // Seeded only once listening succeeded: a start that fails (the port taken, say) must not
  // use up the demo admin's key, which is shown only once.
  const demo = config.seedDemo ? await seedDemoIfEmpty(store, systemClock.now()) : undefined;
  await testDouble?.markBaseline();
  const base = `${address}/api/v1`;
  const lines = [
    `Roster ${VERSION} is listening on ${base} (database: ${describeDatabase(config.databaseUrl)})`,
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

/** The database URL without its password, for logs. */
function describeDatabase(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  try {
    await serve(loadConfig());
  } catch (error) {
    const message =
      error instanceof ConfigError ? error.message : `Could not start: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}
