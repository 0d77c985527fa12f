import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { newId } from "../src/domain/ids.ts";
import { listEventsOfObject } from "../src/store/events.ts";
import { predefinedRoleIdOf } from "./helpers/api.ts";
import {
  assertErrorBody,
  assertFieldErrors,
  membershipRow,
  snapshotOrg,
} from "./helpers/assertions.ts";
import {
  basic,
  createOrg,
  customRole,
  type Harness,
  type Member,
  type Org,
  putMembership,
  sendRaw,
  useHarness,
} from "./helpers/harness.ts";
import { setActive } from "./helpers/security.ts";

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * Runs `request` and asserts that it changed nothing: the organization's memberships and
 * events (and so the target membership and its event list) are as they were.
 */
async function unchanged<T extends LightMyRequestResponse>(
  h: Harness,
  org: Org,
  target: Member,
  request: () => Promise<T>,
): Promise<T> {
  const before = await snapshotOrg(h, org.id);
  const events = await listEventsOfObject(h.store.db, org.id, target.membershipId);
  const res = await request();
  assert.notEqual(res.statusCode, 200, `expected a refusal: ${res.body}`);
  assert.deepEqual(await snapshotOrg(h, org.id), before, `changed by a ${res.statusCode}`);
  assert.deepEqual(await listEventsOfObject(h.store.db, org.id, target.membershipId), events);
  return res;
}

function put(h: Harness, org: Org, url: string, payload: string, contentType?: string) {
  return sendRaw(h, org.admin.apiKey, "PUT", url, payload, contentType);
}

