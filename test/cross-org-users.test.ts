import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addMember } from "../src/operations/provisioning.ts";
import { api, createMembership, verifyAsOperator } from "./helpers/api.ts";
import { assertFieldErrors } from "./helpers/assertions.ts";
import { createOrg, useHarness } from "./helpers/harness.ts";

/**
 * Issue 10, defect 3: an admin of A listed B's domain as verified, enrolled a person of B and
 * read the names B gave them and when their account began. Now the domain stays pending, and
 * even an organization that owns the domain sees of the person only what it set itself.
 */
describe("what an organization sees of a person another organization knows", () => {
  const h = useHarness();

  test("the issue's steps: A cannot claim b.test, so cannot enrol B's person", async () => {
    const a = await createOrg(h, "A");
    const b = await createOrg(h, "B");
    const domain = `b-${process.pid}.test`;
    await verifyAsOperator(h, b, [domain]);
    h.clock.advance(60_000);
    await h.store.write((tx) =>
      addMember(
        tx,
        b.id,
        { email: `hidden@${domain}`, role: "user", firstName: "Hidden", lastName: "Person" },
        h.clock.now(),
      ),
    );
    h.clock.advance(86_400_000);

    const put = await api(h, a.admin.apiKey, "PUT", `/organization/${a.id}/`, {
      verified_email_domains: [domain],
      restrict_new_users_to_verified_domains: true,
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json().verified_email_domains, []);
    const res = await createMembership(h, a.admin.apiKey, `hidden@${domain}`, "restricteduser");
    assertFieldErrors(res, ["email"]);
  });

  test("enrolled by an organization that owns the domain: nothing from B shows", async () => {
    const a = await createOrg(h, "A");
    const b = await createOrg(h, "B");
    const domain = `shared-${process.pid}.test`;
    await h.store.write((tx) =>
      addMember(
        tx,
        b.id,
        { email: `hidden@${domain}`, role: "user", firstName: "Hidden", lastName: "Person" },
        h.clock.now(),
      ),
    );
    h.clock.advance(86_400_000);
    // A owns the domain now (B's admin never listed it); it enrols the person.
    await verifyAsOperator(h, a, [domain]);
    await api(h, a.admin.apiKey, "PUT", `/organization/${a.id}/`, {
      restrict_new_users_to_verified_domains: true,
    });
    const known = await createMembership(h, a.admin.apiKey, `hidden@${domain}`, "restricteduser");
    assert.equal(known.statusCode, 200, known.body);
    const fresh = await createMembership(
      h,
      a.admin.apiKey,
      `brand-new@${domain}`,
      "restricteduser",
    );
    assert.equal(fresh.statusCode, 200, fresh.body);
    assert.deepEqual(Object.keys(known.json()).sort(), Object.keys(fresh.json()).sort());
    assert.equal(known.json().date_created, fresh.json().date_created, "same answer either way");

    const userId = known.json().user_id;
    const memberSince = known.json().date_created;
    const expectUser = (user: Record<string, unknown>, label: string) => {
      assert.equal(user.first_name, "", label);
      assert.equal(user.last_name, "", label);
      if ("date_created" in user) assert.equal(user.date_created, memberSince, label);
      assert.ok(!JSON.stringify(user).includes("Hidden"), label);
    };
    const one = await api(h, a.admin.apiKey, "GET", `/user/${userId}/`);
    assert.equal(one.statusCode, 200, one.body);
    expectUser(one.json(), "GET /user/{id}/");
    const freshUser = await api(h, a.admin.apiKey, "GET", `/user/${fresh.json().user_id}/`);
    assert.deepEqual(Object.keys(one.json()).sort(), Object.keys(freshUser.json()).sort());
    const list = await api(h, a.admin.apiKey, "GET", "/user/");
    expectUser(
      list.json().data.find((u: { id: string }) => u.id === userId),
      "GET /user/",
    );
    const org = await api(
      h,
      a.admin.apiKey,
      "GET",
      `/organization/${a.id}/?_expand=memberships__user`,
    );
    const nested = org.json().memberships.find((m: { user_id: string }) => m.user_id === userId);
    expectUser(nested.user, "organization, expanded");
    const flat = await api(h, a.admin.apiKey, "GET", `/organization/${a.id}/`);
    assert.ok(!flat.body.includes("Hidden"), "organization, flattened");
    const expanded = await api(h, a.admin.apiKey, "GET", "/membership/?_expand=user");
    assert.ok(!expanded.body.includes("Hidden"), "membership list, expanded");
    const search = await api(h, a.admin.apiKey, "GET", "/membership/?query=hidden%20person");
    assert.deepEqual(search.json().data, [], "B's names are not searchable in A");
    const events = await api(h, a.admin.apiKey, "GET", "/event/");
    assert.ok(!events.body.includes("Hidden"), "events");

    // B still sees the names it gave.
    const inB = await api(h, b.admin.apiKey, "GET", `/user/${userId}/`);
    assert.equal(inB.json().first_name, "Hidden");
  });
});
