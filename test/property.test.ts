import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { MEMBERSHIP_PATCH_FIELDS } from "../src/domain/memberships.ts";
import { MEMBERSHIP_FIELDS, snapshotOrg } from "./helpers/assertions.ts";
import { basic, bearer, createOrg, type Harness, useHarness } from "./helpers/harness.ts";

const NUM_RUNS = 150;

/** A response is one of Close's bodies: an object, an error, or a validation error. */
function assertCloseErrorShape(res: LightMyRequestResponse): void {
  const body = res.json() as Record<string, unknown>;
  const keys = Object.keys(body).sort();
  if (keys.length === 1) {
    assert.deepEqual(keys, ["error"], res.body);
    assert.equal(typeof body.error, "string");
    return;
  }
  assert.deepEqual(keys, ["errors", "field-errors"], res.body);
  assert.ok(Array.isArray(body.errors));
  const fieldErrors = body["field-errors"] as Record<string, unknown>;
  assert.ok(Object.keys(fieldErrors).length > 0 || (body.errors as unknown[]).length > 0);
  for (const message of Object.values(fieldErrors)) assert.equal(typeof message, "string");
}

// ---- bodies ----

const VALID_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  role_id: fc.constantFrom("admin", "superuser", "user", "restricteduser"),
  auto_record_calls: fc.constantFrom("enabled", "disabled"),
  default_caller_id: fc.oneof(fc.constant(null), fc.stringMatching(/^phon_[A-Za-z0-9]{1,60}$/)),
  default_caller_id_mode: fc.constantFrom("fixed", "auto"),
  hangup_recording_url: fc.oneof(fc.constant(null), fc.webUrl({ validSchemes: ["http", "https"] })),
  may_workflows_impersonate: fc.boolean(),
  track_email_opens: fc.boolean(),
};

const fieldName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...MEMBERSHIP_PATCH_FIELDS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "record_calls",
      "_params",
      "id",
      "role",
      "active",
      "constructor",
      "toString",
      "__proto__",
      "",
      "ROLE_ID",
      "role_id ",
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
);

const junkValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom(
    "",
    "unset",
    "true",
    "null",
    "phon_",
    "ftp://example.com/x",
    "https://",
    "\u0000",
    "role_\u0000",
    "🙂".repeat(60),
    Number.MAX_SAFE_INTEGER + 2,
    -0,
    1e308,
    -1e308,
    5e-324,
  ),
);

const entry: fc.Arbitrary<[string, unknown]> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...MEMBERSHIP_PATCH_FIELDS)
      .chain((field) =>
        (VALID_VALUES[field] as fc.Arbitrary<unknown>).map((v): [string, unknown] => [field, v]),
      ),
  },
  { weight: 3, arbitrary: fc.tuple(fieldName, junkValue) },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constant("_params"),
      fc.oneof(
        fc.dictionary(
          fc.constantFrom("_fields", "id__in", "_skip", "x"),
          fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.string({ maxLength: 10 })), junkValue),
        ),
        junkValue,
      ),
    ),
  },
);

/** An object body, serialized: mostly valid fields, some junk. */
const objectBody = fc.array(entry, { maxLength: 8 }).map((entries) => {
  return JSON.stringify(Object.fromEntries(entries));
});

/** Text no serializer writes: numbers beyond double range, deep nesting, at any field. */
const rawBody = fc.oneof(
  fc
    .tuple(
      fieldName,
      fc.constantFrom(
        "1e400",
        "-1e400",
        "1e-400",
        "123456789012345678901234567890123456789",
        "-0.0",
        "0.1e999999",
      ),
    )
    .map(([field, number]) => `{${JSON.stringify(field)}: ${number}}`),
  fc
    .tuple(
      fc.oneof(fieldName, fc.constantFrom("_params")),
      fc.integer({ min: 1, max: 60_000 }),
      fc.constantFrom("[", '{"a":'),
    )
    .map(([field, depth, open]) => {
      const close = open === "[" ? "]" : "}";
      return `{${JSON.stringify(field)}: ${open.repeat(depth)}1${close.repeat(depth)}}`;
    }),
  fc
    .tuple(fc.constantFrom("_fields", "id__in", "x"), fc.integer({ min: 1, max: 60_000 }))
    .map(
      ([name, depth]) =>
        `{"_params": {${JSON.stringify(name)}: ${"[".repeat(depth)}"id"${"]".repeat(depth)}}}`,
    ),
);

const anyBody = fc.oneof({ weight: 5, arbitrary: objectBody }, { weight: 2, arbitrary: rawBody });

// ---- Authorization headers ----

/** Characters an HTTP header value may carry (visible ASCII, space, obs-text). */
const headerChar = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
  .map((code) => String.fromCharCode(code));
const headerText = fc.string({ unit: headerChar, maxLength: 300 });

