// The safe-write extensions in the OpenAPI document: headers, 304/409/412/422, per route.
import type { FastifySchema, RouteOptions } from "fastify";
import { Type } from "typebox";
import { ErrorBody } from "../schemas/common.ts";
import type { SafeWriteFeatures } from "./http.ts";

const ETAG_HEADER = {
  ETag: {
    type: "string",
    description: "Roster extension: the object's strong entity tag (changes whenever it does).",
  },
};

function withHeaders(response: unknown, headers: Record<string, unknown>) {
  return { ...(response as object), headers };
}

/**
 * `@fastify/swagger`'s `transform`: documents, on each route that offers them, the request
 * headers (`If-Match`, `If-None-Match`, `Idempotency-Key`), the `ETag` and
 * `Idempotent-Replayed` answer headers and the 304/409/412/422 answers. Documentation only:
 * the schemas the route validates with stay as they are (no header validation on the hot path).
 */
export function documentSafeWrites({
  schema,
  url,
  route,
}: {
  schema: FastifySchema;
  url: string;
  route: RouteOptions;
}): { schema: FastifySchema; url: string } {
  const features = (route.config as { safeWrites?: SafeWriteFeatures } | undefined)?.safeWrites;
  if (!features || !schema) return { schema, url };
  const headers: Record<string, unknown> = {};
  const response = { ...(schema.response as Record<string, unknown>) };
  const isRead = route.method === "GET";
  if (features.etag && isRead) {
    headers["if-none-match"] = Type.String({
      description: "Roster extension: an ETag you hold; 304 while the object has not changed.",
    });
    response[304] = {
      description: "Not Modified (Roster extension): your copy is current.",
      type: "null",
    };
  }
  if (features.ifMatch) {
    headers["if-match"] = Type.String({
      description:
        "Roster extension: the ETag you read (or `*`); 412 if the object changed since. Checked inside the write's transaction.",
    });
    response[412] = { ...ErrorBody, description: "Precondition Failed: If-Match does not match." };
  } else if (!isRead) {
    headers["if-match"] = Type.String({ description: "Not supported here: 400 if sent." });
  }
  if (features.idempotent) {
    headers["idempotency-key"] = Type.String({
      maxLength: 255,
      description:
        "Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409.",
    });
    response[409] = {
      ...ErrorBody,
      description: "A request with this Idempotency-Key is still running.",
    };
    response[422] = {
      ...ErrorBody,
      description: "This Idempotency-Key was used for another request.",
    };
  }
  const answerHeaders: Record<string, unknown> = {};
  if (features.etag) Object.assign(answerHeaders, ETAG_HEADER);
  if (features.idempotent) {
    answerHeaders["Idempotent-Replayed"] = {
      type: "string",
      description: "Roster extension: `true` when this is the stored answer to an earlier request.",
    };
  }
  for (const status of ["200", "201"]) {
    if (response[status] && Object.keys(answerHeaders).length > 0) {
      response[status] = withHeaders(response[status], answerHeaders);
    }
  }
  return {
    schema: {
      ...schema,
      headers: {
        type: "object",
        properties: { ...(schema.headers as { properties?: object })?.properties, ...headers },
      },
      response,
    },
    url,
  };
}
