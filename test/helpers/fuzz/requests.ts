// Fuzzed HTTP requests: every route of the served OpenAPI document, with random and hostile values.
import fc from "fast-check";
import { ID_KINDS } from "../../../src/domain/ids.ts";

/** A JSON schema, as far as the generator reads it. */
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

interface Parameter {
  in: "path" | "query" | "header";
  name: string;
  schema?: Schema;
}

/** One operation of the OpenAPI document, with its path absolute from the server's root. */
export interface RouteOperation {
  method: string;
  /** e.g. `/api/v1/membership/{id}/` */
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

interface OpenApiDocument {
  servers?: Array<{ url: string }>;
  paths: Record<
    string,
    Record<
      string,
      {
        servers?: Array<{ url: string }>;
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
}

/**
 * Routes the document leaves out on purpose (OAuth endpoints, pages, the document itself):
 * fuzzed too. Every other route comes from the document, so a new route is fuzzed as soon as
 * it is registered.
 */
const UNDOCUMENTED: RouteOperation[] = [
  ["GET", "/openapi.json"],
  // The document lists these under the API's server, but they are served at the root.
  ["GET", "/health"],
  ["GET", "/ready"],
  ["GET", "/metrics"],
  ["GET", "/.well-known/oauth-authorization-server"],
  ["GET", "/oauth2/authorize/"],
  ["POST", "/oauth2/authorize/"],
  ["POST", "/oauth2/token/"],
  ["POST", "/oauth2/revoke/"],
  ["GET", "/app/"],
  ["GET", "/app/roles/"],
  ["GET", "/app/activity/"],
  ["GET", "/app/assets/{name}"],
  ["GET", "/app/sign-in"],
  ["POST", "/app/sign-in"],
  ["POST", "/app/sign-out"],
].map(([method, path]) => ({
  method: method as string,
  path: path as string,
  parameters: path?.includes("{name}")
    ? [{ in: "path" as const, name: "name", schema: { type: "string" } }]
    : [],
}));

/** Every operation Roster serves: the OpenAPI document's, then the undocumented ones. */
export function routesOf(document: OpenApiDocument): RouteOperation[] {
  const base = (document.servers?.[0]?.url ?? "").replace(/\/+$/, "");
  const routes: RouteOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const server = operation.servers?.[0]?.url;
      const prefix = server === undefined ? base : server.replace(/\/+$/, "");
      routes.push({
        method: method.toUpperCase(),
        path: `${prefix}${path}`,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content?.["application/json"]?.schema,
      });
    }
  }
  return [...routes, ...UNDOCUMENTED];
}

/** Who a request is sent as, and the IDs it can aim at. */
export interface Identities {
  /** Authorization header values by caller. */
  callers: Record<"admin" | "member" | "otherOrg" | "bearer", string>;
  /** Real IDs, of the caller's organization and of another one, by prefix (`memb_`, `role_`...). */
  ids: string[];
}

/** A request as sent on the wire: `url` is already percent-encoded as it goes out. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** base64 of the body bytes (so invalid UTF-8 survives printing and replay). */
  body?: string;
  /** Raw HTTP bytes (base64) sent as they are on a socket of their own, for what no client sends. */
  raw?: string;
}

/** Percent-encodes every byte but the unreserved ones (a lone surrogate goes as U+FFFD). */
function percentEncoded(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

/** Strings a server must survive in any text position. */
const HOSTILE_TEXT = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u0000",
      "a\u0000b",
      "\u007f",
      "\u0085",
      "\u2028",
      "\ud800",
      "\udfff\ud800",
      "\ufeff",
      "🦄".repeat(50),
      "e\u0301\u0301\u0301",
      "2016-12-31T23:59:60Z",
      "2016-12-31T23:59:60.999+01:00",
      "2026-02-30T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "-271821-04-19T00:00:00Z",
      "+275760-09-13T00:00:00.001Z",
      "9999-12-31T23:59:59.999999999+14:00",
      "1970-01-01T00:00:00-24:00",
      "NaN",
      "Infinity",
      "-0",
      "1e309",
      "99999999999999999999999999999",
      "-9223372036854775809",
      "0x10",
      "null",
      "true",
      "[]",
      "{}",
      "__proto__",
      "constructor",
      "hasOwnProperty",
      "' OR 1=1 --",
      "\\",
      "%",
      "%00",
      "../../etc/passwd",
      "<script>alert(1)</script>",
      "a@b",
      "x@example.com",
      "admin",
      "restricteduser",
    ),
  },
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: CONTROL, minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: fc.nat({ max: 70_000 }).map((n) => "x".repeat(n)) },
);

