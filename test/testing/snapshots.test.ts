import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startRoster } from "../../src/testing/start.ts";
import { basicAuth, type Double, dumpDatabase, fixtureOf, startDouble } from "./helpers.ts";

/** A spread of writes through the API: role create/update/delete, membership updates, events. */
async function churn(d: Double, tag: string): Promise<void> {
  const headers = { ...basicAuth(d.adminKey), "content-type": "application/json" };
  const org = d.organizations[0];
  assert.ok(org);
  const role = await fetch(`${d.url}/api/v1/role/`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: `Role ${tag}`, permissions: ["calling", "view_all_leads"] }),
  });
  assert.equal(role.status, 201);
  const roleId = ((await role.json()) as { id: string }).id;
  for (const member of org.members.slice(1, 6)) {
    const put = await fetch(`${d.url}/api/v1/membership/${member.membership_id}/`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ role_id: roleId, auto_record_calls: "enabled" }),
    });
    assert.equal(put.status, 200);
  }
  const deleted = await fetch(`${d.url}/api/v1/membership/${org.members[7]?.membership_id}/`, {
    method: "DELETE",
    headers: basicAuth(d.adminKey),
  });
  assert.equal(deleted.status, 200);
}

describe("snapshots restore the whole database exactly", () => {
  let d: Double;
  before(async () => {
    d = await startDouble({ fixture: fixtureOf(20) });
  });
  after(() => d.stop());

  test("restore(snapshot) undoes every change made after it, and only those", async () => {
    await churn(d, "one");
    const atSnapshot = await dumpDatabase(d.store);
    const id = await d.double.snapshots.take();
    assert.match(id, /^snap_/);
    await churn(d, "two");
    assert.notDeepEqual(await dumpDatabase(d.store), atSnapshot);
    assert.equal(await d.double.snapshots.restore(id), true);
    assert.deepEqual(await dumpDatabase(d.store), atSnapshot);
    // The same snapshot serves again after more changes.
    await churn(d, "three");
    await d.double.snapshots.restore(id);
    assert.deepEqual(await dumpDatabase(d.store), atSnapshot);
  });

  test("reset() returns to the seeded database, and clears faults, journal and clock", async () => {
    await d.double.reset();
    const seeded = await dumpDatabase(d.store);
    await churn(d, "four");
    d.double.faults.set([{ method: "GET", route: "*", status: 503, count: null }]);
    d.double.clock.advance(86_400);
    assert.ok(d.double.journal.size > 0);
    await d.double.reset();
    assert.deepEqual(await dumpDatabase(d.store), seeded);
    assert.deepEqual(d.double.faults.list(), []);
    assert.equal(d.double.journal.size, 0);
    assert.equal(d.double.clock.isPinned, false);
    // The API sees the seeded state.
    const member = d.organizations[0]?.members[1];
    const got = await fetch(`${d.url}/api/v1/membership/${member?.membership_id}/`, {
      headers: basicAuth(d.adminKey),
    });
    assert.equal(((await got.json()) as { auto_record_calls: string }).auto_record_calls, "unset");
  });

  test("an unknown snapshot restores nothing", async () => {
    const before = await dumpDatabase(d.store);
    assert.equal(await d.double.snapshots.restore("snap_nope"), false);
    assert.deepEqual(await dumpDatabase(d.store), before);
  });
});

describe("startRoster defaults (SQLite in memory)", () => {
  test("starts seeded, reset() and restore() work, close() ends it", async () => {
    const roster = await startRoster();
    try {
      const me = await fetch(`${roster.apiUrl}/me/`, { headers: basicAuth(roster.adminKey) });
      assert.equal(me.status, 200);
      const snapshot = await roster.snapshot();
      const put = await fetch(`${roster.url}/api/v1/membership/${roster.adminMembershipId}/`, {
        method: "PUT",
        headers: { ...basicAuth(roster.adminKey), "content-type": "application/json" },
        body: JSON.stringify({ auto_record_calls: "enabled" }),
      });
      assert.equal(put.status, 200);
      await roster.restore(snapshot);
      const got = await fetch(`${roster.url}/api/v1/membership/${roster.adminMembershipId}/`, {
        headers: basicAuth(roster.adminKey),
      });
      assert.equal(
        ((await got.json()) as { auto_record_calls: string }).auto_record_calls,
        "unset",
      );
      await assert.rejects(roster.restore("snap_unknown"));
    } finally {
      await roster.close();
    }
  });
});
