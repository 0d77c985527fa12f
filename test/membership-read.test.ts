import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import { api, customRoleOf, predefinedRoleIdOf } from "./helpers/api.ts";
import { assertErrorBody, assertFieldErrors, MEMBERSHIP_FIELDS } from "./helpers/assertions.ts";
import { bearer, createOrg, type Harness, useHarness } from "./helpers/harness.ts";
import { securitySuite } from "./helpers/security.ts";

/**
 * The Roster extensions `GET /membership/{id}/` and `GET /membership/` (docs/compatibility.md, Extensions): one
 * membership, or the organization's memberships filtered by role, user and status.
 */

async function listIds(h: Harness, auth: string, query = "") {
  const res = await api(h, auth, "GET", `/membership/${query}`);
  assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
  const body = res.json() as { data: Array<{ id: string }>; has_more: boolean };
  assert.deepEqual(Object.keys(body).sort(), ["data", "has_more"]);
  return body.data.map((m) => m.id);
}

describe("GET /api/v1/membership/{id}/ (extension)", () => {
  const h = useHarness();

  test("returns the membership as PUT returns it, to any member", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const carol = await org.add("restricteduser");
    const put = await api(h, org.admin.apiKey, "PUT", `/membership/${bob.membershipId}/`, {
      auto_record_calls: "enabled",
    });
    const res = await api(h, carol.apiKey, "GET", `/membership/${bob.membershipId}/`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(Object.keys(res.json()).sort(), MEMBERSHIP_FIELDS);
    assert.deepEqual(res.json(), put.json());
    const fields = await api(
      h,
      carol.apiKey,
      "GET",
      `/membership/${bob.membershipId}?_fields=role`,
    );
    assert.deepEqual(fields.json(), { role: "user" });
  });

  test("another organization's, unknown or malformed IDs → 404 {error}", async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    for (const id of [other.admin.membershipId, newId("membership"), "x", org.admin.userId]) {
      const res = await api(h, org.admin.apiKey, "GET", `/membership/${id}/`);
      assert.equal(res.statusCode, 404, `${id}: ${res.body}`);
      assertErrorBody(res);
    }
  });
});