const HOSTILE_NUMBER = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    -0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    2 ** 63,
    0.5,
    1e-320,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nested arrays and objects, up to `depth` deep (deep nesting as JSON values). */
function nested(depth: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const HOSTILE_JSON: fc.Arbitrary<unknown> = fc.oneof(
  HOSTILE_TEXT,
  HOSTILE_NUMBER,
  fc.constantFrom(null, true, false, [], {}, [null], { "": null }),
  fc.integer({ min: 1, max: 2_000 }).map(nested),
  fc.jsonValue({ maxDepth: 3 }),
);

const WELL_FORMED_ID = fc.constantFrom(...Object.values(ID_KINDS)).chain(([prefix, length]) =>
  fc
    .string({
      unit: fc.constantFrom(..."0123456789abcdefABCDEFxyzXYZ"),
      minLength: length,
      maxLength: length,
    })
    .map((rest) => `${prefix}${rest}`),
);

/** A value for a schema: mostly one that fits, sometimes anything at all. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return HOSTILE_JSON;
  return fc.oneof(
    { weight: 6, arbitrary: fitting(schema, depth) },
    { weight: 1, arbitrary: HOSTILE_JSON },
  );
}

function fitting(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0) return fc.oneof(...choices.map((s) => valueFor(s, depth + 1)));
  const type = [schema.type].flat()[0];
  switch (type) {
    case "string":
      return stringOf(schema);
    case "integer":
      return fc.oneof(fc.integer({ min: -5, max: 300 }), HOSTILE_NUMBER);
    case "number":
      return HOSTILE_NUMBER;
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(valueFor(schema.items, depth + 1), { maxLength: 6 });
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      const known = fc.record(
        Object.fromEntries(properties.map(([name, s]) => [name, valueFor(s, depth + 1)])),
        { requiredKeys: [] },
      );
      const extra = fc.oneof(
        { weight: 9, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(HOSTILE_TEXT, HOSTILE_JSON, { maxKeys: 2 }) },
      );
      return fc.tuple(known, extra).map(([fields, more]) => ({ ...more, ...fields }));
    }
    default:
      return HOSTILE_JSON;
  }
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  switch (schema.format) {
    case "date-time":
      return fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom("2016-12-31T23:59:60Z", "2017-01-01T00:59:60+01:00"),
      );
    case "email":
      return fc.oneof(
        fc.emailAddress(),
        fc.string({ maxLength: 10 }).map((s) => `${s}@acme.test`),
      );
    case "uri":
      return fc.oneof(
        fc.constantFrom(
          "https://hooks.invalid/roster",
          "http://127.0.0.1:1/x",
          "https://[::1]/x",
          "ftp://x.invalid/",
          "javascript:alert(1)",
          "https://user:pass@hooks.invalid:65535/a?b#c",
        ),
        fc.webPath().map((p) => `https://hooks.invalid${p}`),
      );
    default:
      return fc.oneof(
        fc.string({ maxLength: schema.maxLength ?? 60 }),
        fc.string({ unit: "grapheme", maxLength: 30 }),
        HOSTILE_TEXT,
      );
  }
}

/** A path parameter: a real ID (ours or another organization's), a well-formed one, or junk. */
function pathValue(identities: Identities): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...identities.ids).map(percentEncoded) },
    { weight: 2, arbitrary: WELL_FORMED_ID },
    { weight: 2, arbitrary: HOSTILE_TEXT.map(percentEncoded) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "%FF",
        "%C3%28",
        "%E2%82",
        "%ED%A0%80",
        "%",
        "%zz",
        "%2F",
        "..",
        ".",
        "memb_%00",
        "x".repeat(201),
        "%C0%AF",
      ),
    },
  );
}

