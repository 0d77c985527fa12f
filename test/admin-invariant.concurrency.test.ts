import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  findSerialOrder,
  type LoggedEvent,
  type ObservedRequest,
  type OrgState,
  seededRandom,
} from "./helpers/admin-model.ts";
import {
  fireRound,
  planRound,
  provisionRaceOrg,
  readMembershipEvents,
  setUpRound,
  snapshot,
  type Variant,
  verifyRound,
} from "./helpers/admin-race.ts";
import { useHarness } from "./helpers/harness.ts";
import { callApi } from "./helpers/http.ts";

/**
 * The admin invariant (docs/compatibility.md) under concurrency, over real sockets: in each round an organization
 * with K admins (K = 2..6) fires one request per admin at once, each taking admin rights from
 * someone. Whatever the interleaving, an admin must remain, and statuses, event log and final
 * state must be what some serial order of the same requests gives (helpers/admin-model.ts).
 * RACE_SEED=<n> replays the rounds of a failure.
 */

const ROUNDS_PER_VARIANT = 24;
const BASE_SEED = Number(process.env.RACE_SEED ?? Math.floor(Math.random() * 2 ** 31));

const VARIANTS: Array<{ variant: Variant; title: string }> = [
  {
    variant: "demote",
    title: "each admin demotes an admin (or themselves) with PUT /membership/{id}/",
  },
  {
    variant: "roles",
    title: "demotions race with PUT /role/{id}/ stripping manage_organization from admins' roles",
  },
  {
    variant: "reassign",
    title: "moves of admins onto custom roles race with PUT /role/{id}/ stripping those roles",
  },
  {
    variant: "lifecycle",
    title: "demotions, role edits, DELETE /membership/{id}/ and PUT /membership/?id__in= race",
  },
];

describe("the admin invariant under concurrent requests over real sockets", () => {
  const h = useHarness();
  let api = "";

  before(async () => {
    const address = await h.app.listen({ port: 0, host: "127.0.0.1" });
    api = `${address}/api/v1`;
  });

  for (const [index, { variant, title }] of VARIANTS.entries()) {
    test(`${title} (${ROUNDS_PER_VARIANT} rounds)`, async () => {
      for (let round = 0; round < ROUNDS_PER_VARIANT; round++) {
        const admins = 2 + (round % 5);
        const seed = BASE_SEED + index * 1000 + round;
        const random = seededRandom(seed);
        const org = await provisionRaceOrg(h.store, h.clock.now(), admins, 2);
        const customRoles = await setUpRound(api, org, variant, random);
        const { initial, eventsBefore } = await snapshot(h.store.db, org.id);
        const ops = planRound(org, variant, customRoles, random);
        const observed = await fireRound([api], org, ops);
        await verifyRound({
          db: h.store.db,
          org,
          variant,
          initial,
          eventsBefore,
          observed,
          label: `${variant} round ${round}, K=${admins}, RACE_SEED=${BASE_SEED} (seed ${seed})`,
        });
      }
    });
  }
});

/** The fields the chain check compares: what the requests of the chain round change. */
const CHAINED_FIELDS = ["role_id", "auto_record_calls", "hangup_recording_url"] as const;

function chained(data: string | null): Record<string, unknown> | null {
  if (data === null) return null;
  const parsed = JSON.parse(data) as Record<string, unknown>;
  return Object.fromEntries(CHAINED_FIELDS.map((field) => [field, parsed[field]]));
}

