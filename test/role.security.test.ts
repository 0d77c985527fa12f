import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { InjectOptions } from "fastify";
import { formatTimestamp } from "../src/domain/time.ts";
import type { App } from "../src/http/types.ts";
import { predefinedRoleIdOf } from "./helpers/api.ts";
import { assertError, snapshotOrg } from "./helpers/assertions.ts";
import {
  basic,
  bearer,
  createOrg,
  customRole,
  type Harness,
  type Org,
  useHarness,
} from "./helpers/harness.ts";
import { call, roleBody } from "./helpers/roles.ts";
import { securitySuite } from "./helpers/security.ts";

/**
 * The shared security suite names a route's URL synchronously from a fresh organization, but a
 * role's ID is only known once the organization exists. So the role routes' paths carry a
 * placeholder, `{role:custom:<orga_...>}` or `{role:admin:<orga_...>}`, which this harness
 * wrapper resolves just before each request: `admin` to the organization's predefined Admin
 * role, `custom` to a custom role with an ID derived from the organization's, (re-)created when
 * missing so that every permitted DELETE has a role to delete. The fixture writes roles only,
 * never memberships or events, so the suite's "nothing changed" snapshots stay meaningful; the
 * roles themselves are checked by the last tests of this file.
 */
const PLACEHOLDER = /\{role:(custom|admin):(orga_[A-Za-z0-9]+)\}/;

function rolePath(org: Org, which: "custom" | "admin"): string {
  return `/api/v1/role/{role:${which}:${org.id}}/`;
}

function customFixtureId(organizationId: string): string {
  return `role_${organizationId.slice("orga_".length)}`;
}

async function resolveFixture(h: Harness, url: string): Promise<string> {
  const match = PLACEHOLDER.exec(url);
  if (!match) return url;
  const [placeholder, which, organizationId] = match as unknown as [string, string, string];
  let id: string;
  if (which === "admin") {
    id = await predefinedRoleIdOf(h, organizationId, "admin");
  } else {
    id = customFixtureId(organizationId);
    const exists = await h.store.db
      .selectFrom("roles")
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!exists) await customRole(h, organizationId, ["calling", "view_all_leads"], id);
  }
  return url.replace(placeholder, id);
}

/** `h`, with role placeholders in request URLs resolved (see above). */
function withRoleFixtures(h: Harness): Harness {
  const app = {
    inject: async (options: InjectOptions) =>
      h.app.inject({ ...options, url: await resolveFixture(h, String(options.url)) }),
  } as unknown as App;
  return {
    app,
    get store() {
      return h.store;
    },
    get clock() {
      return h.clock;
    },
    get database() {
      return h.database;
    },
  };
}

let counter = 0;
/** A valid create body with a new name on every serialization, so repeated POSTs all succeed. */
const freshRoleBody = {
  toJSON() {
    counter += 1;
    return roleBody(`Security ${counter}`);
  },
};

describe("Roles API — security", () => {
  const h = useHarness();
  const fixtures = withRoleFixtures(h);

  describe("GET /api/v1/role/", () => {
    securitySuite(fixtures, {
      method: "GET",
      path: () => "/api/v1/role/",
      ownedByOrganization: false,
    });
  });

  describe("POST /api/v1/role/", () => {
    securitySuite(fixtures, {
      method: "POST",
      path: () => "/api/v1/role/",
      body: freshRoleBody,
      permission: "manage_organization",
      ownedByOrganization: false,
      okStatus: 201,
    });
  });

  describe("GET /api/v1/role/{id}/ (custom role)", () => {
    securitySuite(fixtures, { method: "GET", path: (org) => rolePath(org, "custom") });
  });

  describe("GET /api/v1/role/{id}/ (predefined role)", () => {
    securitySuite(fixtures, { method: "GET", path: (org) => rolePath(org, "admin") });
  });

  describe("PUT /api/v1/role/{id}/", () => {
    securitySuite(fixtures, {
      method: "PUT",
      path: (org) => rolePath(org, "custom"),
      body: { permissions: ["calling", "export", "view_all_leads"] },
      permission: "manage_organization",
    });
  });

  describe("DELETE /api/v1/role/{id}/", () => {
    securitySuite(fixtures, {
      method: "DELETE",
      path: (org) => rolePath(org, "custom"),
      permission: "manage_organization",
    });
  });

  describe("refused role writes leave the roles as they were", () => {
    test("401, 403 and 404 on POST, PUT and DELETE change no role", async () => {
      const org = await createOrg(h);
      const other = await createOrg(h);
      const role = (await call(h, org.admin.apiKey, "POST", "/role/", roleBody("Guarded"))).json();
      assert.match(role.id, /^role_/);
      const user = await org.add("user");
      const revoked = await org.add("admin");
      await h.store.write((tx) =>
        tx
          .updateTable("credentials")
          .set({ date_revoked: formatTimestamp(h.clock.now()) })
          .where("membership_id", "=", revoked.membershipId)
          .execute(),
      );
      const expired = await org.token(org.admin);
      h.clock.advance(3601 * 1000);

      const requests: Array<[string, "POST" | "PUT" | "DELETE", string, unknown]> = [
        ["POST", "POST", "/api/v1/role/", roleBody("Intruder")],
        ["PUT", "PUT", `/api/v1/role/${role.id}/`, { name: "Taken over", permissions: [] }],
        ["DELETE", "DELETE", `/api/v1/role/${role.id}/`, undefined],
      ];
      const callers: Array<[string, string | undefined, number]> = [
        ["no credentials", undefined, 401],
        ["garbage", "Basic Z2FyYmFnZQ==", 401],
        ["revoked key", basic(revoked.apiKey), 401],
        ["expired token", bearer(expired), 401],
        ["user role", basic(user.apiKey), 403],
        ["other organization's admin", basic(other.admin.apiKey), 404],
      ];
      const before = await snapshotOrg(h, org.id, { roles: true });
      const beforeOther = await snapshotOrg(h, other.id, { roles: true });
      for (const [label, method, url, body] of requests) {
        for (const [who, authorization, status] of callers) {
          if (method === "POST" && status === 404) continue; // POST names no object
          const res = await h.app.inject({
            method,
            url,
            headers: {
              ...(authorization ? { authorization } : {}),
              ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
          });
          assert.equal(res.statusCode, status, `${label} by ${who}: ${res.body}`);
          assertError(res, status);
        }
      }
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
      assert.deepEqual(await snapshotOrg(h, other.id, { roles: true }), beforeOther);
    });

    test("an inactive member's key cannot write roles, even as an admin", async () => {
      const org = await createOrg(h);
      const admin = await org.add("admin");
      const role = (await call(h, org.admin.apiKey, "POST", "/role/", roleBody("Kept"))).json();
      await h.store.write((tx) =>
        tx
          .updateTable("memberships")
          .set({ active: 0 })
          .where("id", "=", admin.membershipId)
          .execute(),
      );
      const before = await snapshotOrg(h, org.id, { roles: true });
      assertError(await call(h, admin.apiKey, "POST", "/role/", roleBody("Ghost")), 401);
      assertError(await call(h, admin.apiKey, "PUT", `/role/${role.id}/`, { name: "Ghost" }), 401);
      assertError(await call(h, admin.apiKey, "DELETE", `/role/${role.id}/`), 401);
      assertError(await call(h, admin.apiKey, "GET", "/role/"), 401);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });
  });
});
