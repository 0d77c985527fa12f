import type { FastifyInstance, FastifyRequest } from "fastify";
import { RosterError } from "../errors.ts";

/**
 * Close's `_params`: query parameters sent inside the JSON body (for long ID lists). They are
 * merged into the query before validation, `_params` winning, and removed from the body so
 * the body schema sees only the object's fields.
 */
function mergeBodyParams(request: FastifyRequest): void {
  const body = request.body as Record<string, unknown> | null | undefined;
  if (!body || typeof body !== "object" || Array.isArray(body) || !Object.hasOwn(body, "_params"))
    return;
  const params = body._params;
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw RosterError.validation({ _params: "Must be an object." });
  }
  const merged: Record<string, unknown> = { ...(request.query as Record<string, unknown>) };
  for (const [name, value] of Object.entries(params)) {
    // A query parameter is a scalar or a list of scalars; nesting has no query form (and
    // stringifying a deeply nested list would overflow the stack).
    const items: unknown[] = Array.isArray(value) ? value : [value];
    if (items.some((item) => item !== null && typeof item === "object")) {
      throw RosterError.validation({ _params: "Values must be scalars or lists of scalars." });
    }
    merged[name] = items.map(String).join(",");
  }
  request.query = merged;
  delete body._params;
}

/** `_fields=a,b`: keep only those top-level fields of an object response; unknown names are ignored. */
export function pickFields(payload: unknown, fields: string | undefined): unknown {
  if (!fields || payload === null || typeof payload !== "object" || Array.isArray(payload))
    return payload;
  const wanted = new Set(
    fields
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
  );
  if (wanted.size === 0) return payload;
  const object = payload as Record<string, unknown>;
  if (Array.isArray(object.data)) {
    return { ...object, data: object.data.map((item) => pickFields(item, fields)) };
  }
  return Object.fromEntries(Object.entries(object).filter(([key]) => wanted.has(key)));
}

/**
 * `_params` before validation; `_fields` after serialization (so response schemas keep every
 * field required), applied only to successful JSON responses and only when asked for.
 */
export function registerFieldConventions(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => mergeBodyParams(request));
  app.addHook("onSend", async (request, reply, payload) => {
    const fields = (request.query as { _fields?: unknown } | undefined)?._fields;
    if (typeof fields !== "string" || reply.statusCode >= 300 || typeof payload !== "string")
      return payload;
    // Only a JSON answer has fields: a page, a stylesheet or the metrics text is sent as is.
    if (!/^application\/json\b/i.test(String(reply.getHeader("content-type") ?? "")))
      return payload;
    return JSON.stringify(pickFields(JSON.parse(payload), fields));
  });
}
