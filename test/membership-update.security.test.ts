import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { listEventsOfObject } from "../src/store/events.ts";
import { assertErrorBody, membershipRow } from "./helpers/assertions.ts";
import { bearer, createOrg, customRole, putMembership, useHarness } from "./helpers/harness.ts";
import { securitySuite } from "./helpers/security.ts";

describe("PUT /api/v1/membership/{id}/ — security", () => {
  const h = useHarness();

  securitySuite(h, {
    method: "PUT",
    path: (_org, target) => `/api/v1/membership/${target.membershipId}/`,
    body: { role_id: "restricteduser", auto_record_calls: "enabled" },
    permission: "manage_organization",
  });

  test("a member cannot promote themselves: 403, still a user", async () => {
    const org = await createOrg(h);
    const self = await org.add("user");
    const res = await putMembership(h, self.apiKey, self.membershipId, { role_id: "admin" });
    assert.equal(res.statusCode, 403, res.body);
    assertErrorBody(res);
    assert.equal((await membershipRow(h, self.membershipId))?.role_id, "user");
  });

  test("a custom role grants manage_organization exactly when it lists it", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const withIt = await org.add(await customRole(h, org.id, ["manage_organization", "calling"]));
    const without = await org.add(await customRole(h, org.id, ["calling", "view_all_leads"]));

    const refused = await putMembership(h, without.apiKey, target.membershipId, {
      role_id: "superuser",
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal((await membershipRow(h, target.membershipId))?.role_id, "user");

    const allowed = await putMembership(h, withIt.apiKey, target.membershipId, {
      role_id: "superuser",
    });
    assert.equal(allowed.statusCode, 200, allowed.body);
    assert.equal(allowed.json().role_id, "superuser");
  });

  test("a write by Bearer token is attributed to the token's user and OAuth app, not a key", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const token = await org.token(org.admin);
    const res = await h.app.inject({
      method: "PUT",
      url: `/api/v1/membership/${target.membershipId}/`,
      headers: { authorization: bearer(token), "content-type": "application/json" },
      payload: { auto_record_calls: "disabled" },
    });
    assert.equal(res.statusCode, 200, res.body);
    const events = (await listEventsOfObject(h.store.db, org.id, target.membershipId)).filter(
      (e) => e.action === "updated",
    );
    assert.equal(events.length, 1);
    assert.equal(events[0]?.user_id, org.admin.userId);
    assert.equal(events[0]?.api_key_id, null);
    assert.match(events[0]?.oauth_app_id ?? "", /^oa2client_/);
  });

  test("a caller demoted inside the same organization loses the write at once, mid-session", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const second = await org.add("admin");
    const first = await putMembership(h, second.apiKey, target.membershipId, {
      auto_record_calls: "enabled",
    });
    assert.equal(first.statusCode, 200, first.body);
    const demote = await putMembership(h, org.admin.apiKey, second.membershipId, {
      role_id: "user",
    });
    assert.equal(demote.statusCode, 200, demote.body);
    const after = await putMembership(h, second.apiKey, target.membershipId, {
      auto_record_calls: "disabled",
    });
    assert.equal(after.statusCode, 403, after.body);
    assert.equal((await membershipRow(h, target.membershipId))?.auto_record_calls, "enabled");
  });
});

describe("PUT /api/v1/membership/{id}/ — the credential is checked before the body", () => {
  const h = useHarness();

  // The hot write checks its credential inside its unit of work; a request refused before
  // the unit runs must still be answered 401 / 403 first, as every other route answers it.
  test("unknown key, or a member without manage_organization, with a bad body or media type → 401 / 403", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const member = await org.add("user");
    const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
    const unknown = `${org.admin.apiKey.split(".")[0]}.${"x".repeat(43)}`;
    const put = (key: string, payload: string, type = "application/json") =>
      h.app.inject({
        method: "PUT",
        url: `/api/v1/membership/${target.membershipId}/`,
        headers: { authorization: basic(key), "content-type": type },
        payload,
      });
    const cases: Array<[string, string, string, number]> = [
      [unknown, '{"role_id": 7}', "application/json", 401],
      [unknown, "role_id=user", "text/csv", 401],
      [unknown, "{", "application/json", 401],
      [member.apiKey, '{"role_id": 7}', "application/json", 403],
      [member.apiKey, "role_id=user", "text/csv", 403],
      [org.admin.apiKey, '{"role_id": 7}', "application/json", 400],
      [org.admin.apiKey, "role_id=user", "text/csv", 415],
      [unknown, '{"role_id": "superuser"}', "application/json", 401],
      [member.apiKey, '{"role_id": "superuser"}', "application/json", 403],
    ];
    for (const [key, payload, type, status] of cases) {
      const res = await put(key, payload, type);
      assert.equal(res.statusCode, status, `${payload} as ${type}: ${res.body}`);
      if (status !== 400) assertErrorBody(res);
    }
    assert.equal((await membershipRow(h, target.membershipId))?.role_id, "user");
  });
});
