import { Type } from "typebox";
import type { Readiness } from "../../health/readiness.ts";
import type { App } from "../../http/types.ts";

const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal("ready"), Type.Literal("unavailable")]),
  checks: Type.Record(Type.String(), Type.String()),
});

/**
 * `GET /ready`: whether this instance should get traffic: every readiness check passes (the
 * database answers, its migrations are current, and whatever other rooms added). 200 when
 * ready, 503 otherwise, with each check's result either way.
 */
export function registerGetReady(app: App, readiness: Readiness): void {
  app.get(
    "/ready",
    {
      schema: {
        operationId: "getReady",
        summary: "Readiness",
        description: "Runs every readiness check. Unauthenticated, outside `/api/v1`.",
        tags: ["service"],
        security: [],
        response: {
          200: { ...ReadySchema, description: "Every check passed." },
          503: { ...ReadySchema, description: "A check failed, or the instance is shutting down." },
        },
      },
    },
    async (_request, reply) => {
      const report = await readiness.report();
      return reply
        .code(report.ready ? 200 : 503)
        .header("Cache-Control", "no-store")
        .send({ status: report.ready ? "ready" : "unavailable", checks: report.checks });
    },
  );
}
