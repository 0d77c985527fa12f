import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import { addMember } from "../src/operations/provisioning.ts";
import {
  assertErrorBody,
  MEMBERSHIP_FIELDS,
  TIMESTAMP,
  USER_FIELDS,
} from "./helpers/assertions.ts";
import { basic, createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";
import { securitySuite, setActive } from "./helpers/security.ts";

const ORGANIZATION_SUMMARY_FIELDS = [
  "created_by",
  "date_created",
  "date_updated",
  "id",
  "name",
  "updated_by",
];
const FLATTENED_USER_FIELDS = ["user_email", "user_first_name", "user_full_name", "user_last_name"];

function get(h: Harness, apiKey: string, url: string) {
  return h.app.inject({ method: "GET", url, headers: { authorization: basic(apiKey) } });
}

async function emailOf(h: Harness, userId: string): Promise<string> {
  const row = await h.store.db
    .selectFrom("users")
    .select("email")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return row.email;
}

/** Adds an existing user (by email) to `org`, as the CLI's `member add` does. */
async function addExistingUser(h: Harness, org: Org, email: string, role: string) {
  return h.store.write((tx) => addMember(tx, org.id, { email, role }, h.clock.now()));
}

function sortedKeys(object: unknown): string[] {
  return Object.keys(object as object).sort();
}

/**
 * The organization's own fields are a lower bound: settings (e.g. the email domains of
 * membership create) may be added next to them.
 */
function assertHasFields(object: unknown, fields: readonly string[]): void {
  const keys = new Set(Object.keys(object as object));
  for (const field of fields) assert.ok(keys.has(field), `missing ${field}`);
}

describe("GET /api/v1/me/", () => {
  const h = useHarness();

  securitySuite(h, {
    method: "GET",
    path: () => "/api/v1/me/",
    ownedByOrganization: false,
  });

  test("returns the caller's user with its active memberships and organizations", async () => {
    const org = await createOrg(h, "Acme Me");
    const bob = await org.add("superuser", { firstName: "Bob", lastName: "Boss" });
    const res = await get(h, bob.apiKey, "/api/v1/me/");
    assert.equal(res.statusCode, 200, res.body);
    const me = res.json();
    assert.deepEqual(sortedKeys(me), [...USER_FIELDS, "memberships", "organizations"].sort());
    assert.equal(me.id, bob.userId);
    assert.equal(me.email, await emailOf(h, bob.userId));
    assert.equal(me.first_name, "Bob");
    assert.equal(me.last_name, "Boss");
    assert.equal(me.image, null);
    assert.match(me.date_created, TIMESTAMP);
    assert.match(me.date_updated, TIMESTAMP);

    assert.equal(me.memberships.length, 1);
    const [membership] = me.memberships;
    assert.deepEqual(sortedKeys(membership), MEMBERSHIP_FIELDS);
    assert.equal(membership.id, bob.membershipId);
    assert.equal(membership.user_id, bob.userId);
    assert.equal(membership.organization_id, org.id);
    assert.equal(membership.role_id, "superuser");
    assert.ok(!("active" in membership), "the internal flag is not exposed");

    assert.equal(me.organizations.length, 1);
    assertHasFields(me.organizations[0], ORGANIZATION_SUMMARY_FIELDS);
    assert.equal(me.organizations[0].id, org.id);
    assert.equal(me.organizations[0].name, "Acme Me");
    assert.equal(me.organizations[0].created_by, org.admin.userId);
  });

  test("lists every organization of a user in several, but not inactive memberships", async () => {
    const first = await createOrg(h, "First");
    const second = await createOrg(h, "Second");
    const third = await createOrg(h, "Third");
    const email = await emailOf(h, first.admin.userId);
    const inSecond = await addExistingUser(h, second, email, "user");
    const inThird = await addExistingUser(h, third, email, "restricteduser");
    assert.equal(inSecond.user_id, first.admin.userId, "the same user");
    await setActive(h, inThird.membership_id, false);

    const res = await get(h, first.admin.apiKey, "/api/v1/me");
    assert.equal(res.statusCode, 200, res.body);
    const me = res.json();
    assert.equal(me.id, first.admin.userId);
    const memberships = new Map<string, { organization_id: string; role_id: string }>(
      me.memberships.map((m: { id: string; organization_id: string; role_id: string }) => [
        m.id,
        m,
      ]),
    );
    assert.deepEqual(
      [...memberships.keys()].sort(),
      [first.admin.membershipId, inSecond.membership_id].sort(),
    );
    assert.equal(memberships.get(inSecond.membership_id)?.organization_id, second.id);
    assert.equal(memberships.get(inSecond.membership_id)?.role_id, "user");
    assert.deepEqual(
      me.organizations.map((o: { id: string }) => o.id).sort(),
      [first.id, second.id].sort(),
    );

    // The key of the second membership sees the same user.
    const viaSecond = await get(h, inSecond.api_key, "/api/v1/me/");
    assert.equal(viaSecond.statusCode, 200);
    assert.equal(viaSecond.json().id, first.admin.userId);
  });

  test("_fields keeps only the named top-level fields, ignoring unknown ones", async () => {
    const org = await createOrg(h);
    const res = await get(h, org.admin.apiKey, "/api/v1/me/?_fields=id,email,nonsense");
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(sortedKeys(res.json()), ["email", "id"]);
    assert.equal(res.json().id, org.admin.userId);
    const all = await get(h, org.admin.apiKey, "/api/v1/me/?_fields=");
    assert.deepEqual(
      sortedKeys(all.json()),
      [...USER_FIELDS, "memberships", "organizations"].sort(),
    );
  });

  test("reflects a role change at once", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const put = await h.app.inject({
      method: "PUT",
      url: `/api/v1/membership/${bob.membershipId}/`,
      headers: { authorization: basic(org.admin.apiKey), "content-type": "application/json" },
      payload: { role_id: "restricteduser" },
    });
    assert.equal(put.statusCode, 200, put.body);
    const me = await get(h, bob.apiKey, "/api/v1/me/");
    assert.equal(me.json().memberships[0].role_id, "restricteduser");
    assert.equal(me.json().memberships[0].permissions_granted.length, 5);
  });
});

