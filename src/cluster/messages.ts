// Every core: what the primary and its workers tell each other besides requests (ipc.ts).

/** The environment variable that gives a worker its slot (0 .. N-1); slot 0 dispatches webhooks. */
export const SLOT_ENV = "ROSTER_WORKER_SLOT";

/** From a worker: it listens at `address`, or could not start. */
export type FromWorker =
  | { roster: "listening"; address: string }
  | { roster: "start-failed"; message: string };

/** To a worker: drain and exit. */
export type ToWorker = { roster: "shutdown" };

export function isFromWorker(message: unknown): message is FromWorker {
  const kind = (message as FromWorker | null)?.roster;
  return kind === "listening" || kind === "start-failed";
}

export function isToWorker(message: unknown): message is ToWorker {
  return (message as ToWorker | null)?.roster === "shutdown";
}
