import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { api } from "./helpers/api.ts";
import { createOrg, useHarness } from "./helpers/harness.ts";

describe("GET /membership/ search and _expand=user (Roster extension)", () => {
  const h = useHarness();

  test("`query` matches part of the email or full name, case-insensitively; LIKE wildcards are literal", async () => {
    const org = await createOrg(h);
    const grace = await org.add("user", { firstName: "Grace", lastName: "Hopper" });
    await org.add("user", { firstName: "Alan", lastName: "Turing" });
    await org.add("user", { firstName: "100%", lastName: "Percent_Sign" });
    const ids = async (query: string) => {
      const res = await api(
        h,
        org.admin.apiKey,
        "GET",
        `/membership/?query=${encodeURIComponent(query)}`,
      );
      assert.equal(res.statusCode, 200, res.body);
      return res.json().data.map((m: { id: string }) => m.id);
    };
    assert.deepEqual(await ids("grace hop"), [grace.membershipId]);
    assert.deepEqual(await ids("HOPPER"), [grace.membershipId]);
    assert.equal((await ids("%")).length, 1, "a % matches only a literal %");
    assert.equal((await ids("_")).length, 1, "an _ matches only a literal _");
    assert.equal((await ids("example.com")).length, 4, "emails match too");
    assert.deepEqual(await ids("nobody-like-this"), []);
    const other = await createOrg(h);
    const foreign = await api(h, other.admin.apiKey, "GET", "/membership/?query=grace");
    assert.deepEqual(foreign.json().data, [], "another organization's members are not found");
  });

  test("a `query` with NUL or another control character matches nothing (an empty list, never a 500)", async () => {
    const org = await createOrg(h);
    await org.add("user", { firstName: "Ada", lastName: "Lovelace" });
    for (const query of ["a%00b", "%00", "Ada%01", "%7F", "Ada%09Lovelace"]) {
      const res = await api(h, org.admin.apiKey, "GET", `/membership/?query=${query}`);
      assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
      assert.deepEqual(res.json(), { data: [], has_more: false }, query);
    }
  });

  test("`_expand=user` adds each member's name and email; without it the shape is unchanged", async () => {
    const org = await createOrg(h);
    const res = await api(h, org.admin.apiKey, "GET", "/membership/?_expand=user");
    const [admin] = res.json().data;
    assert.equal(admin.user.id, org.admin.userId);
    assert.equal(admin.user.first_name, "Ada");
    assert.match(admin.user.email, /@example\.com$/);
    const plain = await api(h, org.admin.apiKey, "GET", "/membership/");
    assert.equal(plain.json().data[0].user, undefined);
    const bad = await api(h, org.admin.apiKey, "GET", "/membership/?_expand=role");
    assert.equal(bad.statusCode, 400);
  });
});
