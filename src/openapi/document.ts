// The OpenAPI document as client generators want it: named components, described answers, 405 and 429.
import type { SwaggerTransformObject } from "@fastify/swagger";
import { RateLimitErrorBody } from "../schemas/common.ts";

type Json = Record<string, unknown>;

const OPERATION_METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/** What each error status means on this API, for answers the route did not describe itself. */
const STATUS_DESCRIPTIONS: Record<string, string> = {
  "400":
    'The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise.',
  "401": "No valid API key, access token or session.",
  "403": "The caller's role lacks a permission this needs.",
  "404": "No such object in the caller's organization.",
  "413": "The body is larger than the server accepts.",
  "415": "The body is neither JSON nor form-encoded.",
};

const RATE_LIMIT_HEADERS = {
  RateLimit: {
    description:
      "The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`.",
    schema: { type: "string" },
  },
  "Retry-After": {
    description: "Whole seconds (rounded up, at least 1) until one more request is admitted.",
    schema: { type: "integer", minimum: 1 },
  },
};

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Replaces every schema that carries a `title` (the named schemas of src/schemas) by a `$ref`
 * to `#/components/schemas/<title>`, innermost first, so each shape is written once. Two
 * different shapes under one title would make one of them lie: that throws.
 */
function hoistNamedSchemas(node: unknown, components: Json): unknown {
  if (Array.isArray(node)) return node.map((item) => hoistNamedSchemas(item, components));
  if (!isObject(node)) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) copy[key] = hoistNamedSchemas(value, components);
  const title = copy.title;
  if (typeof title !== "string" || copy.type !== "object") return copy;
  // fastify-swagger copies a response's description into its schema: that stays at the use.
  const { description, ...shape } = copy;
  const known = components[title];
  if (known === undefined) components[title] = shape;
  else if (JSON.stringify(known) !== JSON.stringify(shape))
    throw new Error(`OpenAPI: two different schemas are both titled ${title}`);
  const ref: Json = { $ref: `#/components/schemas/${title}` };
  return description === undefined ? ref : { ...ref, description };
}

function describeSuccess(response: Json, operation: Json): void {
  const schema = (response.content as Json | undefined)?.["application/json"] as Json | undefined;
  const ref = (schema?.schema as Json | undefined)?.$ref;
  const name = typeof ref === "string" ? ref.split("/").pop() : undefined;
  response.description = name
    ? `The ${name} object.`
    : `Done: ${String(operation.summary ?? "OK")}.`;
}

/** The 429 every `/api/v1` operation can answer, with its headers. */
function rateLimitResponse(): Json {
  return {
    description:
      "Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`).",
    headers: RATE_LIMIT_HEADERS,
    content: { "application/json": { schema: { $ref: "#/components/schemas/RateLimitError" } } },
  };
}

/**
 * `@fastify/swagger`'s `transformObject`: turns the generated document into one that client
 * generators and `redocly lint` accept: named component schemas, a description for every
 * answer, the 429 of each `/api/v1` operation (the limiter answers before any route runs),
 * each path's 405 for the methods it lacks, operations outside `/api/v1` given their own
 * server, and the license.
 */
export const finishOpenApiDocument: SwaggerTransformObject = (generated) => {
  if (!("openapiObject" in generated)) return generated.swaggerObject;
  const document = structuredClone(generated.openapiObject) as Json;
  const components = (document.components ?? {}) as Json;
  const schemas: Json = { ...(components.schemas as Json | undefined) };
  const paths = hoistNamedSchemas(document.paths ?? {}, schemas) as Record<string, Json>;
  let limited = false;
  for (const item of Object.values(paths)) {
    const methods = OPERATION_METHODS.filter((method) => isObject(item[method]));
    for (const method of methods) {
      const operation = item[method] as Json;
      const responses = (operation.responses ?? {}) as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        if (response.description !== "Default Response") continue;
        if (status.startsWith("2")) describeSuccess(response, operation);
        else response.description = STATUS_DESCRIPTIONS[status] ?? `HTTP ${status}.`;
      }
      if (operation.servers === undefined && !isServiceOperation(operation)) {
        responses["429"] = rateLimitResponse();
        limited = true;
      } else if (operation.servers === undefined) {
        operation.servers = [{ url: "/" }];
      }
      if (!Object.keys(responses).some((status) => status.startsWith("4")))
        responses["400"] = { description: "An HTTP/1.1 request without a Host header." };
      operation.responses = responses;
    }
    item.description = `Other methods than ${methods.map((m) => m.toUpperCase()).join(", ")} answer 405 Method Not Allowed, with \`{"error": ...}\`.`;
  }
  if (limited) schemas.RateLimitError = { ...RateLimitErrorBody };
  document.paths = paths;
  document.components = { ...components, schemas };
  document.info = {
    ...(document.info as Json),
    license: { name: "MIT", identifier: "MIT" },
  };
  return document as ReturnType<SwaggerTransformObject>;
};

/** `/health`, `/ready`, `/metrics`: served at the root, outside the API and its limits. */
function isServiceOperation(operation: Json): boolean {
  return Array.isArray(operation.tags) && operation.tags.includes("service");
}