function authorizationHeader(apiKey: string, token: string): fc.Arbitrary<string> {
  const [keyId = "", keySecret = ""] = apiKey.split(".");
  const [tokenId = ""] = token.split(".");
  /** The real secret with one character changed: as close to valid as a guess gets. */
  const nearSecret = fc
    .tuple(fc.nat({ max: keySecret.length - 1 }), fc.constantFrom(..."0123456789abcXYZ"))
    .map(([at, ch]) => {
      const replacement = keySecret[at] === ch ? (ch === "0" ? "1" : "0") : ch;
      return `${keySecret.slice(0, at)}${replacement}${keySecret.slice(at + 1)}`;
    });
  const scheme = fc.constantFrom("Basic", "basic", "BASIC", "Bearer", "bearer", "Digest", "Token");
  const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  return fc.oneof(
    headerText,
    fc.tuple(scheme, headerText).map(([s, rest]) => `${s} ${rest}`),
    fc
      .uint8Array({ maxLength: 200 })
      .map((bytes) => `Basic ${Buffer.from(bytes).toString("base64")}`),
    fc
      .tuple(fc.string({ unit: "binary", maxLength: 60 }), fc.string({ maxLength: 20 }))
      .map(([user, password]) => `Basic ${base64(`${user}:${password}`)}`),
    fc
      .tuple(nearSecret, fc.string({ maxLength: 10 }))
      .map(([secret, password]) => `Basic ${base64(`${keyId}.${secret}:${password}`)}`),
    fc
      .string({ unit: "binary", minLength: 1, maxLength: 50 })
      .map((junk) => `Basic ${base64(`${keyId}${junk}.${keySecret}`)}`),
    fc.string({ maxLength: 60 }).map((secret) => bearer(`${tokenId}.${secret}`)),
    nearSecret.map((secret) => bearer(`${keyId}.${secret}`)),
    fc.constant(bearer(apiKey)),
    fc.constant(basic(token)),
  );
}

describe("property: PUT /api/v1/membership/{id}/ never fails with a 500", () => {
  const h: Harness = useHarness();

  test("random JSON bodies: never a 500; anything but a 200 changes nothing", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const url = `/api/v1/membership/${target.membershipId}/`;
    const headers = { authorization: basic(org.admin.apiKey), "content-type": "application/json" };
    await fc.assert(
      fc.asyncProperty(anyBody, async (payload) => {
        const before = await snapshotOrg(h, org.id);
        const res = await h.app.inject({ method: "PUT", url, headers, payload });
        assert.ok([200, 400, 413].includes(res.statusCode), `${res.statusCode}: ${res.body}`);
        if (res.statusCode !== 200) {
          assertCloseErrorShape(res);
          assert.deepEqual(await snapshotOrg(h, org.id), before, "a refusal changed nothing");
          return;
        }
        // A 200 is the membership (possibly cut by _fields), with every field sent applied.
        const body = res.json() as Record<string, unknown>;
        for (const key of Object.keys(body)) assert.ok(MEMBERSHIP_FIELDS.includes(key), key);
        const sent = JSON.parse(payload) as Record<string, unknown>;
        if (body.id !== undefined) assert.equal(body.id, target.membershipId);
        for (const field of MEMBERSHIP_PATCH_FIELDS) {
          if (field in sent && field in body) assert.deepEqual(body[field], sent[field], field);
        }
        const stored = await h.store.db
          .selectFrom("memberships")
          .select(["role_id", "auto_record_calls", "default_caller_id"])
          .where("id", "=", target.membershipId)
          .executeTakeFirstOrThrow();
        for (const field of ["role_id", "auto_record_calls", "default_caller_id"] as const) {
          if (field in sent) assert.equal(stored[field], sent[field], `${field} stored`);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test("random Authorization headers: always 401 with a challenge, never a 500", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const token = await org.token(org.admin);
    const url = `/api/v1/membership/${target.membershipId}/`;
    await fc.assert(
      fc.asyncProperty(authorizationHeader(org.admin.apiKey, token), async (authorization) => {
        const before = await snapshotOrg(h, org.id);
        const res = await h.app.inject({
          method: "PUT",
          url,
          headers: { authorization, "content-type": "application/json" },
          payload: JSON.stringify({ role_id: "superuser" }),
        });
        assert.equal(res.statusCode, 401, `${JSON.stringify(authorization)}: ${res.body}`);
        assert.match(String(res.headers["www-authenticate"]), /basic/i);
        assertCloseErrorShape(res);
        assert.deepEqual(await snapshotOrg(h, org.id), before);
      }),
      { numRuns: NUM_RUNS },
    );
    // The generators are near misses: the real credentials still work.
    const ok = await h.app.inject({
      method: "PUT",
      url,
      headers: { authorization: bearer(token), "content-type": "application/json" },
      payload: "{}",
    });
    assert.equal(ok.statusCode, 200);
  });
});