/** A query value as it goes on the wire (mostly encoded, sometimes raw broken encodings). */
function queryValue(schema: Schema | undefined, identities: Identities): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: valueFor(schema).map((v) =>
        percentEncoded(typeof v === "string" ? v : (JSON.stringify(v) ?? "")),
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(...identities.ids) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "%FF",
        "%C3%28",
        "%",
        "%zz",
        "a%00b",
        "%ED%A0%80",
        "0",
        "-1",
        "1e309",
        "99999999999999999999",
      ),
    },
  );
}

const ODD_CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "application/json; charset=utf-16",
  "Application/JSON",
  "application/json;;;",
  "application/json; boundary=\u00ff",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "text/plain",
  "application/merge-patch+json",
  "application/octet-stream",
  "*/*",
  "",
  "json",
];

/** The body: JSON of a value that (mostly) fits the schema, or bytes no JSON parser likes. */
function bodyOf(schema: Schema | undefined): fc.Arbitrary<Buffer> {
  const json = valueFor(schema ?? { type: "object" }).map((v) =>
    Buffer.from(JSON.stringify(v) ?? "null"),
  );
  return fc.oneof(
    { weight: 8, arbitrary: json },
    {
      // Duplicate keys: the same field twice, the second one hostile.
      weight: 1,
      arbitrary: fc
        .tuple(
          valueFor(schema),
          fc.constantFrom(...Object.keys(schema?.properties ?? { name: 1 })),
          HOSTILE_JSON,
        )
        .map(([v, key, dup]) => {
          const text = JSON.stringify(v);
          const head = text?.startsWith("{") && text !== "{}" ? `${text.slice(0, -1)},` : "{";
          return Buffer.from(`${head}${JSON.stringify(key)}:${JSON.stringify(dup) ?? "null"}}`);
        }),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.integer({ min: 1, max: 100_000 }).map((n) => Buffer.from("[".repeat(n))),
        fc
          .integer({ min: 1, max: 20_000 })
          .map((n) => Buffer.from(`${'{"a":'.repeat(n)}1${"}".repeat(n)}`)),
        fc.constantFrom(
          Buffer.from([
            0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d,
          ]),
          Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
          Buffer.from('{"name":"\\ud800"}'),
          Buffer.from('{"name": 1e999999}'),
          Buffer.from('{"__proto__": {"admin": true}}'),
          Buffer.from('{"constructor": {"prototype": {"x": 1}}}'),
          Buffer.from("{"),
          Buffer.from(""),
          Buffer.from("null"),
          Buffer.from("\u0000"),
          Buffer.from("\ufeff{}"),
          Buffer.alloc(1024 * 1024 + 10, 0x20),
        ),
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      ),
    },
  );
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"];

/** Extra headers: conditional and idempotency headers with odd values, big and strange ones. */
const EXTRA_HEADERS = fc.dictionary(
  fc.constantFrom(
    "if-match",
    "if-none-match",
    "idempotency-key",
    "x-request-id",
    "accept",
    "accept-encoding",
    "cookie",
    "origin",
    "x-forwarded-for",
    "x-huge",
    "range",
  ),
  fc.oneof(
    fc.constantFrom(
      "*",
      '"abc"',
      'W/"x"',
      `req_${"a".repeat(22)}`,
      "gzip, br, deflate",
      `roster_session=${"A".repeat(100)}`,
      "\u00ff\u00fe",
      "bytes=0-1",
      "x".repeat(17 * 1024),
    ),
    fc.string({ unit: fc.constantFrom(...'abc\t !~"*,=;/:@\u00e9\u00ff'), maxLength: 300 }),
  ),
  { maxKeys: 3 },
);

