import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import { addMember } from "../src/operations/provisioning.ts";
import { listEventsOfObject } from "../src/store/events.ts";
import { api, customRoleOf } from "./helpers/api.ts";
import { assertErrorBody, membershipRow, snapshotOrg } from "./helpers/assertions.ts";
import { bearer, createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";
import { assertUnauthorized, securitySuite } from "./helpers/security.ts";

function remove(h: Harness, auth: string, membershipId: string) {
  return api(h, auth, "DELETE", `/membership/${membershipId}/`);
}

async function expectNothingChanged(h: Harness, org: Org, request: () => Promise<void>) {
  const before = await snapshotOrg(h, org.id);
  await request();
  assert.deepEqual(await snapshotOrg(h, org.id), before, "the refused request changed nothing");
}

async function organizationOf(h: Harness, org: Org) {
  const res = await api(h, org.admin.apiKey, "GET", `/organization/${org.id}/`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  return {
    active: body.memberships.map((m: { id: string }) => m.id) as string[],
    inactive: body.inactive_memberships.map((m: { id: string }) => m.id) as string[],
  };
}

describe("DELETE /api/v1/membership/{id}/ — deactivate", () => {
  const h = useHarness();

  test("200 {}: the membership is kept, inactive, and moves to inactive_memberships", async () => {
    const org = await createOrg(h);
    const bob = await org.add("superuser");
    const before = await membershipRow(h, bob.membershipId);
    assert.ok((await organizationOf(h, org)).active.includes(bob.membershipId));
    h.clock.advance(1000);

    const res = await remove(h, org.admin.apiKey, bob.membershipId);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {});

    const after = await membershipRow(h, bob.membershipId);
    assert.ok(after, "the membership is kept");
    assert.equal(after.active, 0);
    assert.equal(after.role_id, "superuser", "its data is kept");
    assert.notEqual(after.date_updated, before?.date_updated);
    const { active, inactive } = await organizationOf(h, org);
    assert.ok(!active.includes(bob.membershipId));
    assert.ok(inactive.includes(bob.membershipId));

    const get = await api(h, org.admin.apiKey, "GET", `/membership/${bob.membershipId}/`);
    assert.equal(get.statusCode, 200, "still readable through the extension");
    const listed = await api(h, org.admin.apiKey, "GET", "/membership/?status=inactive");
    assert.deepEqual(
      listed.json().data.map((m: { id: string }) => m.id),
      [bob.membershipId],
    );
  });

  test("the member's keys and tokens stop working on the very next request", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const token = await org.token(bob);
    assert.equal((await api(h, bob.apiKey, "GET", "/me/")).statusCode, 200);
    assert.equal((await api(h, bearer(token), "GET", "/me/")).statusCode, 200);

    const res = await remove(h, org.admin.apiKey, bob.membershipId);
    assert.equal(res.statusCode, 200, res.body);
    assertUnauthorized(await api(h, bob.apiKey, "GET", "/me/"), "key");
    assertUnauthorized(await api(h, bearer(token), "GET", "/me/"), "token");
    assertUnauthorized(
      await api(h, bob.apiKey, "GET", `/organization/${org.id}/`),
      "key, organization",
    );
    const revoked = await h.store.db
      .selectFrom("credentials")
      .select(["id", "date_revoked"])
      .where("membership_id", "=", bob.membershipId)
      .execute();
    assert.equal(revoked.length, 2);
    for (const credential of revoked) assert.notEqual(credential.date_revoked, null);
    // The admin's own key is untouched.
    assert.equal((await api(h, org.admin.apiKey, "GET", "/me/")).statusCode, 200);
  });

  test("the user's other memberships keep working", async () => {
    const first = await createOrg(h);
    const second = await createOrg(h);
    const member = await first.add("user");
    const email = (
      await h.store.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", member.userId)
        .executeTakeFirstOrThrow()
    ).email;
    const elsewhere = await h.store.write((tx) =>
      addMember(tx, second.id, { email, role: "user" }, h.clock.now()),
    );
    assert.equal(elsewhere.user_id, member.userId);
    assert.equal((await remove(h, first.admin.apiKey, member.membershipId)).statusCode, 200);
    const res = await api(h, elsewhere.api_key, "GET", `/organization/${second.id}/`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await membershipRow(h, elsewhere.membership_id))?.active, 1);
  });

  test("repeating it is a no-op: 200 {}, nothing written, no second event", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    assert.equal((await remove(h, org.admin.apiKey, bob.membershipId)).statusCode, 200);
    h.clock.advance(1000);
    await expectNothingChanged(h, org, async () => {
      const again = await remove(h, org.admin.apiKey, bob.membershipId);
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(again.json(), {});
    });
    const actions = (await listEventsOfObject(h.store.db, org.id, bob.membershipId)).map(
      (e) => e.action,
    );
    assert.deepEqual(actions, ["created", "deactivated"]);
  });

  test("an inactive membership cannot be updated (400) until it is re-activated", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    await remove(h, org.admin.apiKey, bob.membershipId);
    await expectNothingChanged(h, org, async () => {
      const res = await api(h, org.admin.apiKey, "PUT", `/membership/${bob.membershipId}/`, {
        role_id: "superuser",
      });
      assert.equal(res.statusCode, 400, res.body);
      assertErrorBody(res);
    });
  });

  test("a deactivated member's user leaves GET /user/ and GET /user/{id}/", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    assert.equal((await api(h, org.admin.apiKey, "GET", `/user/${bob.userId}/`)).statusCode, 200);
    await remove(h, org.admin.apiKey, bob.membershipId);
    const one = await api(h, org.admin.apiKey, "GET", `/user/${bob.userId}/`);
    assert.equal(one.statusCode, 404, one.body);
    assertErrorBody(one);
    const list = await api(h, org.admin.apiKey, "GET", "/user/");
    assert.ok(!list.json().data.some((u: { id: string }) => u.id === bob.userId));
  });

  test("an admin may deactivate another admin, or themselves, while an admin remains", async () => {
    const org = await createOrg(h);
    const second = await org.add("admin");
    const third = await org.add("admin");
    assert.equal((await remove(h, org.admin.apiKey, second.membershipId)).statusCode, 200);
    const self = await remove(h, org.admin.apiKey, org.admin.membershipId);
    assert.equal(self.statusCode, 200, self.body);
    assertUnauthorized(await api(h, org.admin.apiKey, "GET", "/me/"), "own key after leaving");
    assert.equal((await membershipRow(h, third.membershipId))?.active, 1);
  });

  test("a custom role with manage_organization counts as an admin for the invariant", async () => {
    const org = await createOrg(h);
    const custom = await customRoleOf(h, org, ["manage_organization"]);
    const manager = await org.add(custom);
    const res = await remove(h, org.admin.apiKey, org.admin.membershipId);
    assert.equal(res.statusCode, 200, res.body);
    await expectNothingChanged(h, org, async () => {
      const last = await remove(h, manager.apiKey, manager.membershipId);
      assert.equal(last.statusCode, 400, last.body);
      assertErrorBody(last);
    });
  });
});

