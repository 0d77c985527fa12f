// An integration with Close tested against Roster, using only the package's public exports:
// `roster/testing` (the in-process double) and `roster/client` (the typed client).
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { createRosterClient } from "roster/client";
import { startRoster } from "roster/testing";

/**
 * The code under test: changes a member's role, retrying a 503 with a growing pause and
 * waiting out a 429 for as long as its Retry-After says. `sleep` is injected so the test
 * can see the pauses without spending them.
 */
async function setRole(client, membershipId, roleId, sleep) {
  for (let attempt = 1; ; attempt++) {
    const { data, error, response } = await client.PUT("/api/v1/membership/{id}/", {
      params: { path: { id: membershipId } },
      body: { role_id: roleId },
    });
    if (response.ok) return data;
    if (attempt === 5) throw new Error(`gave up after ${attempt} attempts: ${response.status}`);
    if (response.status === 503) await sleep(100 * 2 ** (attempt - 1));
    else if (response.status === 429)
      await sleep(Number(response.headers.get("retry-after")) * 1000);
    else throw new Error(`${response.status}: ${JSON.stringify(error)}`);
  }
}

let roster;
let client;
let bob;
const pauses = [];
const sleep = async (ms) => {
  pauses.push(ms);
};

before(async () => {
  roster = await startRoster({
    fixture: {
      organizations: [
        {
          name: "Acme",
          members: [
            { email: "ada@acme.test", role: "admin" },
            { email: "bob@acme.test", role: "user" },
          ],
        },
      ],
    },
  });
  client = createRosterClient({ baseUrl: roster.url, apiKey: roster.adminKey });
  bob = roster.organizations[0].members[1].membership_id;
});
after(() => roster.close());
beforeEach(async () => {
  await roster.reset();
  pauses.length = 0;
});

test("retries a 503 and succeeds", async () => {
  roster.faults.add({ method: "PUT", route: "/api/v1/membership/{id}/", status: 503, count: 2 });
  const membership = await setRole(client, bob, "superuser", sleep);
  assert.equal(membership.role_id, "superuser");
  assert.deepEqual(pauses, [100, 200]);
  const puts = roster.journal.list({ method: "PUT", route: "/api/v1/membership/{id}/" });
  assert.deepEqual(
    puts.map((entry) => entry.status),
    [503, 503, 200],
  );
  assert.deepEqual(puts[0].body, { role_id: "superuser" });
});

test("backs off on a 429 for as long as Retry-After says", async () => {
  roster.faults.add({
    method: "PUT",
    route: "/api/v1/membership/{id}/",
    status: 429,
    retry_after_seconds: 2,
  });
  await setRole(client, bob, "restricteduser", sleep);
  assert.deepEqual(pauses, [2000]);
  const statuses = roster.journal.list({ method: "PUT" }).map((entry) => entry.status);
  assert.deepEqual(statuses, [429, 200]);
});

test("a lost answer after the commit: the retry finds the change already made", async () => {
  roster.faults.add({
    method: "PUT",
    route: "/api/v1/membership/{id}/",
    status: 503,
    phase: "after_commit",
  });
  const membership = await setRole(client, bob, "superuser", sleep);
  assert.equal(membership.role_id, "superuser");
  const { data } = await client.GET("/api/v1/membership/{id}/", { params: { path: { id: bob } } });
  assert.equal(data.role_id, "superuser");
});

test("reset() puts everything back between tests", async () => {
  const { data } = await client.GET("/api/v1/membership/{id}/", { params: { path: { id: bob } } });
  assert.equal(data.role_id, "user");
  assert.equal(roster.journal.list().length, 1);
});