/** Requests no client library sends: broken framing and request lines, odd Host and Expect. */
const RAW_REQUESTS = fc
  .constantFrom(
    "GET /api/v1/me/ HTTP/1.1\r\n\r\n",
    "GET /api/v1/me/ HTTP/1.0\r\n\r\n",
    "GET /api/v1/me/ HTTP/1.1\r\nHost: x\r\nExpect: nonsense\r\n\r\n",
    "POST /api/v1/role/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "POST /api/v1/role/ HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    "POST /api/v1/role/ HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
    "POST /api/v1/role/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n",
    "GET /api/v1/me/\u0000 HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /api/v1/me/ HTTP/1.1\r\nHost: x\r\nX-Bad\u0000: 1\r\n\r\n",
    "GET /api/v1/me/ HTTP/9.9\r\nHost: x\r\n\r\n",
    "GARBAGE\r\n\r\n",
    `GET /api/v1/${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET /api/v1/me/ HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(20_000)}\r\n\r\n`,
    "GET http://evil.invalid/api/v1/me/ HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
  )
  .map((text) => text.replace(/\r\n\r\n/, "\r\nConnection: close\r\n\r\n"));

/** The arbitrary of one fuzzed request against `routes` as one of `identities`. */
export function fuzzRequest(
  routes: RouteOperation[],
  identities: Identities,
): fc.Arbitrary<FuzzRequest> {
  const caller = fc.oneof(
    { weight: 4, arbitrary: fc.constant(identities.callers.admin) },
    { weight: 2, arbitrary: fc.constant(identities.callers.member) },
    { weight: 2, arbitrary: fc.constant(identities.callers.otherOrg) },
    { weight: 1, arbitrary: fc.constant(identities.callers.bearer) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "Basic",
        "Bearer x",
        "Basic !!!",
        `Basic ${"A".repeat(9000)}`,
        "Digest a=b",
        "Basic \u00ff",
      ),
    },
  );
  const routed = fc.constantFrom(...routes).chain((route) => {
    const params = route.parameters;
    const path = fc
      .tuple(
        ...(params.filter((p) => p.in === "path").map(() => pathValue(identities)) as [
          fc.Arbitrary<string>,
        ]),
      )
      .map((values) => {
        let i = 0;
        return route.path.replace(/\{[^}]+\}/g, () => values[i++] ?? "x");
      });
    const query = fc
      .tuple(
        fc.subarray(params.filter((p) => p.in === "query")),
        fc.array(fc.constantFrom("_fields", "_limit", "_skip", "x", "__proto__", ""), {
          maxLength: 2,
        }),
      )
      .chain(([chosen, extra]) =>
        fc.tuple(
          ...([
            ...chosen.map((p) => [p.name, p.schema] as const),
            ...extra.map((n) => [n, undefined] as const),
          ].map(([name, schema]) =>
            queryValue(schema, identities).map((v) => `${percentEncoded(name)}=${v}`),
          ) as [fc.Arbitrary<string>]),
        ),
      )
      .map((pairs) => (pairs.length > 0 ? `?${pairs.join("&")}` : ""));
    const method = fc.oneof(
      { weight: 9, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
    );
    return fc.record({
      method,
      path,
      query,
      caller,
      body: fc.option(bodyOf(route.body), { freq: route.body ? 10 : 3 }),
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constant("application/json") },
        { weight: 2, arbitrary: fc.constantFrom(...ODD_CONTENT_TYPES) },
      ),
      extra: fc.oneof(
        { weight: 4, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: EXTRA_HEADERS },
      ),
    });
  });
  return fc.oneof(
    {
      weight: 30,
      arbitrary: routed.map(({ method, path, query, caller, body, contentType, extra }) => {
        const headers: Record<string, string> = { ...extra };
        if (caller !== undefined) headers.authorization = caller;
        const sendsBody = body !== null && method !== "GET" && method !== "HEAD";
        if (sendsBody && contentType !== "") headers["content-type"] = contentType;
        return {
          method,
          url: `${path}${query}`,
          headers,
          ...(sendsBody ? { body: body.toString("base64") } : {}),
        };
      }),
    },
    {
      weight: 1,
      arbitrary: RAW_REQUESTS.map((text) => ({
        method: "RAW",
        url: text.split(" ")[1] ?? "",
        headers: {},
        raw: Buffer.from(text, "latin1").toString("base64"),
      })),
    },
  );
}
