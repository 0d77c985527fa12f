import { Type } from "typebox";
import type { App } from "../../http/types.ts";
import { VERSION } from "../../version.ts";

export const HealthSchema = Type.Object(
  {
    status: Type.Literal("ok"),
    version: Type.String(),
    uptime_seconds: Type.Number(),
  },
  { $id: "Health" },
);

/**
 * `GET /health`: the process is up and answering (liveness). Touches nothing else, so a
 * database outage does not get a healthy process restarted; `/ready` is for that.
 */
export function registerGetHealth(app: App): void {
  app.get(
    "/health",
    {
      schema: {
        operationId: "getHealth",
        summary: "Liveness",
        description: "The process is up. Unauthenticated, outside `/api/v1`.",
        tags: ["service"],
        security: [],
        response: { 200: { ...HealthSchema, description: "The process is up." } },
      },
    },
    async () => ({
      status: "ok" as const,
      version: VERSION,
      uptime_seconds: Math.round(process.uptime()),
    }),
  );
}