describe("GET /api/v1/organization/{id}/", () => {
  const h = useHarness();

  securitySuite(h, {
    method: "GET",
    path: (org) => `/api/v1/organization/${org.id}/`,
  });

  test("returns the organization with active and inactive memberships, users flattened", async () => {
    const org = await createOrg(h, "Acme Org");
    const alice = await org.add("user", { firstName: "Alice", lastName: "Agent" });
    const carol = await org.add("restricteduser", { firstName: "Carol", lastName: "Gone" });
    const solo = await org.add("superuser", { firstName: "Solo" });
    await setActive(h, carol.membershipId, false);

    const res = await get(h, org.admin.apiKey, `/api/v1/organization/${org.id}/`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assertHasFields(body, [...ORGANIZATION_SUMMARY_FIELDS, "inactive_memberships", "memberships"]);
    assert.equal(body.id, org.id);
    assert.equal(body.name, "Acme Org");
    assert.equal(body.created_by, org.admin.userId);
    assert.equal(body.updated_by, org.admin.userId);
    assert.match(body.date_created, TIMESTAMP);
    assert.match(body.date_updated, TIMESTAMP);

    const active = new Map<string, Record<string, unknown>>(
      body.memberships.map((m: Record<string, unknown>) => [m.id, m]),
    );
    assert.deepEqual(
      [...active.keys()].sort(),
      [org.admin.membershipId, alice.membershipId, solo.membershipId].sort(),
    );
    assert.deepEqual(
      body.inactive_memberships.map((m: { id: string }) => m.id),
      [carol.membershipId],
    );
    for (const membership of [...body.memberships, ...body.inactive_memberships]) {
      assert.deepEqual(
        sortedKeys(membership),
        [...MEMBERSHIP_FIELDS, ...FLATTENED_USER_FIELDS].sort(),
      );
      assert.equal(membership.organization_id, org.id);
    }
    const a = active.get(alice.membershipId);
    assert.equal(a?.user_id, alice.userId);
    assert.equal(a?.role_id, "user");
    assert.equal(a?.user_email, await emailOf(h, alice.userId));
    assert.equal(a?.user_first_name, "Alice");
    assert.equal(a?.user_last_name, "Agent");
    assert.equal(a?.user_full_name, "Alice Agent");
    assert.equal(active.get(solo.membershipId)?.user_full_name, "Solo");
    assert.equal(active.get(solo.membershipId)?.user_last_name, "");
    assert.equal(body.inactive_memberships[0].user_full_name, "Carol Gone");
    assert.equal(body.inactive_memberships[0].role_id, "restricteduser");
  });

  test("_expand nests the user object instead of the flattened fields, per list", async () => {
    const org = await createOrg(h);
    const alice = await org.add("user", { firstName: "Alice", lastName: "Agent" });
    const carol = await org.add("user", { firstName: "Carol", lastName: "Gone" });
    await setActive(h, carol.membershipId, false);
    const url = `/api/v1/organization/${org.id}/`;

    const both = await get(
      h,
      org.admin.apiKey,
      `${url}?_expand=memberships__user,inactive_memberships__user`,
    );
    assert.equal(both.statusCode, 200, both.body);
    for (const membership of [...both.json().memberships, ...both.json().inactive_memberships]) {
      assert.deepEqual(sortedKeys(membership), [...MEMBERSHIP_FIELDS, "user"].sort());
      assert.deepEqual(sortedKeys(membership.user), USER_FIELDS);
      assert.equal(membership.user.id, membership.user_id);
    }
    const nestedAlice = both
      .json()
      .memberships.find((m: { id: string }) => m.id === alice.membershipId);
    assert.equal(nestedAlice.user.first_name, "Alice");
    assert.equal(nestedAlice.user.email, await emailOf(h, alice.userId));
    assert.equal(both.json().inactive_memberships[0].user.last_name, "Gone");

    const activeOnly = await get(h, org.admin.apiKey, `${url}?_expand=memberships__user`);
    assert.equal(activeOnly.statusCode, 200);
    for (const membership of activeOnly.json().memberships) {
      assert.ok("user" in membership && !("user_email" in membership));
    }
    for (const membership of activeOnly.json().inactive_memberships) {
      assert.ok("user_email" in membership && !("user" in membership));
    }

    const unknown = await get(h, org.admin.apiKey, `${url}?_expand=nonsense`);
    assert.equal(unknown.statusCode, 200);
    assert.ok("user_email" in unknown.json().memberships[0]);
  });

  test("_fields keeps only the named top-level fields", async () => {
    const org = await createOrg(h, "Fields Co");
    const res = await get(
      h,
      org.admin.apiKey,
      `/api/v1/organization/${org.id}/?_fields=id,name,bogus`,
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { id: org.id, name: "Fields Co" });
    const combined = await get(
      h,
      org.admin.apiKey,
      `/api/v1/organization/${org.id}?_fields=memberships&_expand=memberships__user`,
    );
    assert.equal(combined.statusCode, 200);
    assert.deepEqual(sortedKeys(combined.json()), ["memberships"]);
    assert.ok("user" in combined.json().memberships[0]);
  });

  test("an organization ID that is not the caller's → 404 {error}", async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    for (const id of [
      other.id,
      newId("organization"),
      "orga_",
      "x",
      org.admin.membershipId,
      "a".repeat(500),
      "%00",
      "%ZZ",
      encodeURIComponent("orga_ünï"),
    ]) {
      const res = await get(h, org.admin.apiKey, `/api/v1/organization/${id}/`);
      assert.equal(res.statusCode, 404, `${id.slice(0, 40)}: ${res.body}`);
      assertErrorBody(res, id.slice(0, 40));
    }
    // Another member of the same organization, even with the least role, may read it.
    const restricted = await org.add("restricteduser");
    const ok = await get(h, restricted.apiKey, `/api/v1/organization/${org.id}`);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().id, org.id);
  });
});
