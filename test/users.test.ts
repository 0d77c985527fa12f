import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import { addMember } from "../src/operations/provisioning.ts";
import { api, userById } from "./helpers/api.ts";
import {
  assertErrorBody,
  assertFieldErrors,
  TIMESTAMP,
  USER_FIELDS,
} from "./helpers/assertions.ts";
import { bearer, createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";
import { securitySuite } from "./helpers/security.ts";

interface UserBody {
  id: string;
  first_name: string;
  last_name: string;
}

async function listUsers(h: Harness, auth: string, query = "") {
  const res = await api(h, auth, "GET", `/user/${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { data: UserBody[]; has_more: boolean };
}

/** An organization whose members (besides Ada Admin) have these names. */
async function orgWithNames(h: Harness, names: Array<[string, string]>) {
  const org = await createOrg(h);
  const members = [];
  for (const [firstName, lastName] of names)
    members.push(await org.add("user", { firstName, lastName }));
  return { org, members };
}

const nameOf = (u: UserBody) => `${u.first_name} ${u.last_name}`;

describe("GET /api/v1/user/", () => {
  const h = useHarness();

  test("lists the users of the caller's organization, with exactly the user fields", async () => {
    const { org, members } = await orgWithNames(h, [
      ["Bea", "Brown"],
      ["Cal", "Chen"],
    ]);
    const other = await createOrg(h);
    await other.add("user", { firstName: "Zed", lastName: "Elsewhere" });
    const page = await listUsers(h, org.admin.apiKey);
    assert.equal(page.has_more, false);
    assert.deepEqual(
      page.data.map((u) => u.id).sort(),
      [org.admin.userId, ...members.map((m) => m.userId)].sort(),
    );
    for (const user of page.data) {
      assert.deepEqual(Object.keys(user).sort(), USER_FIELDS);
      const full = user as unknown as Record<string, unknown>;
      assert.match(String(full.email), /@/);
      assert.equal(full.image, null);
      assert.match(String(full.date_created), TIMESTAMP);
    }
  });

  test("ordered by first_name,last_name by default, or last_name,first_name", async () => {
    const { org } = await orgWithNames(h, [
      ["Bea", "Zimmer"],
      ["Bea", "Adams"],
      ["Abe", "Young"],
      ["Cal", "Adams"],
    ]);
    const byFirst = ["Abe Young", "Ada Admin", "Bea Adams", "Bea Zimmer", "Cal Adams"];
    assert.deepEqual((await listUsers(h, org.admin.apiKey)).data.map(nameOf), byFirst);
    assert.deepEqual(
      (await listUsers(h, org.admin.apiKey, "?_order_by=first_name,last_name")).data.map(nameOf),
      byFirst,
    );
    assert.deepEqual(
      (await listUsers(h, org.admin.apiKey, "?_order_by=last_name,first_name")).data.map(nameOf),
      ["Bea Adams", "Cal Adams", "Ada Admin", "Abe Young", "Bea Zimmer"],
    );
  });

  test("an unknown _order_by → 400 naming it", async () => {
    const org = await createOrg(h);
    for (const order of ["email", "-first_name", "first_name", "last_name,first_name,id", ""]) {
      const res = await api(h, org.admin.apiKey, "GET", `/user/?_order_by=${order}`);
      assertFieldErrors(res, ["_order_by"], order);
    }
  });

  test("pages with _skip and _limit; has_more tells whether another page exists", async () => {
    const { org } = await orgWithNames(h, [
      ["B", "One"],
      ["C", "Two"],
      ["D", "Three"],
      ["E", "Four"],
    ]);
    const all = (await listUsers(h, org.admin.apiKey)).data.map((u) => u.id);
    assert.equal(all.length, 5);
    const seen: string[] = [];
    let skip = 0;
    for (;;) {
      const page = await listUsers(h, org.admin.apiKey, `?_skip=${skip}&_limit=2`);
      seen.push(...page.data.map((u) => u.id));
      skip += 2;
      if (!page.has_more) break;
      assert.equal(page.data.length, 2);
    }
    assert.deepEqual(seen, all);
    const exact = await listUsers(h, org.admin.apiKey, "?_skip=3&_limit=2");
    assert.equal(exact.data.length, 2);
    assert.equal(exact.has_more, false);
    const past = await listUsers(h, org.admin.apiKey, "?_skip=5");
    assert.deepEqual(past, { data: [], has_more: false });
  });

  test("inactive members are not listed; a user in two organizations is listed by both", async () => {
    const first = await createOrg(h);
    const second = await createOrg(h);
    const shared = await first.add("user", { firstName: "Sam", lastName: "Shared" });
    const { email } = await userById(h, shared.userId);
    await h.store.write((tx) =>
      addMember(tx, second.id, { email, role: "restricteduser" }, h.clock.now()),
    );
    const gone = await first.add("user");
    await api(h, first.admin.apiKey, "DELETE", `/membership/${gone.membershipId}/`);
    const inFirst = (await listUsers(h, first.admin.apiKey)).data.map((u) => u.id);
    const inSecond = (await listUsers(h, second.admin.apiKey)).data.map((u) => u.id);
    assert.ok(inFirst.includes(shared.userId));
    assert.ok(inSecond.includes(shared.userId));
    assert.ok(!inFirst.includes(gone.userId));
    assert.equal(new Set(inFirst).size, inFirst.length, "no user twice");
  });

  test("_fields applies to each listed user", async () => {
    const { org } = await orgWithNames(h, [["Bea", "Brown"]]);
    const page = await listUsers(h, org.admin.apiKey, "?_fields=id,first_name,nope");
    assert.equal(page.has_more, false);
    for (const user of page.data) assert.deepEqual(Object.keys(user).sort(), ["first_name", "id"]);
  });
});

describe("GET /api/v1/user/{id}/", () => {
  const h = useHarness();

  test("returns the caller and any active member of the caller's organization", async () => {
    const org = await createOrg(h);
    const bob = await org.add("restricteduser", { firstName: "Bob", lastName: "Baker" });
    const self = await api(h, bob.apiKey, "GET", `/user/${bob.userId}/`);
    assert.equal(self.statusCode, 200, self.body);
    assert.deepEqual(Object.keys(self.json()).sort(), USER_FIELDS);
    assert.equal(self.json().first_name, "Bob");
    assert.equal(self.json().last_name, "Baker");
    const admin = await api(h, bob.apiKey, "GET", `/user/${org.admin.userId}`);
    assert.equal(admin.statusCode, 200, admin.body);
    assert.equal(admin.json().id, org.admin.userId);
    assert.equal(admin.json().first_name, "Ada");
    const trimmed = await api(h, bob.apiKey, "GET", `/user/${bob.userId}/?_fields=email`);
    assert.deepEqual(Object.keys(trimmed.json()), ["email"]);
  });

  test("a user of another organization only, unknown or malformed IDs → 404 {error}", async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const stranger = await other.add("user");
    for (const id of [other.admin.userId, stranger.userId, newId("user"), "nonsense", org.id]) {
      const res = await api(h, org.admin.apiKey, "GET", `/user/${id}/`);
      assert.equal(res.statusCode, 404, `${id}: ${res.body}`);
      assertErrorBody(res);
    }
  });

  test("a user shared by two organizations is visible from both, the same object", async () => {
    const first = await createOrg(h);
    const second = await createOrg(h);
    const shared = await first.add("user");
    const { email } = await userById(h, shared.userId);
    await h.store.write((tx) => addMember(tx, second.id, { email, role: "user" }, h.clock.now()));
    const fromFirst = await api(h, first.admin.apiKey, "GET", `/user/${shared.userId}/`);
    const fromSecond = await api(
      h,
      bearer(await second.token(second.admin)),
      "GET",
      `/user/${shared.userId}/`,
    );
    assert.equal(fromFirst.statusCode, 200);
    assert.equal(fromSecond.statusCode, 200);
    assert.deepEqual(fromFirst.json(), fromSecond.json());
  });
});

describe("users — security", () => {
  const h = useHarness();

  securitySuite(h, {
    method: "GET",
    path: () => "/api/v1/user/",
    ownedByOrganization: false,
  });

  securitySuite(h, {
    method: "GET",
    path: (_org, target) => `/api/v1/user/${target.userId}/`,
  });

  test("the list never shows another organization's users, by key or token", async () => {
    const org: Org = await createOrg(h);
    const other = await createOrg(h);
    const stranger = await other.add("user");
    for (const auth of [org.admin.apiKey, bearer(await org.token(org.admin))]) {
      const page = await listUsers(h, auth);
      assert.ok(!page.data.some((u) => u.id === stranger.userId || u.id === other.admin.userId));
    }
  });
});
