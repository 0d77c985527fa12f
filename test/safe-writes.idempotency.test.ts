import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { IDEMPOTENCY_TTL_MS, sweepExpiredKeys } from "../src/safe-writes/idempotency.ts";
import { allowCreate, eventsOfOrg, freshEmail } from "./helpers/api.ts";
import { assertError, snapshotOrg } from "./helpers/assertions.ts";
import { createOrg, useHarness } from "./helpers/harness.ts";
import { send } from "./helpers/safe-writes.ts";

describe("Idempotency-Key", () => {
  const h = useHarness();

  test("a retry replays the first answer byte for byte, without running again", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const key = org.admin.apiKey;
    const path = `/membership/${member.membershipId}/`;
    const headers = { "idempotency-key": "retry-1" };
    const first = await send(h, key, "PUT", path, { body: { role_id: "superuser" }, headers });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers["idempotent-replayed"], undefined);
    const events = (await eventsOfOrg(h, org.id)).length;
    // Meanwhile someone else changes the member: the retry must not undo that.
    h.clock.advance(1000);
    const meanwhile = await send(h, key, "PUT", path, { body: { role_id: "restricteduser" } });
    assert.equal(meanwhile.statusCode, 200);
    const before = await snapshotOrg(h, org.id);
    h.clock.advance(1000);
    const retry = await send(h, key, "PUT", `${path.slice(0, -1)}`, {
      body: { role_id: "superuser" },
      headers,
    });
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.headers["idempotent-replayed"], "true");
    assert.equal(retry.body, first.body, "the same bytes");
    assert.equal(retry.headers.etag, first.headers.etag);
    assert.deepEqual(await snapshotOrg(h, org.id), before, "nothing ran again");
    assert.equal((await eventsOfOrg(h, org.id)).length, events + 1, "only the meanwhile event");
  });

  test("the same key with another body, path, method or query is 422; a body's key order is not a difference", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    const b = await org.add("user");
    const key = org.admin.apiKey;
    const headers = { "idempotency-key": "k-422" };
    const body = { role_id: "superuser", track_email_opens: false };
    const first = await send(h, key, "PUT", `/membership/${a.membershipId}/`, { body, headers });
    assert.equal(first.statusCode, 200, first.body);
    const reordered = await send(h, key, "PUT", `/membership/${a.membershipId}/`, {
      body: { track_email_opens: false, role_id: "superuser" },
      headers,
    });
    assert.equal(reordered.headers["idempotent-replayed"], "true");
    for (const [label, res] of [
      [
        "body",
        await send(h, key, "PUT", `/membership/${a.membershipId}/`, {
          body: { role_id: "user" },
          headers,
        }),
      ],
      ["path", await send(h, key, "PUT", `/membership/${b.membershipId}/`, { body, headers })],
      ["method", await send(h, key, "DELETE", `/membership/${a.membershipId}/`, { headers })],
      [
        "query",
        await send(h, key, "PUT", `/membership/${a.membershipId}/?_fields=id`, { body, headers }),
      ],
    ] as const) {
      assertError(res, 422, label);
    }
    const other = await send(h, key, "GET", `/membership/${b.membershipId}/`);
    assert.equal(other.json().role_id, "user", "the 422 ran nothing");
  });

  test("keys belong to one user in one organization", async () => {
    const org = await createOrg(h);
    const secondAdmin = await org.add("admin");
    const member = await org.add("user");
    const headers = { "idempotency-key": "shared-name" };
    const path = `/membership/${member.membershipId}/`;
    const one = await send(h, org.admin.apiKey, "PUT", path, {
      body: { role_id: "superuser" },
      headers,
    });
    const two = await send(h, secondAdmin.apiKey, "PUT", path, {
      body: { role_id: "user" },
      headers,
    });
    assert.equal(one.statusCode, 200);
    assert.equal(two.statusCode, 200);
    assert.equal(
      two.headers["idempotent-replayed"],
      undefined,
      "another user's key is another key",
    );
    assert.equal(two.json().role_id, "user");
    const otherOrg = await createOrg(h);
    const elsewhere = await send(
      h,
      otherOrg.admin.apiKey,
      "PUT",
      `/membership/${otherOrg.admin.membershipId}/`,
      {
        body: { track_email_opens: false },
        headers,
      },
    );
    assert.equal(elsewhere.statusCode, 200, elsewhere.body);
    assert.equal(elsewhere.headers["idempotent-replayed"], undefined);
  });

  test("a malformed key is 400 and changes nothing", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const before = await snapshotOrg(h, org.id);
    for (const bad of ["", "x".repeat(256), "tab\there", "ünïcode"]) {
      const res = await h.app.inject({
        method: "PUT",
        url: `/api/v1/membership/${member.membershipId}/`,
        headers: {
          authorization: `Basic ${Buffer.from(`${org.admin.apiKey}:`).toString("base64")}`,
          "content-type": "application/json",
          "idempotency-key": Buffer.from(bad, "utf8").toString("latin1"),
        },
        payload: JSON.stringify({ role_id: "superuser" }),
      });
      assertError(res, 400, JSON.stringify(bad));
    }
    const longest = await send(h, org.admin.apiKey, "PUT", `/membership/${member.membershipId}/`, {
      body: { role_id: "superuser" },
      headers: { "idempotency-key": "~".repeat(255) },
    });
    assert.equal(longest.statusCode, 200, "255 printable characters are fine");
    assert.notDeepEqual(await snapshotOrg(h, org.id), before);
  });

  test("a refused request stores nothing: the corrected retry with the key runs", async () => {
    const org = await createOrg(h);
    const key = org.admin.apiKey;
    const headers = { "idempotency-key": "after-a-400" };
    const refused = await send(h, key, "PUT", `/membership/${org.admin.membershipId}/`, {
      body: { role_id: "user" },
      headers,
    });
    assertError(refused, 400);
    const again = await send(h, key, "PUT", `/membership/${org.admin.membershipId}/`, {
      body: { role_id: "user" },
      headers,
    });
    assertError(again, 400);
    assert.equal(again.headers["idempotent-replayed"], undefined, "errors are not replayed");
  });

  test("every write takes a key: create (replayed, not a second user), bulk, delete, roles, organization, pinned views", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const key = org.admin.apiKey;
    const email = freshEmail();
    const twice = async (
      method: "POST" | "PUT" | "DELETE",
      path: string,
      label: string,
      body?: unknown,
    ) => {
      const headers = { "idempotency-key": `every-${label}` };
      const first = await send(h, key, method, path, { body, headers });
      assert.ok(first.statusCode < 300, `${label}: ${first.body}`);
      const events = (await eventsOfOrg(h, org.id)).length;
      const second = await send(h, key, method, path, { body, headers });
      assert.equal(second.statusCode, first.statusCode, label);
      assert.equal(second.body, first.body, label);
      assert.equal(second.headers["idempotent-replayed"], "true", label);
      assert.equal((await eventsOfOrg(h, org.id)).length, events, `${label}: no second event`);
      return first;
    };
    const created = await twice("POST", "/membership/", "create", { email, role_id: "user" });
    const id = created.json().id as string;
    await twice("PUT", `/membership/?id__in=${id}`, "bulk", { role_id: "superuser" });
    await twice("PUT", `/membership/${id}/pinned_views/`, "pinned", { saved_view_ids: ["save_x"] });
    await twice("DELETE", `/membership/${id}/`, "delete");
    const role = await twice("POST", "/role/", "role-create", {
      name: "Keyed",
      permissions: ["calling", "view_all_leads"],
    });
    assert.equal(role.statusCode, 201);
    const roleId = role.json().id as string;
    await twice("PUT", `/role/${roleId}/`, "role-update", { name: "Keyed 2" });
    await twice("DELETE", `/role/${roleId}/`, "role-delete");
    await twice("PUT", `/organization/${org.id}/`, "org", { name: "Keyed org" });
    const roles = await send(h, key, "GET", "/role/?_limit=100");
    assert.equal(
      roles.json().data.filter((r: { name: string }) => r.name.startsWith("Keyed")).length,
      0,
      "the replayed create made no second role, the delete removed the first",
    );
  });

  test("a key expires after 24 hours: the same request then runs again; the sweep deletes expired keys", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const key = org.admin.apiKey;
    const path = `/membership/${member.membershipId}/`;
    const headers = { "idempotency-key": "day-old" };
    await send(h, key, "PUT", path, { body: { role_id: "superuser" }, headers });
    h.clock.advance(1000);
    await send(h, key, "PUT", path, { body: { role_id: "user" } });
    h.clock.advance(IDEMPOTENCY_TTL_MS - 5000);
    const within = await send(h, key, "PUT", path, { body: { role_id: "superuser" }, headers });
    assert.equal(within.headers["idempotent-replayed"], "true");
    assert.equal((await send(h, key, "GET", path)).json().role_id, "user");
    h.clock.advance(10_000);
    const expired = await send(h, key, "PUT", path, { body: { role_id: "superuser" }, headers });
    assert.equal(expired.statusCode, 200);
    assert.equal(expired.headers["idempotent-replayed"], undefined, "ran again");
    assert.equal((await send(h, key, "GET", path)).json().role_id, "superuser");

    await send(h, key, "PUT", path, {
      body: { track_email_opens: false },
      headers: { "idempotency-key": "to-sweep" },
    });
    const count = async () =>
      (
        await h.store.db
          .selectFrom("idempotency_keys")
          .select("idempotency_key")
          .where("organization_id", "=", org.id)
          .execute()
      ).length;
    assert.equal(await count(), 2);
    h.clock.advance(IDEMPOTENCY_TTL_MS + 1000);
    const swept = await h.store.write((tx) => sweepExpiredKeys(tx, h.clock.now()));
    assert.ok(swept >= 2);
    assert.equal(await count(), 0);
  });

  test("webhook subscriptions take a key too: a retried create makes one subscription", async () => {
    const org = await createOrg(h);
    const key = org.admin.apiKey;
    const body = {
      url: "https://203.0.114.10/hooks",
      events: [{ object_type: "membership", action: "updated" }],
    };
    const headers = { "idempotency-key": "webhook-once" };
    const first = await send(h, key, "POST", "/webhook/", { body, headers });
    assert.equal(first.statusCode, 201, first.body);
    const second = await send(h, key, "POST", "/webhook/", { body, headers });
    assert.equal(second.statusCode, 201);
    assert.equal(second.body, first.body);
    assert.equal(second.headers["idempotent-replayed"], "true");
    const list = await send(h, key, "GET", "/webhook/");
    assert.equal(list.json().data.length, 1);
    const id = first.json().id as string;
    assertError(
      await send(h, key, "PUT", `/webhook/${id}/`, { body: {}, headers: { "if-match": "*" } }),
      400,
    );
  });
});