describe("GET /api/v1/membership/ (extension)", () => {
  const h = useHarness();

  test("lists every membership of the organization, oldest first, active and inactive", async () => {
    const org = await createOrg(h);
    h.clock.advance(10);
    const a = await org.add("user");
    h.clock.advance(10);
    const b = await org.add("superuser");
    h.clock.advance(10);
    const c = await org.add("restricteduser");
    await api(h, org.admin.apiKey, "DELETE", `/membership/${b.membershipId}/`);
    const other = await createOrg(h);
    await other.add("user");
    assert.deepEqual(await listIds(h, org.admin.apiKey), [
      org.admin.membershipId,
      a.membershipId,
      b.membershipId,
      c.membershipId,
    ]);
    const res = await api(h, c.apiKey, "GET", "/membership/");
    for (const m of res.json().data) assert.deepEqual(Object.keys(m).sort(), MEMBERSHIP_FIELDS);
  });

  test("status=active|inactive filters; another status → 400 naming it", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    const b = await org.add("user");
    await api(h, org.admin.apiKey, "DELETE", `/membership/${b.membershipId}/`);
    assert.deepEqual(
      (await listIds(h, org.admin.apiKey, "?status=active")).sort(),
      [org.admin.membershipId, a.membershipId].sort(),
    );
    assert.deepEqual(await listIds(h, org.admin.apiKey, "?status=inactive"), [b.membershipId]);
    for (const status of ["deleted", "ACTIVE", "", "true"]) {
      const res = await api(h, org.admin.apiKey, "GET", `/membership/?status=${status}`);
      assertFieldErrors(res, ["status"], status);
    }
  });

  test("role_id filters by slug, by a predefined role's role_... ID, or by a custom role", async () => {
    const org = await createOrg(h);
    const users = [await org.add("user"), await org.add("user")];
    const superuser = await org.add("superuser");
    const custom = await customRoleOf(h, org, ["calling"]);
    const onCustom = await org.add(custom);
    const userIds = users.map((m) => m.membershipId).sort();
    assert.deepEqual((await listIds(h, org.admin.apiKey, "?role_id=user")).sort(), userIds);
    const userRoleId = await predefinedRoleIdOf(h, org.id, "user");
    assert.deepEqual(
      (await listIds(h, org.admin.apiKey, `?role_id=${userRoleId}`)).sort(),
      userIds,
      "a predefined role's ID finds the members stored under its slug",
    );
    assert.deepEqual(await listIds(h, org.admin.apiKey, "?role_id=superuser"), [
      superuser.membershipId,
    ]);
    assert.deepEqual(await listIds(h, org.admin.apiKey, `?role_id=${custom}`), [
      onCustom.membershipId,
    ]);
    assert.deepEqual(await listIds(h, org.admin.apiKey, "?role_id=admin"), [
      org.admin.membershipId,
    ]);
  });

  test("a role_id that names no role of the organization matches nothing", async () => {
    const org = await createOrg(h);
    await org.add("user");
    const other = await createOrg(h);
    const foreign = await customRoleOf(h, other, ["calling"]);
    const foreignUser = await predefinedRoleIdOf(h, other.id, "user");
    for (const role of ["manager", newId("role"), foreign, foreignUser]) {
      assert.deepEqual(await listIds(h, org.admin.apiKey, `?role_id=${role}`), [], role);
    }
  });

  test("user_id filters; combined filters all apply", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    const b = await org.add("superuser");
    assert.deepEqual(await listIds(h, org.admin.apiKey, `?user_id=${a.userId}`), [a.membershipId]);
    assert.deepEqual(
      await listIds(h, org.admin.apiKey, `?user_id=${a.userId}&role_id=superuser`),
      [],
    );
    assert.deepEqual(
      await listIds(h, org.admin.apiKey, `?user_id=${b.userId}&role_id=superuser&status=active`),
      [b.membershipId],
    );
    await api(h, org.admin.apiKey, "DELETE", `/membership/${b.membershipId}/`);
    assert.deepEqual(await listIds(h, org.admin.apiKey, `?user_id=${b.userId}&status=active`), []);
    const other = await createOrg(h);
    assert.deepEqual(
      await listIds(h, org.admin.apiKey, `?user_id=${other.admin.userId}`),
      [],
      "another organization's user has no membership here",
    );
  });

  test("pages with _skip/_limit and has_more, filters applied before paging", async () => {
    const org = await createOrg(h);
    for (let i = 0; i < 5; i += 1) {
      h.clock.advance(10);
      await org.add(i % 2 === 0 ? "user" : "restricteduser");
    }
    const all = await listIds(h, org.admin.apiKey, "?role_id=user");
    assert.equal(all.length, 3);
    const first = await api(h, org.admin.apiKey, "GET", "/membership/?role_id=user&_limit=2");
    assert.equal(first.json().has_more, true);
    const second = await api(
      h,
      org.admin.apiKey,
      "GET",
      "/membership/?role_id=user&_skip=2&_limit=2",
    );
    assert.equal(second.json().has_more, false);
    assert.deepEqual(
      [...first.json().data, ...second.json().data].map((m: { id: string }) => m.id),
      all,
    );
  });
});

describe("GET membership extensions — security", () => {
  const h = useHarness();

  securitySuite(h, {
    method: "GET",
    path: (_org, target) => `/api/v1/membership/${target.membershipId}/`,
  });

  securitySuite(h, {
    method: "GET",
    path: () => "/api/v1/membership/",
    ownedByOrganization: false,
  });

  test("the list shows only the caller's organization, by key or token", async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const stranger = await other.add("user");
    for (const auth of [org.admin.apiKey, bearer(await org.token(org.admin))]) {
      const ids = await listIds(h, auth, `?user_id=${stranger.userId}`);
      assert.deepEqual(ids, []);
      assert.ok(!(await listIds(h, auth)).includes(stranger.membershipId));
    }
  });
});
