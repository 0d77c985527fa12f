import type { App } from "../http/types.ts";

/** `GET /openapi.json`: the OpenAPI 3.1 document generated from the route schemas. */
export function registerGetOpenApi(app: App): void {
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