describe("PUT /api/v1/membership/{id}/ — errors", () => {
  const h = useHarness();

  describe("bad field values → 400 with one field error, nothing changed", () => {
    const BAD: Record<string, unknown[]> = {
      role_id: [5, true, null, [], {}, ["admin"], "", "x".repeat(101), "wizard", "ADMIN"],
      auto_record_calls: ["unset", "ENABLED", "on", "", true, false, null, 1, ["enabled"]],
      default_caller_id: [
        "user_abc",
        "phon_",
        "phon_abc def",
        "phon_abc/../x",
        `phon_${"a".repeat(101)}`,
        "abc",
        123,
        true,
        {},
        [],
      ],
      default_caller_id_mode: ["manual", "AUTO", "", null, 1, true, ["auto"]],
      hangup_recording_url: [
        "ftp://example.com/goodbye.mp3",
        "not a url",
        "example.com/goodbye.mp3",
        "//example.com/goodbye.mp3",
        "https://",
        "http:///goodbye.mp3",
        "javascript:alert(1)",
        "https://exa mple.com/",
        `https://example.com/${"a".repeat(3000)}`,
        5,
        true,
        {},
      ],
      may_workflows_impersonate: ["true", "false", 1, 0, null, "", [], {}],
      track_email_opens: ["true", "false", "yes", 1, 0, null, []],
    };
    for (const [field, values] of Object.entries(BAD)) {
      test(field, async () => {
        const org = await createOrg(h);
        const target = await org.add("user");
        for (const value of values) {
          const res = await unchanged(h, org, target, () =>
            putMembership(h, org.admin.apiKey, target.membershipId, { [field]: value }),
          );
          assertFieldErrors(res, [field], `${field}=${JSON.stringify(value)?.slice(0, 40)}`);
        }
      });
    }
  });

  test("role_id naming a role of another organization, or no role at all → 400 on role_id", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const other = await createOrg(h);
    const othersCustom = await customRole(h, other.id, ["calling"]);
    const othersPredefined = await predefinedRoleIdOf(h, other.id, "admin");
    for (const roleId of [
      othersCustom,
      othersPredefined,
      newId("role"),
      "role_",
      "role_\u0000",
      "role_ünïcödé",
      "a\u0000b",
      org.id,
      target.membershipId,
    ]) {
      const res = await unchanged(h, org, target, () =>
        putMembership(h, org.admin.apiKey, target.membershipId, { role_id: roleId }),
      );
      assertFieldErrors(res, ["role_id"], roleId);
    }
  });

  test("several bad fields at once → one field error each, and no valid field applied", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const res = await unchanged(h, org, target, () =>
      putMembership(h, org.admin.apiKey, target.membershipId, {
        role_id: 5,
        auto_record_calls: "unset",
        default_caller_id: "x",
        default_caller_id_mode: "manual",
        hangup_recording_url: "ftp://example.com",
        may_workflows_impersonate: "true",
        track_email_opens: "false",
      }),
    );
    assertFieldErrors(res, [
      "role_id",
      "auto_record_calls",
      "default_caller_id",
      "default_caller_id_mode",
      "hangup_recording_url",
      "may_workflows_impersonate",
      "track_email_opens",
    ]);

    const mixed = await unchanged(h, org, target, () =>
      putMembership(h, org.admin.apiKey, target.membershipId, {
        role_id: "superuser",
        auto_record_calls: "enabled",
        track_email_opens: "no",
        bogus: 1,
      }),
    );
    assertFieldErrors(mixed, ["track_email_opens", "bogus"]);

    const unknownRole = await unchanged(h, org, target, () =>
      putMembership(h, org.admin.apiKey, target.membershipId, {
        auto_record_calls: "enabled",
        role_id: "wizard",
      }),
    );
    assertFieldErrors(unknownRole, ["role_id"]);
  });

  test("a schema error and a role that does not exist → both in one 400, on every backend", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const other = await createOrg(h);
    const othersRole = await customRole(h, other.id, ["calling"]);
    for (const roleId of ["god", othersRole, newId("role")]) {
      const res = await unchanged(h, org, target, () =>
        putMembership(h, org.admin.apiKey, target.membershipId, {
          role_id: roleId,
          auto_record_calls: "maybe",
          bogus: true,
        }),
      );
      assertFieldErrors(res, ["role_id", "auto_record_calls", "bogus"], roleId);
      assert.equal(res.json()["field-errors"].role_id, "Role does not exist.");
    }
    // The same on the bulk update.
    const bulk = await unchanged(h, org, target, () =>
      h.app.inject({
        method: "PUT",
        url: `/api/v1/membership/?id__in=${target.membershipId}`,
        headers: { authorization: basic(org.admin.apiKey), "content-type": "application/json" },
        payload: { role_id: "god", track_email_opens: "no" },
      }),
    );
    assertFieldErrors(bulk, ["role_id", "track_email_opens"]);
    // A role that exists is not reported: only the schema's error.
    const good = await unchanged(h, org, target, () =>
      putMembership(h, org.admin.apiKey, target.membershipId, {
        role_id: "superuser",
        auto_record_calls: "maybe",
      }),
    );
    assertFieldErrors(good, ["auto_record_calls"]);
  });

  test("what comes before a 400 stays first: 401, 403; an unknown membership with a valid body is 404", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const body = { role_id: "god", auto_record_calls: "maybe" };
    const anonymous = await h.app.inject({
      method: "PUT",
      url: `/api/v1/membership/${target.membershipId}/`,
      headers: { "content-type": "application/json" },
      payload: body,
    });
    assert.equal(anonymous.statusCode, 401);
    const lacking = await unchanged(h, org, target, () =>
      putMembership(h, target.apiKey, target.membershipId, body),
    );
    assert.equal(lacking.statusCode, 403, lacking.body);
    assertErrorBody(lacking);
    const unknown = await putMembership(h, org.admin.apiKey, newId("membership"), {
      role_id: "superuser",
    });
    assert.equal(unknown.statusCode, 404, unknown.body);
  });

  test("unknown fields → a field error on each, even read-only and Object-method names", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    for (const field of [
      "foo",
      "id",
      "role",
      "user_id",
      "organization_id",
      "permissions_granted",
      "is_free",
      "date_updated",
      "constructor",
      "toString",
      "hasOwnProperty",
      "",
      "Role_Id",
    ]) {
      const res = await unchanged(h, org, target, () =>
        putMembership(h, org.admin.apiKey, target.membershipId, { [field]: "admin" }),
      );
      assertFieldErrors(res, [field], JSON.stringify(field));
    }
    const two = await unchanged(h, org, target, () =>
      putMembership(h, org.admin.apiKey, target.membershipId, {
        role_id: "superuser",
        valueOf: 1,
        extra: true,
      }),
    );
    assertFieldErrors(two, ["valueOf", "extra"]);
  });

  test("deprecated record_calls → 400 with a field error naming auto_record_calls", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    for (const value of [true, false, "enabled"]) {
      const res = await unchanged(h, org, target, () =>
        putMembership(h, org.admin.apiKey, target.membershipId, { record_calls: value }),
      );
      const errors = assertFieldErrors(res, ["record_calls"]);
      assert.match(errors.record_calls ?? "", /auto_record_calls/);
    }
  });

  test('malformed JSON → 400 {"error": "The request contains invalid JSON."}', async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const url = `/api/v1/membership/${target.membershipId}/`;
    for (const payload of [
      "{bad",
      "{",
      '{"role_id": "user",}',
      "{'role_id': 'user'}",
      '{"role_id": "user"} trailing',
      '{"role_id": undefined}',
      "{role_id: 1}",
      "\u0000",
      "NaN",
      '{"role_id": "\\x41"}',
    ]) {
      const res = await unchanged(h, org, target, () =>
        put(h, org, url, payload, "application/json"),
      );
      assert.equal(res.statusCode, 400, payload);
      assert.deepEqual(res.json(), { error: "The request contains invalid JSON." }, payload);
    }
  });

  test("a JSON body that is not an object → 400 {error}", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const url = `/api/v1/membership/${target.membershipId}/`;
    for (const payload of [
      "[]",
      '[{"role_id": "user"}]',
      '"user"',
      "null",
      "42",
      "true",
      "1e400",
    ]) {
      const res = await unchanged(h, org, target, () =>
        put(h, org, url, payload, "application/json"),
      );
      assert.equal(res.statusCode, 400, payload);
      assertErrorBody(res, payload);
    }
  });

  test("an empty body → 400 {error}, with or without a JSON content type", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const url = `/api/v1/membership/${target.membershipId}/`;
    for (const contentType of ["application/json", undefined]) {
      const res = await unchanged(h, org, target, () => put(h, org, url, "", contentType));
      assert.equal(res.statusCode, 400, String(contentType));
      assertErrorBody(res);
    }
  });

  test("a body that is not JSON → 415 {error}; JSON with a charset is fine", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const url = `/api/v1/membership/${target.membershipId}/`;
    const body = JSON.stringify({ role_id: "superuser" });
    for (const [contentType, payload] of [
      ["text/plain", body],
      ["text/plain; charset=utf-8", body],
      ["application/x-www-form-urlencoded", "role_id=superuser"],
      [
        "multipart/form-data; boundary=xyz",
        '--xyz\r\nContent-Disposition: form-data; name="role_id"\r\n\r\nsuperuser\r\n--xyz--',
      ],
      ["application/xml", "<role_id>superuser</role_id>"],
      ["application/octet-stream", body],
    ] as const) {
      const res = await unchanged(h, org, target, () => put(h, org, url, payload, contentType));
      assert.equal(res.statusCode, 415, contentType);
      assertErrorBody(res, contentType);
    }
    const ok = await put(h, org, url, body, "application/json; charset=utf-8");
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().role_id, "superuser");
  });

  test("a body over 1 MiB → 413 {error}; just under is parsed", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const url = `/api/v1/membership/${target.membershipId}/`;
    const padded = (size: number) => {
      const head = '{"role_id": "superuser", "pad": "';
      return `${head}${"x".repeat(size - head.length - 2)}"}`;
    };
    const big = padded(1024 * 1024 + 1);
    assert.equal(Buffer.byteLength(big), 1024 * 1024 + 1);
    const res = await unchanged(h, org, target, () => put(h, org, url, big, "application/json"));
    assert.equal(res.statusCode, 413);
    assertErrorBody(res);
    // Exactly 1 MiB is within the limit: it reaches validation (the unknown `pad` field).
    const under = await unchanged(h, org, target, () =>
      put(h, org, url, padded(1024 * 1024), "application/json"),
    );
    assertFieldErrors(under, ["pad"]);
  });

  test("odd or foreign membership IDs → 404 {error}", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const other = await createOrg(h);
    const foreign = await other.add("user");
    const ids = [
      "..",
      "%2e%2e",
      "a".repeat(500),
      `memb_${"a".repeat(195)}`,
      `memb_${"a".repeat(196)}`,
      encodeURIComponent("memb_ñü日本"),
      encodeURIComponent("memb_😀"),
      "%ZZ",
      "%",
      "%ED%A0%80",
      "%FF%FE",
      "%00",
      "memb_%00abc",
      "memb_%0A",
      encodeURIComponent("memb_' OR '1'='1"),
      newId("membership"),
      "memb_",
      org.id,
      org.admin.userId,
      foreign.membershipId,
      other.admin.membershipId,
    ];
    for (const id of ids) {
      const res = await unchanged(h, org, target, () =>
        put(h, org, `/api/v1/membership/${id}/`, '{"role_id": "superuser"}', "application/json"),
      );
      assert.equal(res.statusCode, 404, `${id.slice(0, 40)}: ${res.body}`);
      assertErrorBody(res, id.slice(0, 40));
      assert.match(String(res.headers["x-request-id"]), /^req_/);
    }
    assert.equal((await membershipRow(h, foreign.membershipId))?.role_id, "user");
    assert.equal((await membershipRow(h, other.admin.membershipId))?.role_id, "admin");
  });

  test("an inactive membership → 400 {error}, and it stays as it was", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    await setActive(h, target.membershipId, false);
    const res = await unchanged(h, org, target, () =>
      putMembership(h, org.admin.apiKey, target.membershipId, {
        role_id: "superuser",
        auto_record_calls: "enabled",
      }),
    );
    assert.equal(res.statusCode, 400, res.body);
    assertErrorBody(res);
    // A no-op body is refused as well: the membership cannot be updated at all.
    const empty = await unchanged(h, org, target, () =>
      putMembership(h, org.admin.apiKey, target.membershipId, {}),
    );
    assert.equal(empty.statusCode, 400, empty.body);
  });

  test("the sole admin cannot demote themselves (400 {error}); with two admins it works", async () => {
    const org = await createOrg(h);
    const self = org.admin;
    for (const role of ["superuser", "user", "restricteduser"]) {
      const res = await unchanged(h, org, self, () =>
        putMembership(h, self.apiKey, self.membershipId, {
          role_id: role,
          track_email_opens: false,
        }),
      );
      assert.equal(res.statusCode, 400, `${role}: ${res.body}`);
      assertErrorBody(res, role);
    }
    const custom = await customRole(h, org.id, ["calling", "export"]);
    const toCustom = await unchanged(h, org, self, () =>
      putMembership(h, self.apiKey, self.membershipId, { role_id: custom }),
    );
    assert.equal(toCustom.statusCode, 400, toCustom.body);

    // An inactive admin does not count.
    const dormant = await org.add("admin");
    await setActive(h, dormant.membershipId, false);
    const stillAlone = await unchanged(h, org, self, () =>
      putMembership(h, self.apiKey, self.membershipId, { role_id: "user" }),
    );
    assert.equal(stillAlone.statusCode, 400, stillAlone.body);

    // A custom role with manage_organization counts as an admin.
    const manager = await org.add(await customRole(h, org.id, ["manage_organization"]));
    const demoted = await putMembership(h, self.apiKey, self.membershipId, { role_id: "user" });
    assert.equal(demoted.statusCode, 200, demoted.body);
    assert.equal(demoted.json().role_id, "user");

    // Now the custom-role manager is the last one who can manage the organization.
    const last = await unchanged(h, org, manager, () =>
      putMembership(h, manager.apiKey, manager.membershipId, { role_id: "superuser" }),
    );
    assert.equal(last.statusCode, 400, last.body);
    // Promoting someone first makes the demotion legal.
    const promote = await putMembership(h, manager.apiKey, self.membershipId, { role_id: "admin" });
    assert.equal(promote.statusCode, 200, promote.body);
    const now = await putMembership(h, manager.apiKey, manager.membershipId, {
      role_id: "superuser",
    });
    assert.equal(now.statusCode, 200, now.body);
  });

  test("methods other than PUT on /membership/{id}/ → 405 {error} with Allow", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    // DELETE (deactivate) and GET (an extension) are planned on this path; PATCH and POST never are.
    for (const method of ["PATCH", "POST"] as const) {
      for (const url of [
        `/api/v1/membership/${target.membershipId}/`,
        `/api/v1/membership/${target.membershipId}`,
      ]) {
        const res = await unchanged(h, org, target, () =>
          h.app.inject({
            method,
            url,
            headers: { authorization: basic(org.admin.apiKey), ...JSON_HEADERS },
            payload: '{"role_id": "superuser"}',
          }),
        );
        assert.equal(res.statusCode, 405, `${method} ${url}`);
        assertErrorBody(res, method);
        assert.match(String(res.headers.allow), /\bPUT\b/);
      }
    }
    for (const [method, url] of [
      ["PATCH", "/api/v1/me/"],
      ["DELETE", "/api/v1/me/"],
      ["PUT", "/api/v1/me/"],
      ["DELETE", `/api/v1/organization/${org.id}/`],
      ["PATCH", `/api/v1/organization/${org.id}/`],
    ] as const) {
      const res = await h.app.inject({
        method,
        url,
        headers: { authorization: basic(org.admin.apiKey), ...JSON_HEADERS },
        payload: "{}",
      });
      assert.equal(res.statusCode, 405, `${method} ${url}`);
      assertErrorBody(res, `${method} ${url}`);
      assert.match(String(res.headers.allow), /\bGET\b/);
    }
  });

  test("unknown paths → 404 {error}", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    for (const url of [
      "/api/v1/nothing/",
      "/api/v1/",
      "/api/v2/membership/x/",
      "/",
      `/api/v1/membership/${target.membershipId}/extra/`,
      `/api/v1/membership/${target.membershipId}/extra/deeper/`,
      `/api/v1/memberships/${target.membershipId}/`,
      `/membership/${target.membershipId}/`,
    ]) {
      for (const method of ["GET", "PUT"] as const) {
        const res = await unchanged(h, org, target, () =>
          h.app.inject({
            method,
            url,
            headers: { authorization: basic(org.admin.apiKey), ...JSON_HEADERS },
            payload: '{"role_id": "superuser"}',
          }),
        );
        assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
        assertErrorBody(res, url);
      }
    }
  });

  test("_params must be an object; inside it, query parameters such as _fields apply", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    for (const params of [
      5,
      "x",
      null,
      [],
      true,
      { _fields: { id: true } },
      { id__in: [["memb_a"]] },
      { id__in: [{ id: "memb_a" }] },
    ]) {
      const res = await unchanged(h, org, target, () =>
        putMembership(h, org.admin.apiKey, target.membershipId, {
          _params: params,
          role_id: "superuser",
        }),
      );
      assertFieldErrors(res, ["_params"], JSON.stringify(params));
    }
    const ok = await putMembership(h, org.admin.apiKey, target.membershipId, {
      _params: { _fields: "id,role_id" },
      role_id: "superuser",
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { id: target.membershipId, role_id: "superuser" });
  });
});

describe("PUT /api/v1/membership/{id}/ — a configured body limit", () => {
  const h = useHarness({ BODY_LIMIT: "2048" });

  test("BODY_LIMIT=2048: 2049 bytes → 413, 2048 bytes are parsed", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const url = `/api/v1/membership/${target.membershipId}/`;
    const padded = (size: number) => {
      const head = '{"role_id": "superuser", "pad": "';
      return `${head}${"x".repeat(size - head.length - 2)}"}`;
    };
    const over = await unchanged(h, org, target, () =>
      put(h, org, url, padded(2049), "application/json"),
    );
    assert.equal(over.statusCode, 413);
    assertErrorBody(over);
    const within = await unchanged(h, org, target, () =>
      put(h, org, url, padded(2048), "application/json"),
    );
    assertFieldErrors(within, ["pad"]);
  });
});
