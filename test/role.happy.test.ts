import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TIMESTAMP } from "./helpers/assertions.ts";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";
import {
  call,
  createRole,
  listRoles,
  PREDEFINED,
  ROLE_FIELDS,
  ROLE_ID,
  roleBody,
} from "./helpers/roles.ts";

describe("Roles API — successful requests", () => {
  const h = useHarness();

  test("GET /role/ lists the four predefined roles first, not editable, with their documented permissions", async () => {
    const org = await createOrg(h);
    const res = await call(h, org.admin.apiKey, "GET", "/role/");
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ["data", "has_more"]);
    assert.equal(body.has_more, false);
    assert.equal(body.data.length, 4);
    const byName = new Map<string, Record<string, unknown>>(
      body.data.map((r: { name: string }) => [r.name, r]),
    );
    assert.deepEqual([...byName.keys()].sort(), ["Admin", "Restricted User", "Super User", "User"]);
    const expectedCounts: Record<string, number> = {
      restricteduser: 5,
      user: 13,
      superuser: 19,
      admin: 20,
    };
    for (const [slug, { name, permissions }] of Object.entries(PREDEFINED)) {
      const role = byName.get(name);
      assert.ok(role, name);
      assert.deepEqual(Object.keys(role).sort(), ROLE_FIELDS, name);
      assert.match(role.id as string, ROLE_ID);
      assert.equal(role.organization_id, org.id);
      assert.equal(role.editable, false, name);
      assert.deepEqual(role.permissions, permissions, name);
      assert.equal((role.permissions as string[]).length, expectedCounts[slug], name);
      assert.equal(role.visibility_user_lcf_ids, null);
      assert.equal(role.visibility_user_lcf_behavior, null);
      assert.match(role.date_created as string, TIMESTAMP);
      assert.match(role.date_updated as string, TIMESTAMP);
    }
    // Each slug's table row nests in the next: restricteduser ⊂ user ⊂ superuser ⊂ admin.
    const chain = ["restricteduser", "user", "superuser", "admin"].map(
      (slug) => PREDEFINED[slug]?.permissions ?? [],
    );
    for (let i = 1; i < chain.length; i++) {
      for (const p of chain[i - 1] ?? []) assert.ok(chain[i]?.includes(p), p);
    }
    // Each organization has its own predefined role objects.
    const other = await createOrg(h);
    const otherIds = new Set((await listRoles(h, other.admin.apiKey)).map((r) => r.id));
    for (const role of body.data) assert.ok(!otherIds.has(role.id));
  });

  test("GET /role/{id}/ returns each predefined role as listed", async () => {
    const org = await createOrg(h);
    for (const role of await listRoles(h, org.admin.apiKey)) {
      const res = await call(h, org.admin.apiKey, "GET", `/role/${role.id}/`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), role);
    }
  });

  test("POST /role/ creates a custom role: 201, editable, name trimmed, permissions sorted and de-duplicated", async () => {
    const org = await createOrg(h);
    const res = await call(h, org.admin.apiKey, "POST", "/role/", {
      name: "  Account Manager  ",
      permissions: ["view_all_leads", "export", "calling", "export", "bulk_edit", "calling"],
    });
    assert.equal(res.statusCode, 201);
    const role = res.json();
    assert.deepEqual(Object.keys(role).sort(), ROLE_FIELDS);
    assert.match(role.id, ROLE_ID);
    assert.equal(role.organization_id, org.id);
    assert.equal(role.name, "Account Manager");
    assert.equal(role.editable, true);
    assert.deepEqual(role.permissions, ["bulk_edit", "calling", "export", "view_all_leads"]);
    assert.equal(role.visibility_user_lcf_ids, null);
    assert.equal(role.visibility_user_lcf_behavior, null);
    assert.match(role.date_created, TIMESTAMP);
    assert.equal(role.date_updated, role.date_created);

    const got = await call(h, org.admin.apiKey, "GET", `/role/${role.id}/`);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), role);
    const listed = await listRoles(h, org.admin.apiKey);
    assert.equal(listed.length, 5);
    assert.deepEqual(listed[4], role);
  });

  test("POST /role/ without view_all_leads stores the lead-visibility fields", async () => {
    const org = await createOrg(h);
    for (const behavior of ["require_assignment", "allow_unassigned"]) {
      const ids = ["cf_pHEkAE3enHZ08zBkYnIAAQDQOT3BBn0DhdF6Kr7Q8Ug", "cf_abc123"];
      const role = await createRole(h, org.admin.apiKey, {
        name: `Territory ${behavior}`,
        permissions: ["export", "bulk_edit"],
        visibility_user_lcf_ids: ids,
        visibility_user_lcf_behavior: behavior,
      });
      assert.deepEqual(role.permissions, ["bulk_edit", "export"]);
      assert.deepEqual(role.visibility_user_lcf_ids, ids);
      assert.equal(role.visibility_user_lcf_behavior, behavior);
      const got = await call(h, org.admin.apiKey, "GET", `/role/${role.id}/`);
      assert.deepEqual(got.json(), role);
    }
  });

  test("POST /role/ with view_all_leads accepts explicitly empty visibility fields", async () => {
    const org = await createOrg(h);
    const role = await createRole(h, org.admin.apiKey, {
      name: "Sees all",
      permissions: ["view_all_leads"],
      visibility_user_lcf_ids: [],
      visibility_user_lcf_behavior: null,
    });
    const ids = role.visibility_user_lcf_ids as string[] | null;
    assert.ok(ids === null || ids.length === 0);
    assert.equal(role.visibility_user_lcf_behavior, null);
  });

  test("a role with no permissions at all can be created (with visibility set)", async () => {
    const org = await createOrg(h);
    const role = await createRole(h, org.admin.apiKey, {
      name: "Nothing",
      permissions: [],
      visibility_user_lcf_ids: ["cf_x"],
      visibility_user_lcf_behavior: "require_assignment",
    });
    assert.deepEqual(role.permissions, []);
  });

  test("the same role name may exist in two organizations", async () => {
    const first = await createOrg(h);
    const second = await createOrg(h);
    const a = await createRole(h, first.admin.apiKey, roleBody("Closer"));
    const b = await createRole(h, second.admin.apiKey, roleBody("closer"));
    assert.notEqual(a.id, b.id);
    assert.equal(a.organization_id, first.id);
    assert.equal(b.organization_id, second.id);
  });

  test("a deleted role's name can be used again", async () => {
    const org = await createOrg(h);
    const role = await createRole(h, org.admin.apiKey, roleBody("Temp"));
    assert.equal((await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`)).statusCode, 200);
    const again = await createRole(h, org.admin.apiKey, roleBody("TEMP"));
    assert.notEqual(again.id, role.id);
  });

  test("PUT /role/{id}/ is partial: only the fields sent change, date_updated moves", async () => {
    const org = await createOrg(h);
    const role = await createRole(
      h,
      org.admin.apiKey,
      roleBody("Setter", ["calling", "view_all_leads"]),
    );
    h.clock.advance(1500);

    const renamed = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
      name: "  Appointment Setter ",
    });
    assert.equal(renamed.statusCode, 200);
    const afterRename = renamed.json();
    assert.equal(afterRename.name, "Appointment Setter");
    assert.deepEqual(afterRename.permissions, role.permissions);
    assert.equal(afterRename.id, role.id);
    assert.equal(afterRename.editable, true);
    assert.equal(afterRename.date_created, role.date_created);
    assert.ok(afterRename.date_updated > (role.date_updated as string));

    h.clock.advance(1500);
    const regranted = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
      permissions: ["merge_leads", "view_all_leads", "merge_leads", "calling"],
    });
    assert.equal(regranted.statusCode, 200);
    const afterPermissions = regranted.json();
    assert.equal(afterPermissions.name, "Appointment Setter");
    assert.deepEqual(afterPermissions.permissions, ["calling", "merge_leads", "view_all_leads"]);
    assert.ok(afterPermissions.date_updated > afterRename.date_updated);

    const got = await call(h, org.admin.apiKey, "GET", `/role/${role.id}/`);
    assert.deepEqual(got.json(), afterPermissions);
  });

  test("PUT /role/{id}/ with {} or the current values is a no-op: 200, date_updated unchanged", async () => {
    const org = await createOrg(h);
    const role = await createRole(h, org.admin.apiKey, roleBody("Steady"));
    h.clock.advance(2000);
    const empty = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {});
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), role);
    const same = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
      name: "Steady",
      permissions: ["view_all_leads", "calling"],
    });
    assert.equal(same.statusCode, 200);
    assert.deepEqual(same.json(), role);
  });

  test("a role may be renamed to a different case of its own name", async () => {
    const org = await createOrg(h);
    const role = await createRole(h, org.admin.apiKey, roleBody("sdr"));
    const res = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, { name: "SDR" });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().name, "SDR");
  });

  test("PUT /role/{id}/ moves a role between all-leads and restricted visibility", async () => {
    const org = await createOrg(h);
    const role = await createRole(
      h,
      org.admin.apiKey,
      roleBody("Rep", ["calling", "view_all_leads"]),
    );
    const restricted = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
      permissions: ["calling"],
      visibility_user_lcf_ids: ["cf_owner"],
      visibility_user_lcf_behavior: "allow_unassigned",
    });
    assert.equal(restricted.statusCode, 200);
    assert.deepEqual(restricted.json().permissions, ["calling"]);
    assert.deepEqual(restricted.json().visibility_user_lcf_ids, ["cf_owner"]);
    assert.equal(restricted.json().visibility_user_lcf_behavior, "allow_unassigned");

    // Partial: only the behavior changes, the IDs stay.
    const behavior = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
      visibility_user_lcf_behavior: "require_assignment",
    });
    assert.equal(behavior.statusCode, 200);
    assert.deepEqual(behavior.json().visibility_user_lcf_ids, ["cf_owner"]);
    assert.equal(behavior.json().visibility_user_lcf_behavior, "require_assignment");

    const open = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
      permissions: ["calling", "view_all_leads"],
      visibility_user_lcf_ids: null,
      visibility_user_lcf_behavior: null,
    });
    assert.equal(open.statusCode, 200);
    assert.deepEqual(open.json().permissions, ["calling", "view_all_leads"]);
    assert.equal(open.json().visibility_user_lcf_ids, null);
    assert.equal(open.json().visibility_user_lcf_behavior, null);
  });

  test("DELETE /role/{id}/ of an unused custom role: 200 {}, then it is gone", async () => {
    const org = await createOrg(h);
    const role = await createRole(h, org.admin.apiKey, roleBody("Short-lived"));
    const res = await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {});
    assert.equal((await call(h, org.admin.apiKey, "GET", `/role/${role.id}/`)).statusCode, 404);
    assert.equal(
      (await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, { name: "Back" })).statusCode,
      404,
    );
    assert.equal((await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`)).statusCode, 404);
    const listed = await listRoles(h, org.admin.apiKey);
    assert.ok(!listed.some((r) => r.id === role.id));
    assert.equal(listed.length, 4);
  });

  test("a role that was in use can be deleted once every membership has moved off it", async () => {
    const org = await createOrg(h);
    const role = await createRole(h, org.admin.apiKey, roleBody("Interim"));
    const member = await org.add(role.id);
    assert.equal((await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`)).statusCode, 400);
    const moved = await call(h, org.admin.apiKey, "PUT", `/membership/${member.membershipId}/`, {
      role_id: "user",
    });
    assert.equal(moved.statusCode, 200);
    const res = await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {});
  });

  test("pagination: _skip and _limit page through predefined, then custom roles in creation order", async () => {
    const org = await createOrg(h);
    const custom = [];
    for (const name of ["Zeta", "Alpha", "Mid"]) {
      h.clock.advance(1000);
      custom.push(await createRole(h, org.admin.apiKey, roleBody(name)));
    }
    const all = await listRoles(h, org.admin.apiKey);
    assert.equal(all.length, 7);
    assert.ok(all.slice(0, 4).every((r) => r.editable === false));
    assert.deepEqual(
      all.slice(4).map((r) => r.id),
      custom.map((r) => r.id),
    );

    const page = async (query: string) => {
      const res = await call(h, org.admin.apiKey, "GET", `/role/${query}`);
      assert.equal(res.statusCode, 200, query);
      return res.json() as { data: Array<{ id: string }>; has_more: boolean };
    };
    const first = await page("?_limit=5");
    assert.deepEqual(
      first.data.map((r) => r.id),
      all.slice(0, 5).map((r) => r.id),
    );
    assert.equal(first.has_more, true);
    const second = await page("?_skip=5&_limit=5");
    assert.deepEqual(
      second.data.map((r) => r.id),
      all.slice(5).map((r) => r.id),
    );
    assert.equal(second.has_more, false);
    const exact = await page("?_skip=4&_limit=3");
    assert.deepEqual(
      exact.data.map((r) => r.id),
      custom.map((r) => r.id),
    );
    assert.equal(exact.has_more, false);
    const middle = await page("?_skip=2&_limit=2");
    assert.deepEqual(
      middle.data.map((r) => r.id),
      all.slice(2, 4).map((r) => r.id),
    );
    assert.equal(middle.has_more, true);
    const past = await page("?_skip=50");
    assert.deepEqual(past, { data: [], has_more: false });
    const max = await page("?_skip=0&_limit=100");
    assert.equal(max.data.length, 7);
    assert.equal(max.has_more, false);
  });

  test("pagination: more than 100 roles take two pages at the default limit", async () => {
    const org = await createOrg(h);
    for (let i = 0; i < 97; i++) {
      await createRole(h, org.admin.apiKey, roleBody(`Bulk ${i}`));
    }
    const res = await call(h, org.admin.apiKey, "GET", "/role/");
    assert.equal(res.json().data.length, 100);
    assert.equal(res.json().has_more, true);
    const rest = await call(h, org.admin.apiKey, "GET", "/role/?_skip=100");
    assert.equal(rest.json().data.length, 1);
    assert.equal(rest.json().has_more, false);
  });

  test("_fields trims role objects on GET, POST, PUT and list items", async () => {
    const org = await createOrg(h);
    const created = await call(h, org.admin.apiKey, "POST", "/role/?_fields=id,name,nonsense", {
      name: "Fielded",
      permissions: ["view_all_leads"],
    });
    assert.equal(created.statusCode, 201);
    const { id } = created.json();
    assert.deepEqual(created.json(), { id, name: "Fielded" });

    const got = await call(h, org.admin.apiKey, "GET", `/role/${id}/?_fields=permissions,editable`);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), { permissions: ["view_all_leads"], editable: true });

    const put = await call(h, org.admin.apiKey, "PUT", `/role/${id}/?_fields=name`, {
      name: "Fielded 2",
    });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(put.json(), { name: "Fielded 2" });

    const list = await call(h, org.admin.apiKey, "GET", "/role/?_fields=name&_limit=2");
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().has_more, true);
    assert.equal(list.json().data.length, 2);
    for (const item of list.json().data) assert.deepEqual(Object.keys(item), ["name"]);
  });

  test("every role path is served with and without the trailing slash", async () => {
    const org = await createOrg(h);
    const created = await call(h, org.admin.apiKey, "POST", "/role", roleBody("Slashless"));
    assert.equal(created.statusCode, 201);
    const { id } = created.json();
    assert.equal((await call(h, org.admin.apiKey, "GET", "/role")).statusCode, 200);
    assert.equal((await call(h, org.admin.apiKey, "GET", `/role/${id}`)).statusCode, 200);
    const put = await call(h, org.admin.apiKey, "PUT", `/role/${id}`, { name: "Slashless 2" });
    assert.equal(put.statusCode, 200);
    const del = await call(h, org.admin.apiKey, "DELETE", `/role/${id}`);
    assert.equal(del.statusCode, 200);
    assert.deepEqual(del.json(), {});
  });

  test("query parameters may come in the body's _params", async () => {
    const org = await createOrg(h);
    const res = await call(h, org.admin.apiKey, "POST", "/role/", {
      ...roleBody("Params"),
      _params: { _fields: "name" },
    });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), { name: "Params" });
  });

  test("roles work through an OAuth access token as through an API key", async () => {
    const org = await createOrg(h);
    const token = await org.token(org.admin);
    const inject = (method: "GET" | "POST", url: string, body?: unknown) =>
      h.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });
    const created = await inject("POST", "/role/", roleBody("Via OAuth"));
    assert.equal(created.statusCode, 201);
    const listed = await inject("GET", "/role/");
    assert.equal(listed.statusCode, 200);
    assert.equal(listed.json().data.length, 5);
    // Sanity: the same list through Basic.
    const viaKey = await h.app.inject({
      method: "GET",
      url: "/api/v1/role/",
      headers: { authorization: basic(org.admin.apiKey) },
    });
    assert.deepEqual(viaKey.json(), listed.json());
  });
});
