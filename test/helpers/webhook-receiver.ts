import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** One POST a receiver got: the raw bytes, exactly as they arrived, and the headers. */
export interface Received {
  raw: Buffer;
  headers: IncomingHttpHeaders;
  path: string;
  /** The body parsed; tests check it against the raw bytes' signature first. */
  json: { event: Record<string, unknown> & { id: string }; subscription_id: string };
}

/**
 * A real HTTP receiver on 127.0.0.1: records every request and answers with whatever
 * `respond` says (default 200). `respond` may be async, to hold a delivery in flight.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  respond: (received: Received) => number | Promise<number> = () => 200;
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const raw = Buffer.concat(chunks);
        let json: Received["json"];
        try {
          json = JSON.parse(raw.toString("utf8"));
        } catch {
          json = { event: { id: "" }, subscription_id: "" };
        }
        const received = { raw, headers: req.headers, path: req.url ?? "", json };
        this.received.push(received);
        const status = await this.respond(received);
        res.writeHead(status, { "content-type": "text/plain" }).end(String(status));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  /** Waits (bounded) until `done` holds over what was received. */
  async waitFor(done: (received: Received[]) => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.received)) {
      if (Date.now() > deadline) throw new Error(`receiver: condition not met in ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
