import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { allowCreate, api, freshEmail, userCount } from "./helpers/api.ts";
import { assertError, assertFieldErrors, snapshotOrg } from "./helpers/assertions.ts";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";

/**
 * Values that pass a schema (or never meet one) but cannot be stored or converted: leap
 * seconds, NUL and other control characters, forged cursors, addresses that are not
 * addresses. Each gets a 4xx in Close's shape, on every backend, and changes nothing.
 */
describe("hostile input: a 4xx, never a 500", () => {
  const h = useHarness();

  test("a leap-second timestamp in any date filter of GET /event/ is a 400 naming the field", async () => {
    const org = await createOrg(h);
    for (const field of [
      "date_updated__gt",
      "date_updated__gte",
      "date_updated__lt",
      "date_updated__lte",
    ]) {
      const res = await api(h, org.admin.apiKey, "GET", `/event/?${field}=2016-12-31T23:59:60Z`);
      assertFieldErrors(res, [field], field);
    }
    const both = await api(
      h,
      org.admin.apiKey,
      "GET",
      "/event/?date_updated__gt=2016-12-31T23:59:60Z&date_updated__lt=2017-01-01T00:59:60%2B01:00",
    );
    assertFieldErrors(both, ["date_updated__gt", "date_updated__lt"]);
    const fine = await api(
      h,
      org.admin.apiKey,
      "GET",
      "/event/?date_updated__gt=2016-12-31T23:59:59Z",
    );
    assert.equal(fine.statusCode, 200, fine.body);
  });

  test("a path ID holding NUL or a control character is a 404 on every route", async () => {
    const org = await createOrg(h);
    for (const bad of ["%00", "role_a%00b", "user_%01", "%7F", "memb_x%00"]) {
      const cases: Array<[Parameters<typeof api>[2], string, unknown?]> = [
        ["GET", `/role/${bad}/`],
        ["PUT", `/role/${bad}/`, { name: "x" }],
        ["DELETE", `/role/${bad}/`],
        ["GET", `/user/${bad}/`],
        ["GET", `/event/${bad}/`],
        ["GET", `/membership/${bad}/`],
        ["PUT", `/membership/${bad}/`, { track_email_opens: false }],
        ["DELETE", `/membership/${bad}/`],
        ["GET", `/membership/${bad}/pinned_views/`],
        ["PUT", `/membership/${bad}/pinned_views/`, { saved_view_ids: [] }],
        ["GET", `/organization/${bad}/`],
        ["PUT", `/organization/${bad}/`, { name: "x" }],
      ];
      for (const [method, path, body] of cases) {
        const res = await api(h, org.admin.apiKey, method, path, body);
        assertError(res, 404, `${method} ${path}`);
      }
    }
  });

  test("a filter value that cannot match (NUL, control characters, not an ID) is an empty list", async () => {
    const org = await createOrg(h);
    await org.add("user");
    for (const value of ["%00", "a%00b", "%01", "memb_%00", "user_%1F"]) {
      for (const filter of ["role_id", "user_id"]) {
        const res = await api(h, org.admin.apiKey, "GET", `/membership/?${filter}=${value}`);
        assert.equal(res.statusCode, 200, `${filter}=${value}: ${res.body}`);
        assert.deepEqual(res.json(), { data: [], has_more: false });
      }
      for (const filter of ["object_type", "object_id", "action", "user_id", "request_id"]) {
        const res = await api(h, org.admin.apiKey, "GET", `/event/?${filter}=${value}`);
        assert.equal(res.statusCode, 200, `${filter}=${value}: ${res.body}`);
        assert.deepEqual(res.json(), { data: [], cursor_next: null, cursor_previous: null });
      }
    }
    const bulk = await api(h, org.admin.apiKey, "PUT", "/membership/?id__in=memb_a%00b", {
      track_email_opens: false,
    });
    assert.ok(bulk.statusCode === 400 || bulk.statusCode === 404, bulk.body);
  });

  test("a _cursor that decodes to anything but a cursor this server gave is a 400 naming _cursor", async () => {
    const org = await createOrg(h);
    const forged = [
      ["a\u0000", "b"],
      ["2026-01-01T00:00:00.000000+00:00", "ev_\u0000"],
      ["x", "ev_abc"],
      [1, 2],
      { a: 1 },
      "just a string",
      null,
    ].map((value) => Buffer.from(JSON.stringify(value)).toString("base64url"));
    for (const cursor of [...forged, "%00", "not base64!", "W10"]) {
      const res = await api(h, org.admin.apiKey, "GET", `/event/?_cursor=${cursor}`);
      assertFieldErrors(res, ["_cursor"], cursor);
    }
  });

  test("NUL and control characters in text fields are a 400 field error, and nothing is stored", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const before = await snapshotOrg(h, org.id);
    const users = await userCount(h);
    for (const text of [
      "a\u0000b",
      "tab\there",
      "line\nbreak",
      "bell\u0007",
      "del\u007f",
      "c1\u0085",
    ]) {
      assertFieldErrors(
        await api(h, org.admin.apiKey, "PUT", `/organization/${org.id}/`, { name: text }),
        ["name"],
        JSON.stringify(text),
      );
      assertFieldErrors(
        await api(h, org.admin.apiKey, "POST", "/role/", {
          name: text,
          permissions: ["calling", "view_all_leads"],
        }),
        ["name"],
        JSON.stringify(text),
      );
      assertFieldErrors(
        await api(h, org.admin.apiKey, "POST", "/membership/", {
          email: `a${text}b@acme.test`,
          role_id: "user",
        }),
        ["email"],
        JSON.stringify(text),
      );
    }
    assert.deepEqual(await snapshotOrg(h, org.id), before);
    assert.equal(await userCount(h), users);
  });

  test("membership create takes real email addresses only", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    for (const email of [
      "<script>\u0001@acme.test",
      "<script>@acme.test",
      "a b@acme.test",
      '"quoted"@acme.test',
      "a..b@acme.test",
      ".a@acme.test",
      "a.@acme.test",
      "@acme.test",
      "a@",
      "a@acme",
      "a@-acme.test",
      "a@acme_x.test",
      "a@127.0.0.1",
      `${"x".repeat(65)}@acme.test`,
    ]) {
      const res = await api(h, org.admin.apiKey, "POST", "/membership/", {
        email,
        role_id: "user",
      });
      assertFieldErrors(res, ["email"], JSON.stringify(email));
    }
    for (const email of [
      freshEmail("o'brien+tag"),
      freshEmail("first.last"),
      freshEmail("ünïcode"),
      `${freshEmail("upper").toUpperCase()}`,
    ]) {
      const res = await api(h, org.admin.apiKey, "POST", "/membership/", {
        email,
        role_id: "user",
      });
      assert.equal(res.statusCode, 200, `${email}: ${res.body}`);
    }
  });

  test("a body nested thousands of levels deep is a 400 {error}, with or without an Idempotency-Key, and changes nothing", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const before = await snapshotOrg(h, org.id);
    const deep = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
    const deepList = `{"role_id":"user","x":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    for (const [method, path, payload] of [
      ["PUT", `/membership/${member.membershipId}/`, deep],
      ["PUT", `/membership/${member.membershipId}/`, deepList],
      ["POST", "/role/", deep],
      ["DELETE", `/membership/${member.membershipId}/`, deep],
    ] as const) {
      for (const key of [undefined, "deep-1"]) {
        const res = await h.app.inject({
          method,
          url: `/api/v1${path}`,
          headers: {
            authorization: basic(org.admin.apiKey),
            "content-type": "application/json",
            ...(key ? { "idempotency-key": key } : {}),
          },
          payload,
        });
        assert.match(assertError(res, 400, `${method} ${path}`), /nested more than 32 levels/);
      }
    }
    assert.deepEqual(await snapshotOrg(h, org.id), before);
    // As deep as Close's own bodies go, and further, is still read.
    const nested = `{"track_email_opens":false,"x":${"[".repeat(30)}${"]".repeat(30)}}`;
    const fine = await h.app.inject({
      method: "PUT",
      url: `/api/v1/membership/${member.membershipId}/`,
      headers: { authorization: basic(org.admin.apiKey), "content-type": "application/json" },
      payload: nested,
    });
    assert.notEqual(fine.statusCode, 500, fine.body);
    assert.doesNotMatch(fine.body, /nested more than/);
  });

  test("a verified domain that is not a host name is refused", async () => {
    const org = await createOrg(h);
    for (const domain of [
      "a\u0000b.test",
      "a_b.test",
      "-a.test",
      "a..test",
      "127.0.0.1",
      "nodot",
    ]) {
      const res = await api(h, org.admin.apiKey, "PUT", `/organization/${org.id}/`, {
        verified_email_domains: [domain],
      });
      assertFieldErrors(res, ["verified_email_domains"], JSON.stringify(domain));
    }
  });
});
