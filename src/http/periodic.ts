// Housekeeping that runs on a timer for as long as the app is open.
import type { FastifyInstance } from "fastify";

/**
 * Runs `task` every `everyMs` until the app closes. The timer never keeps the process alive,
 * and a failed run is only skipped: housekeeping (reclaiming expired rows) can wait for the
 * next one, and must never take the server down.
 */
export function repeatWhileOpen(
  app: FastifyInstance,
  everyMs: number,
  task: () => Promise<unknown>,
): void {
  const timer = setInterval(() => {
    task().catch(() => {});
  }, everyMs);
  timer.unref();
  app.addHook("onClose", (_instance, done) => {
    clearInterval(timer);
    done();
  });
}
