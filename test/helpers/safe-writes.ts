import type { LightMyRequestResponse } from "fastify";
import { basic, type Harness } from "./harness.ts";

/**
 * A Close request with extra headers (`If-Match`, `If-None-Match`, `Idempotency-Key`), for the
 * safe-write tests. `path` is under `/api/v1`; a body is sent as JSON.
 */
export function send(
  h: Harness,
  apiKey: string,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const { body, headers = {} } = options;
  return h.app.inject({
    method,
    url: `/api/v1${path}`,
    headers: {
      authorization: basic(apiKey),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** The ETag of an answer (asserting there is one). */
export function etagOf(res: LightMyRequestResponse): string {
  const tag = res.headers.etag;
  if (typeof tag !== "string") throw new Error(`no ETag on ${res.statusCode} ${res.body}`);
  return tag;
}

/**
 * Every row of every table that a write can touch, in a stable order: two equal snapshots
 * mean the database did not change at all.
 */
export async function snapshotDatabase(h: Harness) {
  const db = h.store.db;
  return {
    organizations: await db.selectFrom("organizations").selectAll().orderBy("id").execute(),
    users: await db.selectFrom("users").selectAll().orderBy("id").execute(),
    roles: await db.selectFrom("roles").selectAll().orderBy("id").execute(),
    memberships: await db.selectFrom("memberships").selectAll().orderBy("id").execute(),
    credentials: await db.selectFrom("credentials").selectAll().orderBy("id").execute(),
    events: await db.selectFrom("events").selectAll().orderBy("id").execute(),
    idempotency_keys: await db
      .selectFrom("idempotency_keys")
      .selectAll()
      .orderBy("organization_id")
      .orderBy("user_id")
      .orderBy("idempotency_key")
      .execute(),
  };
}
