// Every core: requests from a worker to the primary over cluster IPC, answered by id.
import type { Worker } from "node:cluster";

/** What workers may ask the primary for. */
export type RequestType = "ratelimit" | "metrics";

interface Request {
  roster: "request";
  id: number;
  type: RequestType;
  payload: unknown;
}

interface Reply {
  roster: "reply";
  id: number;
  result?: unknown;
  error?: string;
}

function isRequest(message: unknown): message is Request {
  return (message as Request | null)?.roster === "request";
}

function isReply(message: unknown): message is Reply {
  return (message as Reply | null)?.roster === "reply";
}

/**
 * A worker's line to the primary: `ask` sends a request and resolves with the primary's
 * answer. Requests still open when the primary goes away are rejected (the worker exits
 * then anyway: cluster workers do not outlive their primary).
 */
export class PrimaryLine {
  private next = 0;
  private readonly open = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly channel: NodeJS.Process = process) {
    channel.on("message", (message: unknown) => {
      if (!isReply(message)) return;
      const pending = this.open.get(message.id);
      if (!pending) return;
      this.open.delete(message.id);
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve(message.result);
    });
    channel.once("disconnect", () => {
      for (const pending of this.open.values()) pending.reject(new Error("primary gone"));
      this.open.clear();
    });
  }

  ask<T>(type: RequestType, payload?: unknown): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.open.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const request: Request = { roster: "request", id, type, payload };
      this.channel.send?.(request, undefined, undefined, (error) => {
        if (!error) return;
        this.open.delete(id);
        reject(error);
      });
    });
  }
}

export type Handlers = Record<RequestType, (payload: unknown) => unknown>;

/** The primary's side: answers each worker's requests with `handlers`. */
export function answerRequests(worker: Worker, handlers: Handlers): void {
  worker.on("message", async (message: unknown) => {
    if (!isRequest(message)) return;
    let reply: Reply;
    try {
      reply = {
        roster: "reply",
        id: message.id,
        result: await handlers[message.type](message.payload),
      };
    } catch (error) {
      reply = { roster: "reply", id: message.id, error: (error as Error).message };
    }
    if (worker.isConnected()) worker.send(reply);
  });
}
