// The receiving end of the bench's `-webhook` rows: a subscription whose deliveries are answered at once.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A local endpoint that answers every delivery 200 and counts them. */
export interface WebhookSink {
  url: string;
  received(): number;
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received++;
      response.end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Subscribes the organization `authorization` belongs to to membership updates, delivered to
 * `sink`, through Roster's API on `port`. Returns what ends it: the subscription is deleted
 * (so later cases deliver nothing) and the count of deliveries received so far is returned.
 */
export async function subscribeSink(
  port: number,
  authorization: string,
  sink: WebhookSink,
): Promise<() => Promise<number>> {
  const api = `http://127.0.0.1:${port}/api/v1/webhook/`;
  const headers = { authorization, "content-type": "application/json" };
  const created = await fetch(api, {
    method: "POST",
    headers,
    body: JSON.stringify({
      url: sink.url,
      events: [{ object_type: "membership", action: "updated" }],
    }),
  });
  const body = (await created.json()) as { id?: string };
  if (created.status !== 201 || !body.id) {
    throw new Error(`webhook subscription: ${created.status} ${JSON.stringify(body)}`);
  }
  const before = sink.received();
  return async () => {
    const received = sink.received() - before;
    const deleted = await fetch(`${api}${body.id}/`, { method: "DELETE", headers });
    await deleted.arrayBuffer();
    return received;
  };
}
