import type { FastifyInstance, FastifyRequest } from "fastify";
import { type FieldErrors, RosterError } from "../errors.ts";

/**
 * A write's checks beyond its schema (the role lookup and the like), given the body's fields
 * that passed the schema and the names of those that did not. Reads only; the write makes the
 * same checks again inside its transaction, where they are authoritative.
 */
export type FieldChecks = (
  request: FastifyRequest,
  passed: Record<string, unknown>,
  failed: ReadonlySet<string>,
) => Promise<FieldErrors>;

declare module "fastify" {
  interface FastifyContextConfig {
    /** Run when the body fails its schema, so that one 400 names every bad field. */
    fieldChecks?: FieldChecks;
  }
}

/**
 * A body that failed its schema: its schema errors, and the route's later checks on the fields
 * that passed, in one 400. A check that fails unexpectedly leaves the schema errors alone.
 */
export async function withFieldChecks(
  request: FastifyRequest,
  schemaErrors: FieldErrors,
): Promise<FieldErrors> {
  const check = request.routeOptions.config?.fieldChecks;
  const body = request.body;
  if (!check || !request.principal || !body || typeof body !== "object" || Array.isArray(body))
    return schemaErrors;
  const failed = new Set(Object.keys(schemaErrors));
  const passed = Object.fromEntries(Object.entries(body).filter(([name]) => !failed.has(name)));
  try {
    return { ...(await check(request, passed, failed)), ...schemaErrors };
  } catch (error) {
    request.log.warn({ err: error, reqId: request.id }, "field checks failed");
    return schemaErrors;
  }
}

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
