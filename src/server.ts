import cluster from "node:cluster";
import { startupBanner } from "./banner.ts";
import { planWorkers } from "./cluster/plan.ts";
import { serveAsPrimary } from "./cluster/primary.ts";
import { serveAsWorker } from "./cluster/worker.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { systemClock } from "./domain/time.ts";
import { startInstance } from "./instance.ts";
import { seedDemoIfEmpty } from "./operations/demo.ts";
import { DatabaseUrlError } from "./store/database-url.ts";

/**
 * Serves until SIGTERM or SIGINT, then drains and closes: one process per core by default
 * (`ROSTER_WORKERS`), a primary that migrates, seeds and supervises, and workers that share
 * the port. With one worker this process serves alone: it migrates, listens, seeds a demo
 * organization into an empty database and prints where it listens.
 */
export async function serve(config: Config): Promise<void> {
  if (cluster.isWorker) return serveAsWorker(config);
  const plan = planWorkers(config);
  if (plan.count > 1) return serveAsPrimary(config, plan.count);

  const instance = await startInstance(config, { migrate: true, dispatcher: true });
  const { app } = instance;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, timeout_ms: config.shutdownTimeout }, "shutting down");
    const graceful = await instance.close();
    if (!graceful) app.log.error("shutdown exceeded SHUTDOWN_TIMEOUT; open connections were cut");
    else app.log.info("shut down");
    instance.flushLogs();
    process.exit(graceful ? 0 : 1);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  // Seeded only once listening succeeded: a start that fails (the port taken, say) must not
  // use up the demo admin's key, which is shown only once.
  const demo = config.seedDemo
    ? await seedDemoIfEmpty(instance.store, systemClock.now())
    : undefined;
  await instance.testDouble?.markBaseline();
  process.stdout.write(
    startupBanner(
      instance.address,
      config,
      { workers: 1, singleBecause: plan.singleBecause },
      demo,
    ),
  );
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
