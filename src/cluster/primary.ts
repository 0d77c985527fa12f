// Every core: the primary of `serve --workers N` — migrates, forks, seeds once, supervises, drains.
import cluster, { type Worker } from "node:cluster";
import { startupBanner } from "../banner.ts";
import type { Config } from "../config.ts";
import { systemClock } from "../domain/time.ts";
import { createLogDestination } from "../instance.ts";
import { type DemoOrganization, seedDemoIfEmpty } from "../operations/demo.ts";
import { openConfiguredStore } from "../store/open.ts";
import { answerRequests } from "./ipc.ts";
import { isFromWorker, SLOT_ENV, type ToWorker } from "./messages.ts";
import { sharedStateHandlers } from "./shared-state.ts";

/** A worker that dies is started again, unless this many died within RESTART_WINDOW_MS. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** On shutdown, workers get SHUTDOWN_TIMEOUT plus this to exit before they are killed. */
const EXIT_GRACE_MS = 5_000;

/**
 * Runs `count` workers on the configured port. Before any starts, the schema is migrated here
 * (once); once every worker listens, an empty database gets its demo organization (once) and
 * the banner is printed. A worker that dies unexpectedly is logged and restarted in its slot;
 * SIGTERM or SIGINT drains every worker, and the primary exits 0 when all of them drained
 * within SHUTDOWN_TIMEOUT.
 */
export async function serveAsPrimary(config: Config, count: number): Promise<void> {
  const logs = createLogDestination(config);
  const log = logs.logger();
  const store = await openConfiguredStore(config);
  const handlers = sharedStateHandlers();
  const slots = new Map<number, Worker>();
  /** Workers that said they listen: they drain on shutdown; the others are still starting. */
  const serving = new WeakSet<Worker>();
  const exitCodes: Array<number | null> = [];
  const restarts: number[] = [];
  let closing = false;
  let started = false;

  const fork = (slot: number): Worker => {
    const worker = cluster.fork({ [SLOT_ENV]: String(slot) });
    slots.set(slot, worker);
    answerRequests(worker, handlers);
    return worker;
  };

  const exit = (code: number) => {
    logs.flush();
    process.exit(code);
  };

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal, workers: slots.size, timeout_ms: config.shutdownTimeout }, "shutting down");
    const live = [...slots.values()].filter((worker) => !worker.isDead());
    const exited = Promise.all(
      live.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once("exit", () => resolve());
          }),
      ),
    );
    for (const worker of live) {
      // One still starting serves nothing yet, and may not listen for the word yet either.
      if (!serving.has(worker)) worker.process.kill("SIGKILL");
      else if (worker.isConnected()) worker.send({ roster: "shutdown" } satisfies ToWorker);
    }
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      exited.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), config.shutdownTimeout + EXIT_GRACE_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!inTime) {
      log.error("workers did not exit in time; killing them");
      for (const worker of live) worker.process.kill("SIGKILL");
    }
    const clean = inTime && exitCodes.every((code) => code === 0);
    if (clean) log.info("shut down");
    else log.error({ exit_codes: exitCodes }, "a worker did not shut down cleanly");
    exit(clean ? 0 : 1);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  // Every worker listens, or the start fails as a whole (the port taken, say).
  const address = await new Promise<string>((resolve, reject) => {
    let listening = 0;
    let first = "";
    cluster.on("message", (worker, message: unknown) => {
      if (!isFromWorker(message)) return;
      if (message.roster === "listening") serving.add(worker);
      if (started) return;
      if (message.roster === "start-failed") reject(new Error(message.message));
      else if (++listening === count) resolve(first || message.address);
      else first ||= message.address;
    });
    cluster.on("exit", (_worker, code, signal) => {
      if (!started && !closing) {
        reject(new Error(`a worker exited while starting (${signal ?? `code ${code}`})`));
      }
    });
    for (let slot = 0; slot < count; slot++) fork(slot);
  }).catch(async (error: Error) => {
    closing = true;
    for (const worker of slots.values()) worker.process.kill("SIGKILL");
    await store.close();
    throw error;
  });
  started = true;

  cluster.on("exit", (worker, code, signal) => {
    if (closing) {
      if (serving.has(worker)) exitCodes.push(code);
      return;
    }
    const slot = [...slots].find(([, w]) => w === worker)?.[0];
    if (slot === undefined) return;
    const now = Date.now();
    restarts.push(now);
    while ((restarts[0] as number) < now - RESTART_WINDOW_MS) restarts.shift();
    const details = { slot, worker_pid: worker.process.pid, code, signal };
    if (restarts.length > MAX_RESTARTS) {
      log.fatal(
        { ...details, restarts: restarts.length, window_ms: RESTART_WINDOW_MS },
        "workers keep dying; shutting down",
      );
      exitCodes.push(code);
      void shutdown("restart limit");
      return;
    }
    log.error(details, "a worker died unexpectedly; starting another in its place");
    fork(slot);
  });

  // Seeded only once every worker listens (a start that fails must not use up the demo
  // admin's key, shown only once), and only here: once per server, not once per worker.
  let demo: DemoOrganization | undefined;
  try {
    demo = config.seedDemo ? await seedDemoIfEmpty(store, systemClock.now()) : undefined;
  } finally {
    await store.close();
  }
  process.stdout.write(startupBanner(address, config, { workers: count }, demo));
}
