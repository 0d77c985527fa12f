import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertError, assertFieldErrors, snapshotOrg } from "./helpers/assertions.ts";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";
import { call, createRole, listRoles, roleBody } from "./helpers/roles.ts";
import { setActive } from "./helpers/security.ts";

const RESTRICTED_VISIBILITY = {
  visibility_user_lcf_ids: ["cf_territory"],
  visibility_user_lcf_behavior: "require_assignment",
};

describe("Roles API — refused requests", () => {
  const h = useHarness();

  describe("predefined roles", () => {
    test("are not editable: PUT → 400 {error}, even {} or the current values", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      for (const role of await listRoles(h, org.admin.apiKey)) {
        for (const body of [
          {},
          { name: `${role.name} renamed` },
          { permissions: ["calling", "view_all_leads"] },
          { name: role.name, permissions: role.permissions },
        ]) {
          const res = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, body);
          assertError(res, 400);
        }
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("are not deletable, used or not: DELETE → 400 {error}", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      for (const role of await listRoles(h, org.admin.apiKey)) {
        assertError(await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`), 400);
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
      assert.equal((await listRoles(h, org.admin.apiKey)).length, 4);
    });
  });

  describe("pagination parameters", () => {
    for (const [param, value] of [
      ["_skip", "-1"],
      ["_skip", "abc"],
      ["_skip", "1.5"],
      ["_skip", ""],
      ["_skip", "1e2"],
      ["_skip", "99999999999999999999"],
      ["_limit", "-1"],
      ["_limit", "101"],
      ["_limit", "abc"],
      ["_limit", "1.5"],
      ["_limit", ""],
      ["_limit", "0x10"],
    ] as const) {
      test(`${param}=${JSON.stringify(value)} → 400 naming ${param}`, async () => {
        const org = await createOrg(h);
        const res = await call(
          h,
          org.admin.apiKey,
          "GET",
          `/role/?${param}=${encodeURIComponent(value)}`,
        );
        assertFieldErrors(res, [param]);
      });
    }

    test("a repeated parameter is refused, naming it", async () => {
      const org = await createOrg(h);
      const res = await call(h, org.admin.apiKey, "GET", "/role/?_limit=1&_limit=2");
      assert.equal(res.statusCode, 400);
      assert.ok(Object.hasOwn(res.json()["field-errors"], "_limit"), res.body);
    });
  });

  describe("POST /role/ validation", () => {
    test("name is required, non-blank after trimming, a string", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      const cases: Array<Record<string, unknown>> = [
        { permissions: ["view_all_leads"] },
        { name: "", permissions: ["view_all_leads"] },
        { name: "   ", permissions: ["view_all_leads"] },
        { name: 42, permissions: ["view_all_leads"] },
        { name: null, permissions: ["view_all_leads"] },
        { name: "x".repeat(101), permissions: ["view_all_leads"] },
      ];
      for (const body of cases) {
        assertFieldErrors(await call(h, org.admin.apiKey, "POST", "/role/", body), ["name"]);
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("name is unique in the organization, case-insensitively and after trimming", async () => {
      const org = await createOrg(h);
      await createRole(h, org.admin.apiKey, roleBody("Account Executive"));
      const before = await snapshotOrg(h, org.id, { roles: true });
      for (const name of ["Account Executive", "account executive", "  ACCOUNT EXECUTIVE  "]) {
        const res = await call(h, org.admin.apiKey, "POST", "/role/", roleBody(name));
        assertFieldErrors(res, ["name"]);
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("a predefined role's name is taken too", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      for (const name of ["Admin", "super user", "USER", "Restricted User"]) {
        const res = await call(h, org.admin.apiKey, "POST", "/role/", roleBody(name));
        assertFieldErrors(res, ["name"]);
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("an unknown permission slug → 400 on permissions, the message names the slug", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      const one = await call(h, org.admin.apiKey, "POST", "/role/", {
        name: "Bad",
        permissions: ["view_all_leads", "fly_to_the_moon"],
      });
      assert.match(assertFieldErrors(one, ["permissions"]).permissions ?? "", /fly_to_the_moon/);

      const two = await call(h, org.admin.apiKey, "POST", "/role/", {
        name: "Bad",
        permissions: ["Calling", "view_all_leads", "delete_everything"],
      });
      const message = assertFieldErrors(two, ["permissions"]).permissions ?? "";
      assert.match(message, /Calling/);
      assert.match(message, /delete_everything/);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("permissions must be an array of strings", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      for (const permissions of ["calling", [1, 2], null, { calling: true }]) {
        const res = await call(h, org.admin.apiKey, "POST", "/role/", { name: "P", permissions });
        assertFieldErrors(res, ["permissions"]);
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("with view_all_leads, visibility fields must be null or empty", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      const ids = await call(h, org.admin.apiKey, "POST", "/role/", {
        ...roleBody("V1"),
        visibility_user_lcf_ids: ["cf_a"],
      });
      assertFieldErrors(ids, ["visibility_user_lcf_ids"]);
      const behavior = await call(h, org.admin.apiKey, "POST", "/role/", {
        ...roleBody("V2"),
        visibility_user_lcf_behavior: "allow_unassigned",
      });
      assertFieldErrors(behavior, ["visibility_user_lcf_behavior"]);
      const both = await call(h, org.admin.apiKey, "POST", "/role/", {
        ...roleBody("V3"),
        ...RESTRICTED_VISIBILITY,
      });
      assertFieldErrors(both, ["visibility_user_lcf_ids", "visibility_user_lcf_behavior"]);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("without view_all_leads, both visibility fields must be set", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      const perms = ["calling", "export"];
      const neither = await call(h, org.admin.apiKey, "POST", "/role/", {
        name: "N",
        permissions: perms,
      });
      assertFieldErrors(neither, ["visibility_user_lcf_ids", "visibility_user_lcf_behavior"]);
      const noPermissionsAtAll = await call(h, org.admin.apiKey, "POST", "/role/", { name: "N" });
      assertFieldErrors(noPermissionsAtAll, [
        "visibility_user_lcf_ids",
        "visibility_user_lcf_behavior",
      ]);
      const idsOnly = await call(h, org.admin.apiKey, "POST", "/role/", {
        name: "N",
        permissions: perms,
        visibility_user_lcf_ids: ["cf_a"],
      });
      assertFieldErrors(idsOnly, ["visibility_user_lcf_behavior"]);
      const behaviorOnly = await call(h, org.admin.apiKey, "POST", "/role/", {
        name: "N",
        permissions: perms,
        visibility_user_lcf_behavior: "require_assignment",
      });
      assertFieldErrors(behaviorOnly, ["visibility_user_lcf_ids"]);
      const explicitNulls = await call(h, org.admin.apiKey, "POST", "/role/", {
        name: "N",
        permissions: perms,
        visibility_user_lcf_ids: null,
        visibility_user_lcf_behavior: null,
      });
      assertFieldErrors(explicitNulls, ["visibility_user_lcf_ids", "visibility_user_lcf_behavior"]);
      const emptyIds = await call(h, org.admin.apiKey, "POST", "/role/", {
        name: "N",
        permissions: perms,
        visibility_user_lcf_ids: [],
        visibility_user_lcf_behavior: "require_assignment",
      });
      assertFieldErrors(emptyIds, ["visibility_user_lcf_ids"]);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("visibility_user_lcf_ids items must be cf_... IDs; the behavior one of two values", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      for (const ids of [["lcf_abc"], ["cf_ok", "nope"], ["cf_"], [42], "cf_abc", ["cf_a-b"]]) {
        const res = await call(h, org.admin.apiKey, "POST", "/role/", {
          name: "Territory",
          permissions: ["calling"],
          visibility_user_lcf_ids: ids,
          visibility_user_lcf_behavior: "require_assignment",
        });
        assertFieldErrors(res, ["visibility_user_lcf_ids"]);
      }
      for (const behavior of ["sometimes", "", 1, true, "REQUIRE_ASSIGNMENT"]) {
        const res = await call(h, org.admin.apiKey, "POST", "/role/", {
          name: "Territory",
          permissions: ["calling"],
          visibility_user_lcf_ids: ["cf_a"],
          visibility_user_lcf_behavior: behavior,
        });
        assertFieldErrors(res, ["visibility_user_lcf_behavior"]);
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("unknown body fields → 400 with a field error on each", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      const res = await call(h, org.admin.apiKey, "POST", "/role/", {
        ...roleBody("Extra"),
        editable: false,
        colour: "red",
      });
      assertFieldErrors(res, ["editable", "colour"]);
      for (const field of ["id", "organization_id", "date_created", "slug"]) {
        const one = await call(h, org.admin.apiKey, "POST", "/role/", {
          ...roleBody("Extra"),
          [field]: "role_x",
        });
        assertFieldErrors(one, [field]);
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("every bad field is reported at once", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      const schema = await call(h, org.admin.apiKey, "POST", "/role/", {
        name: "",
        permissions: "calling",
        visibility_user_lcf_behavior: "sometimes",
        extra: 1,
      });
      assertFieldErrors(schema, ["name", "permissions", "visibility_user_lcf_behavior", "extra"]);
      const rules = await call(h, org.admin.apiKey, "POST", "/role/", {
        name: "  ",
        permissions: ["calling", "no_such_permission"],
      });
      assertFieldErrors(rules, [
        "name",
        "permissions",
        "visibility_user_lcf_ids",
        "visibility_user_lcf_behavior",
      ]);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("malformed bodies: invalid JSON, not an object, not JSON", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      const send = (payload: string, contentType: string) =>
        h.app.inject({
          method: "POST",
          url: "/api/v1/role/",
          headers: { authorization: basic(org.admin.apiKey), "content-type": contentType },
          payload,
        });
      assertError(await send("{not json", "application/json"), 400);
      assertError(await send('["Admin"]', "application/json"), 400);
      assertError(await send('"Admin"', "application/json"), 400);
      assertError(await send("name=Admin", "application/x-www-form-urlencoded"), 415);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });
  });

  describe("PUT /role/{id}/ validation", () => {
    test("the same rules apply to an update, and a refused one changes nothing", async () => {
      const org = await createOrg(h);
      const role = await createRole(h, org.admin.apiKey, roleBody("Original"));
      await createRole(h, org.admin.apiKey, roleBody("Other Role"));
      const before = await snapshotOrg(h, org.id, { roles: true });
      const put = (body: unknown) => call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, body);

      assertFieldErrors(await put({ name: "" }), ["name"]);
      assertFieldErrors(await put({ name: "   " }), ["name"]);
      assertFieldErrors(await put({ name: null }), ["name"]);
      assertFieldErrors(await put({ name: "other role" }), ["name"]);
      assertFieldErrors(await put({ name: " ADMIN " }), ["name"]);
      const unknown = await put({ permissions: ["view_all_leads", "teleport"] });
      assert.match(assertFieldErrors(unknown, ["permissions"]).permissions ?? "", /teleport/);
      assertFieldErrors(await put({ permissions: null }), ["permissions"]);
      assertFieldErrors(await put({ visibility_user_lcf_ids: ["cf_a"] }), [
        "visibility_user_lcf_ids",
      ]);
      assertFieldErrors(await put({ visibility_user_lcf_behavior: "allow_unassigned" }), [
        "visibility_user_lcf_behavior",
      ]);
      assertFieldErrors(await put({ editable: true }), ["editable"]);
      assertFieldErrors(await put({ id: "role_other" }), ["id"]);
      assertError(await put([]), 400);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("dropping view_all_leads needs both visibility fields", async () => {
      const org = await createOrg(h);
      const role = await createRole(h, org.admin.apiKey, roleBody("Open"));
      const before = await snapshotOrg(h, org.id, { roles: true });
      const res = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
        permissions: ["calling"],
      });
      assertFieldErrors(res, ["visibility_user_lcf_ids", "visibility_user_lcf_behavior"]);
      const half = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
        permissions: ["calling"],
        visibility_user_lcf_ids: ["cf_a"],
      });
      assertFieldErrors(half, ["visibility_user_lcf_behavior"]);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("granting view_all_leads to a restricted role needs the visibility fields cleared", async () => {
      const org = await createOrg(h);
      const role = await createRole(h, org.admin.apiKey, {
        name: "Restricted",
        permissions: ["calling"],
        ...RESTRICTED_VISIBILITY,
      });
      const before = await snapshotOrg(h, org.id, { roles: true });
      const res = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
        permissions: ["calling", "view_all_leads"],
      });
      assertFieldErrors(res, ["visibility_user_lcf_ids", "visibility_user_lcf_behavior"]);
      const clearing = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
        visibility_user_lcf_ids: null,
      });
      assertFieldErrors(clearing, ["visibility_user_lcf_ids"]);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });
  });

  describe("unknown and other organizations' roles", () => {
    test("an unknown role ID → 404 on GET, PUT and DELETE", async () => {
      const org = await createOrg(h);
      const before = await snapshotOrg(h, org.id, { roles: true });
      for (const id of ["role_doesnotexist0000000000000000000000000000000", "nonsense"]) {
        assertError(await call(h, org.admin.apiKey, "GET", `/role/${id}/`), 404);
        assertError(await call(h, org.admin.apiKey, "PUT", `/role/${id}/`, { name: "X" }), 404);
        assertError(await call(h, org.admin.apiKey, "DELETE", `/role/${id}/`), 404);
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });

    test("another organization's roles (custom and predefined) → 404 on GET, PUT and DELETE", async () => {
      const mine = await createOrg(h);
      const theirs = await createOrg(h);
      const custom = await createRole(h, theirs.admin.apiKey, roleBody("Theirs"));
      const ids = [custom.id, ...(await listRoles(h, theirs.admin.apiKey)).map((r) => r.id)];
      const before = await snapshotOrg(h, theirs.id, { roles: true });
      const beforeMine = await snapshotOrg(h, mine.id, { roles: true });
      for (const id of new Set(ids)) {
        assertError(await call(h, mine.admin.apiKey, "GET", `/role/${id}/`), 404);
        assertError(await call(h, mine.admin.apiKey, "PUT", `/role/${id}/`, { name: "Mine" }), 404);
        assertError(await call(h, mine.admin.apiKey, "PUT", `/role/${id}/`, {}), 404);
        assertError(await call(h, mine.admin.apiKey, "DELETE", `/role/${id}/`), 404);
      }
      assert.deepEqual(await snapshotOrg(h, theirs.id, { roles: true }), before);
      assert.deepEqual(await snapshotOrg(h, mine.id, { roles: true }), beforeMine);
      const listed = await listRoles(h, mine.admin.apiKey);
      assert.ok(!listed.some((r) => ids.includes(r.id)));
    });

    test("another organization's role as a membership's role_id → 400 on role_id, nothing changes", async () => {
      const mine = await createOrg(h);
      const theirs = await createOrg(h);
      const member = await mine.add("user");
      const custom = await createRole(h, theirs.admin.apiKey, roleBody("Theirs"));
      const theirAdminRole = (await listRoles(h, theirs.admin.apiKey)).find(
        (r) => r.name === "Admin",
      );
      assert.ok(theirAdminRole);
      const before = await snapshotOrg(h, mine.id, { roles: true });
      for (const roleId of [custom.id, theirAdminRole.id]) {
        const res = await call(h, mine.admin.apiKey, "PUT", `/membership/${member.membershipId}/`, {
          role_id: roleId,
        });
        assertFieldErrors(res, ["role_id"]);
      }
      assert.deepEqual(await snapshotOrg(h, mine.id, { roles: true }), before);
    });
  });

  describe("DELETE of a role in use", () => {
    test("→ 400 {error} naming how many memberships use it, active or not; nothing changes", async () => {
      const org = await createOrg(h);
      const role = await createRole(h, org.admin.apiKey, roleBody("Busy"));
      const first = await org.add(role.id);
      await org.add(role.id);
      const third = await org.add(role.id);
      await org.add("user");

      let before = await snapshotOrg(h, org.id, { roles: true });
      let message = assertError(
        await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`),
        400,
      );
      assert.match(message, /\b3\b/);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);

      await setActive(h, third.membershipId, false);
      before = await snapshotOrg(h, org.id, { roles: true });
      message = assertError(await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`), 400);
      assert.match(message, /\b3\b/);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);

      await call(h, org.admin.apiKey, "PUT", `/membership/${first.membershipId}/`, {
        role_id: "user",
      });
      before = await snapshotOrg(h, org.id, { roles: true });
      message = assertError(await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`), 400);
      assert.match(message, /\b2\b/);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
      assert.equal((await call(h, org.admin.apiKey, "GET", `/role/${role.id}/`)).statusCode, 200);
    });

    test("a role used only by an inactive membership cannot be deleted either", async () => {
      const org = await createOrg(h);
      const role = await createRole(h, org.admin.apiKey, roleBody("Former"));
      const gone = await org.add(role.id);
      await setActive(h, gone.membershipId, false);
      const before = await snapshotOrg(h, org.id, { roles: true });
      const message = assertError(
        await call(h, org.admin.apiKey, "DELETE", `/role/${role.id}/`),
        400,
      );
      assert.match(message, /\b1\b/);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });
  });
});
