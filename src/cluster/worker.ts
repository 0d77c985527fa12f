// Every core: one worker of `serve --workers N`, serving on the port its primary shares.
import type { Config } from "../config.ts";
import { type Instance, startInstance } from "../instance.ts";
import { PrimaryLine } from "./ipc.ts";
import { type FromWorker, isToWorker, SLOT_ENV } from "./messages.ts";
import { PrimaryRateLimitStore, shareMetrics } from "./shared-state.ts";

/** The most bytes one write() to a pipe is guaranteed not to interleave with another's. */
const PIPE_ATOMIC_WRITE = 4096;

function tell(message: FromWorker): void {
  process.send?.(message);
}

/**
 * Starts this worker's app on the shared port, with its rate-limit buckets and metrics kept
 * by the primary; the worker in slot 0 also runs the webhook dispatcher (one per server, as
 * without workers). Tells the primary once listening, or why it could not start (then exits).
 * On the primary's word, or SIGTERM/SIGINT, it drains like a server alone and exits.
 */
export async function serveAsWorker(config: Config): Promise<void> {
  const line = new PrimaryLine();
  let instance: Instance | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (!instance) process.exit(0); // not serving yet: nothing to drain
    instance.app.log.info({ timeout_ms: config.shutdownTimeout }, "worker shutting down");
    const graceful = await instance.close();
    if (!graceful)
      instance.app.log.error("shutdown exceeded SHUTDOWN_TIMEOUT; open connections were cut");
    instance.flushLogs();
    process.exit(graceful ? 0 : 1);
  };
  process.on("message", (message: unknown) => {
    if (isToWorker(message) && message.roster === "shutdown") void stop();
  });
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());

  try {
    instance = await startInstance(config, {
      migrate: false,
      dispatcher: process.env[SLOT_ENV] === "0",
      rateLimitStore: new PrimaryRateLimitStore(line),
      beforeListen: (app) => shareMetrics(app.metrics, line),
      logWriteLimit: PIPE_ATOMIC_WRITE,
    });
  } catch (error) {
    tell({ roster: "start-failed", message: (error as Error).message });
    process.exit(1);
  }
  tell({ roster: "listening", address: instance.address });
}
