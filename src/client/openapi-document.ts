// Roster's OpenAPI document as the typed client sees it: every path absolute from the server's root.
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { openStore } from "../store/open.ts";
import { TestDouble } from "../testing/double.ts";

type Operation = { servers?: Array<{ url: string }> };
type Document = {
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
};

/**
 * The document `GET /openapi.json` serves (with the `/_roster/` controls enabled), with each
 * path prefixed by its server (`/api/v1` for Close's API, `/` for the controls), so the typed
 * client's paths read as Close documents them: `/api/v1/membership/{id}/`.
 */
export async function clientOpenApiDocument(): Promise<Document> {
  const store = await openStore("sqlite::memory:");
  const double = new TestDouble(store, { controlToken: "document-only-control-token" });
  const app = await buildApp({
    config: loadConfig({ SEED_DEMO: "false" }),
    store,
    clock: double.clock,
    testDouble: double,
  });
  try {
    await app.ready();
    const document = structuredClone(app.swagger()) as unknown as Document;
    const base = (document.servers?.[0]?.url ?? "").replace(/\/+$/, "");
    const paths: Document["paths"] = {};
    for (const [path, item] of Object.entries(document.paths)) {
      const server = Object.values(item).find((operation) => operation.servers)?.servers?.[0]?.url;
      const prefix = server === undefined ? base : server.replace(/\/+$/, "");
      for (const operation of Object.values(item)) delete operation.servers;
      paths[`${prefix}${path}`] = item;
    }
    document.paths = paths;
    document.servers = [{ url: "/" }];
    return document;
  } finally {
    await app.close();
    await store.close();
  }
}