describe("concurrent writes to the same members keep each member's event chain whole", () => {
  const h = useHarness();
  let api = "";

  before(async () => {
    const address = await h.app.listen({ port: 0, host: "127.0.0.1" });
    api = `${address}/api/v1`;
  });

  test(`single updates, bulk updates and deactivations race (${ROUNDS_PER_VARIANT} rounds)`, async () => {
    for (let round = 0; round < ROUNDS_PER_VARIANT; round++) {
      const random = seededRandom(BASE_SEED + 9000 + round);
      const org = await provisionRaceOrg(h.store, h.clock.now(), 1, 3);
      const owner = (org.admins[0] as { apiKey: string }).apiKey;
      const members = org.others.map((m) => m.membershipId);
      const requests = [
        ...members.map((id, i) =>
          callApi(api, owner, "PUT", `/membership/${id}/`, {
            auto_record_calls: random() < 0.5 ? "enabled" : "disabled",
            hangup_recording_url: `https://recordings.example.com/${round}/${i}.mp3`,
          }),
        ),
        callApi(api, owner, "PUT", `/membership/?id__in=${members.join(",")}`, {
          role_id: random() < 0.5 ? "superuser" : "restricteduser",
        }),
        callApi(api, owner, "DELETE", `/membership/${members[round % members.length]}/`),
      ];
      const responses = await Promise.all(requests);
      const label = `round ${round}, RACE_SEED=${BASE_SEED}: ${responses.map((r) => r.status).join(" ")}`;
      for (const res of responses) assert.ok([200, 400].includes(res.status), label);

      for (const id of members) {
        const row = await h.store.db
          .selectFrom("memberships")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        const events = (await readMembershipEvents(h.store.db, org.id)).filter(
          (e) => e.object_id === id,
        );
        // Each event starts where the one before it ended, and the last one is what is stored.
        for (let i = 1; i < events.length; i++) {
          const previous = events[i - 1] as LoggedEvent;
          const event = events[i] as LoggedEvent;
          assert.deepEqual(
            chained(event.previous_data),
            chained(previous.data),
            `${label}: ${id}'s ${event.action} event does not start where ${previous.action} ended`,
          );
        }
        const last = events.at(-1) as LoggedEvent;
        const stored = Object.fromEntries(CHAINED_FIELDS.map((field) => [field, row[field]]));
        if (Number(row.active) === 1) {
          assert.deepEqual(chained(last.data), stored, `${label}: ${id}'s last event ≠ its row`);
        } else {
          assert.equal(last.action, "deactivated", `${label}: ${id} is inactive`);
          assert.deepEqual(chained(last.previous_data), stored, `${label}: ${id} left changed`);
        }
      }
    }
  });
});

describe("the serial-order checker rejects what no serial order gives", () => {
  // Two admins, each demoting the other: serially exactly one succeeds, the other gets 403.
  const initial: OrgState = {
    members: { x: { roleId: "admin", active: true }, y: { roleId: "admin", active: true } },
    roles: {},
  };
  const demote = (actor: string, target: string, status: number, requestId: string) =>
    ({
      op: { kind: "update", actor, target, roleId: "user" },
      status,
      requestId,
    }) satisfies ObservedRequest;
  const event = (objectId: string, requestId: string): LoggedEvent => ({
    id: `ev_${requestId}`,
    request_id: requestId,
    object_id: objectId,
    action: "updated",
    previous_data: JSON.stringify({ role_id: "admin" }),
    data: JSON.stringify({ role_id: "user" }),
  });
  const afterX: OrgState = {
    members: { x: { roleId: "admin", active: true }, y: { roleId: "user", active: true } },
    roles: {},
  };

  test("accepts one demotion and one 403", () => {
    const check = findSerialOrder(
      initial,
      [demote("x", "y", 200, "r1"), demote("y", "x", 403, "r2")],
      [event("y", "r1")],
      afterX,
    );
    assert.ok(check.ok);
  });

  test("rejects both demotions succeeding (no admin left)", () => {
    const check = findSerialOrder(
      initial,
      [demote("x", "y", 200, "r1"), demote("y", "x", 200, "r2")],
      [event("y", "r1"), event("x", "r2")],
      {
        members: { x: { roleId: "user", active: true }, y: { roleId: "user", active: true } },
        roles: {},
      },
    );
    assert.equal(check.ok, false);
  });

  test("rejects a refused request that left an event, or a final state the events do not give", () => {
    const leftEvent = findSerialOrder(
      initial,
      [demote("x", "y", 200, "r1"), demote("y", "x", 403, "r2")],
      [event("y", "r1"), event("x", "r2")],
      afterX,
    );
    assert.equal(leftEvent.ok, false);
    const wrongFinal = findSerialOrder(
      initial,
      [demote("x", "y", 200, "r1"), demote("y", "x", 403, "r2")],
      [event("y", "r1")],
      initial,
    );
    assert.equal(wrongFinal.ok, false);
  });

  test("rejects an event log in an order in which a demoted admin acted", () => {
    // Three admins: x demotes y, y demotes z. Both can succeed only if y acts first.
    const three: OrgState = {
      members: {
        x: { roleId: "admin", active: true },
        y: { roleId: "admin", active: true },
        z: { roleId: "admin", active: true },
      },
      roles: {},
    };
    const final: OrgState = {
      members: {
        x: { roleId: "admin", active: true },
        y: { roleId: "user", active: true },
        z: { roleId: "user", active: true },
      },
      roles: {},
    };
    const requests = [demote("x", "y", 200, "r1"), demote("y", "z", 200, "r2")];
    assert.ok(findSerialOrder(three, requests, [event("z", "r2"), event("y", "r1")], final).ok);
    assert.equal(
      findSerialOrder(three, requests, [event("y", "r1"), event("z", "r2")], final).ok,
      false,
    );
  });
});
