import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { basic, createOrg, putMembership, useHarness } from "./helpers/harness.ts";

describe("GET /api/v1/event/ and /event/{id}/", () => {
  const h = useHarness();

  async function get(apiKey: string, url: string) {
    return h.app.inject({ method: "GET", url, headers: { authorization: basic(apiKey) } });
  }

  test("lists the organization's events newest first, filtered, paged by cursor", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const roles = ["superuser", "restricteduser", "user", "superuser"];
    const requestIds: string[] = [];
    for (const role_id of roles) {
      h.clock.advance(1000);
      const res = await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id });
      assert.equal(res.statusCode, 200);
      requestIds.push(res.headers["x-request-id"] as string);
    }
    const base = `/api/v1/event/?object_id=${bob.membershipId}&action=updated&_limit=3`;
    const first = await get(org.admin.apiKey, base);
    assert.equal(first.statusCode, 200);
    const page1 = first.json();
    assert.deepEqual(
      page1.data.map((e: { data: { role_id: string } }) => e.data.role_id),
      ["superuser", "user", "restricteduser"],
    );
    assert.equal(page1.cursor_previous, null);
    assert.equal(typeof page1.cursor_next, "string");
    const second = await get(org.admin.apiKey, `${base}&_cursor=${page1.cursor_next}`);
    const page2 = second.json();
    assert.deepEqual(
      page2.data.map((e: { request_id: string }) => e.request_id),
      [requestIds[0]],
    );
    assert.equal(page2.cursor_next, null);

    const byRequest = await get(org.admin.apiKey, `/api/v1/event/?request_id=${requestIds[2]}`);
    assert.equal(byRequest.json().data.length, 1);
    const event = byRequest.json().data[0];
    const one = await get(org.admin.apiKey, `/api/v1/event/${event.id}/`);
    assert.equal(one.statusCode, 200);
    assert.deepEqual(one.json(), event);
  });

  test("pages both ways: cursor_previous leads back to the newer page", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const roles = [
      "superuser",
      "restricteduser",
      "user",
      "superuser",
      "user",
      "restricteduser",
      "superuser",
    ];
    for (const role_id of roles) {
      h.clock.advance(1000);
      assert.equal(
        (await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id })).statusCode,
        200,
      );
    }
    const base = `/api/v1/event/?object_id=${bob.membershipId}&action=updated&_limit=3`;
    const ids = async (query: string) => {
      const res = await get(org.admin.apiKey, `${base}${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json();
      return { ...page, ids: page.data.map((e: { id: string }) => e.id) as string[] };
    };
    const p1 = await ids("");
    const p2 = await ids(`&_cursor=${p1.cursor_next}`);
    const p3 = await ids(`&_cursor=${p2.cursor_next}`);
    assert.deepEqual([p1.ids.length, p2.ids.length, p3.ids.length], [3, 3, 1]);
    assert.equal(new Set([...p1.ids, ...p2.ids, ...p3.ids]).size, 7);
    assert.equal(p1.cursor_previous, null);
    assert.equal(p3.cursor_next, null);
    // Back from the last page, then from the middle one: the same pages, newest first.
    const back2 = await ids(`&_cursor=${p3.cursor_previous}`);
    assert.deepEqual(back2.ids, p2.ids);
    const back1 = await ids(`&_cursor=${back2.cursor_previous}`);
    assert.deepEqual(back1.ids, p1.ids);
    assert.equal(back1.cursor_previous, null, "nothing newer than the first page");
    const forward = await ids(`&_cursor=${back1.cursor_next}`);
    assert.deepEqual(forward.ids, p2.ids);
    const bad = await get(
      org.admin.apiKey,
      `${base}&_cursor=${Buffer.from(JSON.stringify(["x", "y", "sideways"])).toString("base64url")}`,
    );
    assert.equal(bad.statusCode, 400);
  });

  test("filters by date_updated ranges and by object_type", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    h.clock.advance(60_000);
    const cut = h.clock.now().toISOString();
    h.clock.advance(60_000);
    await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: "superuser" });
    const after = await get(
      org.admin.apiKey,
      `/api/v1/event/?date_updated__gt=${encodeURIComponent(cut)}`,
    );
    assert.deepEqual(
      after.json().data.map((e: { action: string }) => e.action),
      ["updated"],
    );
    const before = await get(
      org.admin.apiKey,
      `/api/v1/event/?date_updated__lte=${encodeURIComponent(cut)}`,
    );
    assert.ok(before.json().data.every((e: { action: string }) => e.action === "created"));
    const none = await get(org.admin.apiKey, "/api/v1/event/?object_type=lead");
    assert.deepEqual(none.json().data, []);
  });

  test("never shows another organization's events, nor events past 30 days", async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const res = await get(other.admin.apiKey, `/api/v1/event/?object_id=${org.admin.membershipId}`);
    assert.deepEqual(res.json().data, []);
    const mine = await get(org.admin.apiKey, `/api/v1/event/?object_id=${org.admin.membershipId}`);
    const [created] = mine.json().data;
    assert.ok(created);
    assert.equal((await get(other.admin.apiKey, `/api/v1/event/${created.id}/`)).statusCode, 404);
    h.clock.advance(31 * 86_400_000);
    assert.equal((await get(org.admin.apiKey, `/api/v1/event/${created.id}/`)).statusCode, 404);
  });

  test("rejects bad paging and filter values with a 400 naming the parameter", async () => {
    const org = await createOrg(h);
    for (const [query, field] of <Array<[string, string]>>[
      ["_limit=0", "_limit"],
      ["_limit=51", "_limit"],
      ["_limit=abc", "_limit"],
      ["_cursor=not-a-cursor", "_cursor"],
      ["date_updated__gt=yesterday", "date_updated__gt"],
    ]) {
      const res = await get(org.admin.apiKey, `/api/v1/event/?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.ok(field in res.json()["field-errors"], query);
    }
  });
});
