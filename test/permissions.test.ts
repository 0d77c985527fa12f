import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertError, snapshotOrg } from "./helpers/assertions.ts";
import { createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";
import {
  ALL_PERMISSIONS,
  call,
  createRole,
  listRoles,
  PREDEFINED,
  predefinedRoleId,
  roleBody,
} from "./helpers/roles.ts";
import { setActive } from "./helpers/security.ts";

const WITHOUT_MANAGE = ALL_PERMISSIONS.filter((p) => p !== "manage_organization");

interface OrgMembership {
  id: string;
  role_id: string;
  role: string;
  permissions_granted: string[];
}

/** Every membership of the organization, active and inactive, as GET /organization/{id}/ shows them. */
async function organizationMemberships(h: Harness, org: Org) {
  const res = await call(h, org.admin.apiKey, "GET", `/organization/${org.id}/`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as {
    memberships: OrgMembership[];
    inactive_memberships: OrgMembership[];
  };
  return new Map([...body.memberships, ...body.inactive_memberships].map((m) => [m.id, m]));
}

/** A membership as `PUT /membership/{id}/` with `{}` (a no-op) returns it. */
async function membershipOf(h: Harness, apiKey: string, membershipId: string) {
  const res = await call(h, apiKey, "PUT", `/membership/${membershipId}/`, {});
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as OrgMembership;
}

/** An organization whose only admins are members on a custom all-permissions role. */
async function orgRunByCustomRole(h: Harness, members = 1) {
  const org = await createOrg(h);
  const owners = await createRole(h, org.admin.apiKey, roleBody("Owners", ALL_PERMISSIONS));
  const owned = [];
  for (let i = 0; i < members; i++) owned.push(await org.add(owners.id));
  const [first] = owned;
  assert.ok(first);
  // The original admin steps down, which is allowed because the custom-role members are admins.
  const demoted = await call(h, first.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, {
    role_id: "user",
  });
  assert.equal(demoted.statusCode, 200, demoted.body);
  return { org, owners, owned, first };
}

describe("Permissions and roles (docs/compatibility.md)", () => {
  const h = useHarness();

  test("a membership on each predefined role reports that role object's permissions", async () => {
    const org = await createOrg(h);
    const roles = await listRoles(h, org.admin.apiKey);
    for (const [slug, { name, permissions }] of Object.entries(PREDEFINED)) {
      const member = await org.add(slug);
      const membership = await membershipOf(h, org.admin.apiKey, member.membershipId);
      assert.equal(membership.role_id, slug);
      assert.equal(membership.role, slug);
      assert.deepEqual(membership.permissions_granted, permissions, slug);
      assert.deepEqual(roles.find((r) => r.name === name)?.permissions, permissions, slug);
    }
  });

  test("a predefined role's role_... ID is accepted as role_id and stored as the slug", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    for (const [slug, { name }] of Object.entries(PREDEFINED)) {
      const roleId = await predefinedRoleId(h, org.admin.apiKey, name);
      const res = await call(h, org.admin.apiKey, "PUT", `/membership/${member.membershipId}/`, {
        role_id: roleId,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().role_id, slug);
      assert.equal(res.json().role, slug);
    }
  });

  test("a membership on a custom role reports the role's ID and its permissions", async () => {
    const org = await createOrg(h);
    const role = await createRole(
      h,
      org.admin.apiKey,
      roleBody("Caller", ["view_all_leads", "calling"]),
    );
    const member = await org.add("user");
    const res = await call(h, org.admin.apiKey, "PUT", `/membership/${member.membershipId}/`, {
      role_id: role.id,
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().role_id, role.id);
    assert.equal(res.json().role, role.id);
    assert.deepEqual(res.json().permissions_granted, ["calling", "view_all_leads"]);
  });

  test("editing a custom role's permissions changes every member's permissions_granted at once", async () => {
    const org = await createOrg(h);
    const role = await createRole(
      h,
      org.admin.apiKey,
      roleBody("Team", ["calling", "view_all_leads"]),
    );
    const other = await createRole(
      h,
      org.admin.apiKey,
      roleBody("Other", ["export", "view_all_leads"]),
    );
    const a = await org.add(role.id);
    const b = await org.add(role.id);
    const gone = await org.add(role.id);
    await setActive(h, gone.membershipId, false);
    const bystander = await org.add(other.id);
    const plain = await org.add("superuser");

    const res = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
      permissions: ["view_all_leads", "merge_leads", "export", "calling"],
    });
    assert.equal(res.statusCode, 200);
    const expected = ["calling", "export", "merge_leads", "view_all_leads"];
    assert.deepEqual(res.json().permissions, expected);

    for (const member of [a, b]) {
      const membership = await membershipOf(h, org.admin.apiKey, member.membershipId);
      assert.deepEqual(membership.permissions_granted, expected);
      assert.equal(membership.role_id, role.id);
    }
    const all = await organizationMemberships(h, org);
    for (const member of [a, b, gone]) {
      assert.deepEqual(all.get(member.membershipId)?.permissions_granted, expected);
    }
    assert.deepEqual(all.get(bystander.membershipId)?.permissions_granted, [
      "export",
      "view_all_leads",
    ]);
    assert.deepEqual(
      all.get(plain.membershipId)?.permissions_granted,
      PREDEFINED.superuser?.permissions,
    );
    assert.deepEqual(
      all.get(org.admin.membershipId)?.permissions_granted,
      PREDEFINED.admin?.permissions,
    );
  });

  test("granting manage_organization through a custom role lets its members write at once", async () => {
    const org = await createOrg(h);
    const role = await createRole(h, org.admin.apiKey, roleBody("Leads", ["view_all_leads"]));
    const member = await org.add(role.id);
    const target = await org.add("user");
    const write = () =>
      call(h, member.apiKey, "PUT", `/membership/${target.membershipId}/`, {
        role_id: "restricteduser",
      });
    assertError(await write(), 403);

    const granted = await call(h, org.admin.apiKey, "PUT", `/role/${role.id}/`, {
      permissions: ["view_all_leads", "manage_organization"],
    });
    assert.equal(granted.statusCode, 200);
    const res = await write();
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().role_id, "restricteduser");
    const created = await call(h, member.apiKey, "POST", "/role/", roleBody("Made by member"));
    assert.equal(created.statusCode, 201);
  });

  test("removing manage_organization from the role of the last admins → 400, nothing changes", async () => {
    const { org, owners, first } = await orgRunByCustomRole(h, 2);
    // An inactive admin and an inactive member on the role do not count as admins.
    const formerAdmin = await org.add("admin");
    await setActive(h, formerAdmin.membershipId, false);
    const formerOwner = await org.add(owners.id);
    await setActive(h, formerOwner.membershipId, false);

    const before = await snapshotOrg(h, org.id, { roles: true });
    for (const body of [
      { permissions: WITHOUT_MANAGE },
      { permissions: ["view_all_leads"] },
      { name: "Ex-owners", permissions: ["calling", "view_all_leads"] },
    ]) {
      assertError(await call(h, first.apiKey, "PUT", `/role/${owners.id}/`, body), 400);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    }
    const role = await call(h, first.apiKey, "GET", `/role/${owners.id}/`);
    assert.deepEqual(role.json().permissions, [...ALL_PERMISSIONS].sort());
    // They are still admins: a membership write works.
    const stillAdmin = await call(
      h,
      first.apiKey,
      "PUT",
      `/membership/${org.admin.membershipId}/`,
      {
        role_id: "superuser",
      },
    );
    assert.equal(stillAdmin.statusCode, 200, stillAdmin.body);
  });

  test("with another admin left, removing manage_organization succeeds and its members get 403 at once", async () => {
    const org = await createOrg(h);
    const owners = await createRole(h, org.admin.apiKey, roleBody("Owners", ALL_PERMISSIONS));
    const x = await org.add(owners.id);
    const y = await org.add(owners.id);
    const target = await org.add("user");
    // Both can manage the organization now.
    const ok = await call(h, x.apiKey, "PUT", `/membership/${target.membershipId}/`, {
      auto_record_calls: "enabled",
    });
    assert.equal(ok.statusCode, 200, ok.body);

    const res = await call(h, org.admin.apiKey, "PUT", `/role/${owners.id}/`, {
      permissions: WITHOUT_MANAGE,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(!res.json().permissions.includes("manage_organization"));

    const before = await snapshotOrg(h, org.id, { roles: true });
    for (const member of [x, y]) {
      assertError(
        await call(h, member.apiKey, "PUT", `/membership/${target.membershipId}/`, {
          auto_record_calls: "disabled",
        }),
        403,
      );
      assertError(
        await call(h, member.apiKey, "PUT", `/membership/${member.membershipId}/`, {}),
        403,
      );
      assertError(await call(h, member.apiKey, "POST", "/role/", roleBody("Nope")), 403);
      assertError(
        await call(h, member.apiKey, "PUT", `/role/${owners.id}/`, {
          permissions: ALL_PERMISSIONS,
        }),
        403,
      );
      // Reading stays allowed.
      assert.equal((await call(h, member.apiKey, "GET", "/role/")).statusCode, 200);
    }
    assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    const all = await organizationMemberships(h, org);
    for (const member of [x, y]) {
      assert.deepEqual(all.get(member.membershipId)?.permissions_granted, WITHOUT_MANAGE);
    }
  });

  test("a member may demote themselves while another admin remains, then loses write access", async () => {
    const org = await createOrg(h);
    const other = await org.add("admin");
    const res = await call(h, org.admin.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, {
      role_id: "superuser",
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().role_id, "superuser");
    assertError(
      await call(h, org.admin.apiKey, "PUT", `/membership/${other.membershipId}/`, {
        role_id: "user",
      }),
      403,
    );
    const reverse = await call(h, other.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, {
      role_id: "admin",
    });
    assert.equal(reverse.statusCode, 200);
  });

  test("the sole admin cannot demote themselves: 400, nothing changes", async () => {
    const org = await createOrg(h);
    const custom = await createRole(h, org.admin.apiKey, roleBody("No admin", WITHOUT_MANAGE));
    const inactiveAdmin = await org.add("admin");
    await setActive(h, inactiveAdmin.membershipId, false);
    await org.add("superuser");
    const before = await snapshotOrg(h, org.id, { roles: true });
    const restrictedId = await predefinedRoleId(h, org.admin.apiKey, "Restricted User");
    for (const roleId of ["user", "superuser", "restricteduser", restrictedId, custom.id]) {
      const res = await call(h, org.admin.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, {
        role_id: roleId,
      });
      assertError(res, 400);
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    }
    // Re-sending the current role, or moving to another role that manages the org, is fine.
    const same = await call(h, org.admin.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, {
      role_id: "admin",
    });
    assert.equal(same.statusCode, 200);
    const owners = await createRole(h, org.admin.apiKey, roleBody("Owners", ALL_PERMISSIONS));
    const moved = await call(h, org.admin.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, {
      role_id: owners.id,
    });
    assert.equal(moved.statusCode, 200);
    assert.equal(moved.json().role_id, owners.id);
    assert.ok(moved.json().permissions_granted.includes("manage_organization"));
  });

  test("a member may strip manage_organization from their own role while another admin remains", async () => {
    const org = await createOrg(h);
    const owners = await createRole(h, org.admin.apiKey, roleBody("Owners", ALL_PERMISSIONS));
    const me = await org.add(owners.id);
    const res = await call(h, me.apiKey, "PUT", `/role/${owners.id}/`, {
      permissions: WITHOUT_MANAGE,
    });
    assert.equal(res.statusCode, 200, res.body);
    assertError(await call(h, me.apiKey, "PUT", `/role/${owners.id}/`, { name: "Back" }), 403);
  });

  for (const slug of ["user", "superuser", "restricteduser", "custom"] as const) {
    test(`a ${slug} caller may list and read roles but gets 403 on POST, PUT and DELETE`, async () => {
      const org = await createOrg(h);
      const custom = await createRole(h, org.admin.apiKey, roleBody("Custom", WITHOUT_MANAGE));
      const unused = await createRole(h, org.admin.apiKey, roleBody("Unused"));
      const caller = await org.add(slug === "custom" ? custom.id : slug);
      const adminRoleId = await predefinedRoleId(h, org.admin.apiKey, "Admin");

      const list = await call(h, caller.apiKey, "GET", "/role/");
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.json(), (await call(h, org.admin.apiKey, "GET", "/role/")).json());
      assert.equal(list.json().data.length, 6);
      for (const id of [custom.id, unused.id, adminRoleId]) {
        const got = await call(h, caller.apiKey, "GET", `/role/${id}/`);
        assert.equal(got.statusCode, 200);
        assert.equal(got.json().id, id);
      }

      const before = await snapshotOrg(h, org.id, { roles: true });
      assertError(await call(h, caller.apiKey, "POST", "/role/", roleBody("Mine")), 403);
      for (const id of [custom.id, unused.id, adminRoleId]) {
        assertError(await call(h, caller.apiKey, "PUT", `/role/${id}/`, { name: "Renamed" }), 403);
        assertError(await call(h, caller.apiKey, "PUT", `/role/${id}/`, {}), 403);
        assertError(await call(h, caller.apiKey, "DELETE", `/role/${id}/`), 403);
      }
      // Nor can they promote themselves.
      assertError(
        await call(h, caller.apiKey, "PUT", `/membership/${caller.membershipId}/`, {
          role_id: "admin",
        }),
        403,
      );
      assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);
    });
  }

  describe("under concurrent requests", () => {
    test("two last admins stripping each other's roles at once: an admin always remains", async () => {
      for (let round = 0; round < 5; round++) {
        const org = await createOrg(h);
        const r1 = await createRole(h, org.admin.apiKey, roleBody("Owners A", ALL_PERMISSIONS));
        const r2 = await createRole(h, org.admin.apiKey, roleBody("Owners B", ALL_PERMISSIONS));
        const x = await org.add(r1.id);
        const y = await org.add(r2.id);
        const down = await call(h, x.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, {
          role_id: "user",
        });
        assert.equal(down.statusCode, 200);

        const results = await Promise.all([
          call(h, x.apiKey, "PUT", `/role/${r2.id}/`, { permissions: WITHOUT_MANAGE }),
          call(h, y.apiKey, "PUT", `/role/${r1.id}/`, { permissions: WITHOUT_MANAGE }),
        ]);
        const statuses = results.map((r) => r.statusCode).sort();
        assert.equal(statuses.filter((s) => s === 200).length, 1, String(statuses));
        assert.ok([400, 403].includes(statuses.find((s) => s !== 200) ?? 0), String(statuses));
        const all = await organizationMemberships(h, org);
        const admins = [x, y].filter((m) =>
          all.get(m.membershipId)?.permissions_granted.includes("manage_organization"),
        );
        assert.equal(admins.length, 1);
      }
    });

    test("a demotion and a role edit racing cannot leave the organization without an admin", async () => {
      for (let round = 0; round < 5; round++) {
        const org = await createOrg(h);
        const owners = await createRole(h, org.admin.apiKey, roleBody("Owners", ALL_PERMISSIONS));
        const x = await org.add(owners.id);
        const results = await Promise.all([
          call(h, x.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, { role_id: "user" }),
          call(h, org.admin.apiKey, "PUT", `/role/${owners.id}/`, { permissions: WITHOUT_MANAGE }),
        ]);
        const statuses = results.map((r) => r.statusCode);
        assert.equal(statuses.filter((s) => s === 200).length, 1, String(statuses));
        // Any active member may read the organization, a demoted one too.
        const all = await organizationMemberships(h, org);
        const admins = [...all.values()].filter((m) =>
          m.permissions_granted.includes("manage_organization"),
        );
        assert.equal(admins.length, 1);
      }
    });

    test("concurrent creates of one name: exactly one 201, the rest 400 on name", async () => {
      const org = await createOrg(h);
      const results = await Promise.all(
        ["Closer", "closer", "CLOSER", " Closer ", "cLoSeR"].map((name) =>
          call(h, org.admin.apiKey, "POST", "/role/", roleBody(name)),
        ),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [201, 400, 400, 400, 400]);
      for (const res of results.filter((r) => r.statusCode === 400)) {
        assert.ok(Object.hasOwn(res.json()["field-errors"], "name"));
      }
      assert.equal((await listRoles(h, org.admin.apiKey)).length, 5);
    });
  });
});
