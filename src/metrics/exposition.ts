import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import { RosterError } from "../errors.ts";
import type { App } from "../http/types.ts";
import type { Metrics } from "./metrics.ts";

const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` on the app itself: open, or behind `Authorization: Bearer <METRICS_TOKEN>`
 * when a token is configured.
 */
export function registerGetMetrics(app: App, metrics: Metrics, token: string | undefined): void {
  app.get(
    "/metrics",
    {
      schema: {
        operationId: "getMetrics",
        summary: "Prometheus metrics",
        description:
          "Prometheus text format. Outside `/api/v1`; behind `Authorization: Bearer <METRICS_TOKEN>` when that is set.",
        tags: ["service"],
        security: [],
        response: {
          200: {
            description: "The metrics, in Prometheus text format.",
            content: { "text/plain": { schema: { type: "string" } } },
          },
        },
      },
    },
    async (request, reply) => {
      if (token !== undefined) {
        const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1] ?? "";
        if (!sameSecret(given, token)) {
          throw new RosterError("unauthorized", "A valid metrics token is required.");
        }
      }
      return reply.header("Content-Type", CONTENT_TYPE).send(await metrics.exposition());
    },
  );
}

/**
 * `GET /metrics` on a port of its own (METRICS_PORT), for a network that scrapes where the
 * API is not exposed. Answers nothing else.
 */
export async function listenForMetrics(
  metrics: Metrics,
  host: string,
  port: number,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" || (path !== "/metrics" && path !== "/metrics/")) {
      response.writeHead(404, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: "Not found." }));
      return;
    }
    metrics.exposition().then(
      (text) => {
        response.writeHead(200, { "Content-Type": CONTENT_TYPE });
        response.end(text);
      },
      () => {
        response.writeHead(500, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ error: "Internal server error" }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