describe("DELETE /api/v1/membership/{id}/ — refused, nothing changes", () => {
  const h = useHarness();

  test("the last admin cannot deactivate themselves: 400, still active, key still works", async () => {
    const org = await createOrg(h);
    await org.add("superuser");
    await expectNothingChanged(h, org, async () => {
      const res = await remove(h, org.admin.apiKey, org.admin.membershipId);
      assert.equal(res.statusCode, 400, res.body);
      assertErrorBody(res);
    });
    assert.equal((await api(h, org.admin.apiKey, "GET", "/me/")).statusCode, 200);
  });

  test("of two admins, the second deactivation fails", async () => {
    const org = await createOrg(h);
    const second = await org.add("admin");
    assert.equal((await remove(h, org.admin.apiKey, second.membershipId)).statusCode, 200);
    await expectNothingChanged(h, org, async () => {
      const res = await remove(h, org.admin.apiKey, org.admin.membershipId);
      assert.equal(res.statusCode, 400, res.body);
    });
  });

  test("concurrent deactivations of two admins by each other leave one admin", async () => {
    const org = await createOrg(h);
    const second = await org.add("admin");
    const results = await Promise.all([
      remove(h, org.admin.apiKey, second.membershipId),
      remove(h, second.apiKey, org.admin.membershipId),
    ]);
    const statuses = results.map((r) => r.statusCode).sort();
    // One wins; the other is refused by the invariant, or (its caller just left) by auth.
    assert.equal(statuses[0], 200, results.map((r) => r.body).join(" "));
    assert.ok(statuses[1] === 400 || statuses[1] === 401, results.map((r) => r.body).join(" "));
    const active = await h.store.db
      .selectFrom("memberships")
      .select("id")
      .where("organization_id", "=", org.id)
      .where("active", "=", 1)
      .execute();
    assert.equal(active.length, 1);
  });

  test("an unknown or malformed ID → 404 {error}", async () => {
    const org = await createOrg(h);
    for (const id of [newId("membership"), "memb_", "nonsense", org.admin.userId, "%20"]) {
      await expectNothingChanged(h, org, async () => {
        const res = await remove(h, org.admin.apiKey, id);
        assert.equal(res.statusCode, 404, `${id}: ${res.body}`);
        assertErrorBody(res);
      });
    }
  });
});

describe("DELETE /api/v1/membership/{id}/ — security", () => {
  const h = useHarness();

  securitySuite(h, {
    method: "DELETE",
    path: (_org, target) => `/api/v1/membership/${target.membershipId}/`,
    permission: "manage_organization",
  });

  test("a member cannot remove themselves or an admin without manage_organization", async () => {
    const org = await createOrg(h);
    const self = await org.add("superuser");
    for (const id of [self.membershipId, org.admin.membershipId]) {
      await expectNothingChanged(h, org, async () => {
        const res = await remove(h, self.apiKey, id);
        assert.equal(res.statusCode, 403, res.body);
        assertErrorBody(res);
      });
    }
  });
});
