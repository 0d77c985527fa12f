import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createKey } from "../src/operations/provisioning.ts";
import type { Store } from "../src/store/store.ts";
import { seededRandom } from "./helpers/admin-model.ts";
import {
  fireRound,
  planRound,
  provisionRaceOrg,
  type RaceOrg,
  setUpRound,
  snapshot,
  type Variant,
  verifyRound,
} from "./helpers/admin-race.ts";
import {
  createTestDatabase,
  openTestStore,
  type TestDatabase,
  testBackend,
} from "./helpers/backend.ts";
import { callApi } from "./helpers/http.ts";
import {
  runCli,
  type ServerProcess,
  startServer,
  stopAllServers,
} from "./helpers/server-process.ts";

/**
 * Two Roster servers on one database (a schema of the PostgreSQL server, or one SQLite file),
 * the second with two workers (`ROSTER_WORKERS=2`): what one does, the other sees on the very next request — writes, role
 * changes, a key revoked through the CLI — and the admin invariant holds when the demotion
 * race spans both. RACE_SEED=<n> replays the race rounds.
 */

const SKIP = testBackend() === "pglite" ? "PGlite is in-process; one process per database" : false;
const RACE_ROUNDS = 24;
const VARIANTS: Variant[] = ["demote", "roles", "reassign", "lifecycle"];
const BASE_SEED = Number(process.env.RACE_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Membership {
  id: string;
  role_id: string;
  auto_record_calls: string;
  permissions_granted: string[];
}

describe("two server processes on one database", () => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  let a: ServerProcess;
  let b: ServerProcess;
  let shared: RaceOrg;
  let revocation: RaceOrg & { spareKey: { id: string; apiKey: string } };
  const raceOrgs: RaceOrg[] = [];

  before(async () => {
    if (SKIP) return;
    database = await createTestDatabase();
    // The organizations exist before the servers start, made by the code the CLI uses.
    const setup = await openTestStore(database);
    try {
      const now = new Date();
      shared = await provisionRaceOrg(setup, now, 2, 2);
      const org = await provisionRaceOrg(setup, now, 1, 0);
      const admin = org.admins[0]?.membershipId as string;
      const spare = await setup.write((tx) => createKey(tx, admin, now));
      revocation = { ...org, spareKey: { id: spare.id, apiKey: spare.api_key } };
      for (let round = 0; round < RACE_ROUNDS; round++) {
        raceOrgs.push(await provisionRaceOrg(setup, now, 2 + (round % 5), 2));
      }
    } finally {
      await setup.close();
    }
    // B runs two workers: the races span three processes, two of them behind one port.
    [a, b] = await Promise.all([
      startServer({ databaseUrl: database.url }),
      startServer({ databaseUrl: database.url, workers: 2 }),
    ]);
    store = await openTestStore(database);
  });

  after(async () => {
    await stopAllServers();
    await store?.close();
    await database?.drop();
  });

  test("a write through one server is visible through the other at once", {
    skip: SKIP,
  }, async () => {
    const owner = shared.admins[0]?.apiKey as string;
    const [second, ...rest] = [...shared.admins.slice(1), ...shared.others];
    const [alice, bob] = rest;
    assert.ok(second && alice && bob);

    const put = await callApi(a.api, owner, "PUT", `/membership/${alice.membershipId}/`, {
      role_id: "superuser",
      auto_record_calls: "enabled",
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const seen = await callApi(b.api, owner, "GET", `/organization/${shared.id}/`);
    assert.equal(seen.status, 200);
    const members = (seen.body as { memberships: Membership[] }).memberships;
    const aliceSeen = members.find((m) => m.id === alice.membershipId);
    assert.equal(aliceSeen?.role_id, "superuser");
    assert.equal(aliceSeen?.auto_record_calls, "enabled");

    // A demotion through B takes the permission away on A at once, and a promotion through
    // A grants it on B at once.
    const demote = await callApi(b.api, owner, "PUT", `/membership/${second.membershipId}/`, {
      role_id: "user",
    });
    assert.equal(demote.status, 200);
    const refused = await callApi(a.api, second.apiKey, "PUT", `/membership/${bob.membershipId}/`, {
      auto_record_calls: "enabled",
    });
    assert.equal(refused.status, 403);
    const promote = await callApi(a.api, owner, "PUT", `/membership/${bob.membershipId}/`, {
      role_id: "admin",
    });
    assert.equal(promote.status, 200);
    const allowed = await callApi(b.api, bob.apiKey, "PUT", `/membership/${alice.membershipId}/`, {
      auto_record_calls: "disabled",
    });
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));

    // A role created through A is usable through B, and its edit through B shows on A.
    const role = await callApi(a.api, owner, "POST", "/role/", {
      name: "Dialers",
      permissions: ["calling", "view_all_leads"],
    });
    assert.equal(role.status, 201);
    const roleId = (role.body as { id: string }).id;
    const assign = await callApi(b.api, owner, "PUT", `/membership/${alice.membershipId}/`, {
      role_id: roleId,
    });
    assert.equal(assign.status, 200);
    const edit = await callApi(b.api, owner, "PUT", `/role/${roleId}/`, {
      permissions: ["calling", "export", "view_all_leads"],
    });
    assert.equal(edit.status, 200);
    const reread = await callApi(a.api, owner, "GET", `/membership/${alice.membershipId}/`);
    assert.equal(reread.status, 200);
    assert.deepEqual((reread.body as Membership).permissions_granted, [
      "calling",
      "export",
      "view_all_leads",
    ]);
  });

  test("a key revoked through the CLI stops working on both servers at once", {
    skip: SKIP,
  }, async () => {
    const { spareKey } = revocation;
    const admin = revocation.admins[0] as { membershipId: string; apiKey: string };
    for (const server of [a, b]) {
      const res = await callApi(server.api, spareKey.apiKey, "GET", "/me/");
      assert.equal(res.status, 200, "the key works before it is revoked");
    }

    const cli = await runCli(["key", "revoke", spareKey.id], (database as TestDatabase).url);
    assert.equal(cli.code, 0, cli.stderr);

    for (const server of [a, b]) {
      const read = await callApi(server.api, spareKey.apiKey, "GET", "/me/");
      assert.equal(read.status, 401);
      const write = await callApi(
        server.api,
        spareKey.apiKey,
        "PUT",
        `/membership/${admin.membershipId}/`,
        { auto_record_calls: "enabled" },
      );
      assert.equal(write.status, 401);
      // The member's other key is untouched.
      const other = await callApi(server.api, admin.apiKey, "GET", "/me/");
      assert.equal(other.status, 200);
    }
  });

  test(`the admin-demotion race across both servers keeps an admin (${RACE_ROUNDS} rounds)`, {
    skip: SKIP,
  }, async () => {
    const db = (store as Store).db;
    for (const [round, org] of raceOrgs.entries()) {
      const variant = VARIANTS[round % VARIANTS.length] as Variant;
      const seed = BASE_SEED + round;
      const random = seededRandom(seed);
      const customRoles = await setUpRound(a.api, org, variant, random);
      const { initial, eventsBefore } = await snapshot(db, org.id);
      const ops = planRound(org, variant, customRoles, random);
      const observed = await fireRound([a.api, b.api], org, ops);
      await verifyRound({
        db,
        org,
        variant,
        initial,
        eventsBefore,
        observed,
        label: `${variant} round ${round}, K=${org.admins.length}, RACE_SEED=${BASE_SEED} (seed ${seed})`,
      });
    }
  });
});
