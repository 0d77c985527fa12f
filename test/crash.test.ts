import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Store } from "../src/store/store.ts";
import { provisionRaceOrg, type RaceOrg } from "./helpers/admin-race.ts";
import {
  createTestDatabase,
  openTestStore,
  type TestDatabase,
  testBackend,
} from "./helpers/backend.ts";
import { callApi } from "./helpers/http.ts";
import { startServer, stopAllServers } from "./helpers/server-process.ts";

/**
 * Durability of acknowledged writes across `kill -9`. One writer per membership sends
 * PUT /membership/{id}/ back to back to a server process, each request with a value never
 * sent before (a unique hangup_recording_url, with auto_record_calls and role_id cycling
 * along). Mid-stream the server is SIGKILLed, restarted on the same database, and the load
 * resumes; after every crash:
 * - every update that got a 200 is there: the membership holds its value or a later one,
 *   and its `updated` event carries that request's X-Request-Id;
 * - nothing that was refused with an explicit error left a value or an event;
 * - a request whose connection died may or may not have committed, but only as itself;
 * - every value a membership holds was sent, and it holds all of that request's fields.
 */

const SKIP =
  testBackend() === "pglite" ? "PGlite is in-process; there is no server process to kill" : false;
const WRITERS = 12;
const CRASHES = 3;
/** Acknowledged writes per life of the server before it is killed (varied per crash). */
const ACKS_BEFORE_KILL = [120, 200, 160];
/** Bounds on one life of the server, whatever happens. */
const MAX_REQUESTS_PER_WRITER = 2_000;
const MAX_LIFE_MS = 120_000;

const ROLES = ["user", "superuser", "restricteduser"] as const;

interface Sent {
  membershipId: string;
  step: number;
  body: { hangup_recording_url: string; auto_record_calls: string; role_id: string };
  /** `ok` (200), `refused` (an explicit non-2xx), or `lost` (no response: it may have committed). */
  outcome: "ok" | "refused" | "lost";
  status?: number;
  requestId?: string | null;
}

function bodyFor(writer: number, step: number): Sent["body"] {
  return {
    hangup_recording_url: `https://recordings.example.com/w${writer}/s${step}.mp3`,
    auto_record_calls: step % 2 === 0 ? "enabled" : "disabled",
    role_id: ROLES[step % ROLES.length] as string,
  };
}

function stepOf(url: string | null): number | undefined {
  const match = url?.match(/\/w\d+\/s(\d+)\.mp3$/);
  return match ? Number(match[1]) : undefined;
}

describe("acknowledged writes survive kill -9 of the server", () => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  let org: RaceOrg;

  before(async () => {
    if (SKIP) return;
    database = await createTestDatabase();
    const setup = await openTestStore(database);
    try {
      org = await provisionRaceOrg(setup, new Date(), 1, WRITERS);
    } finally {
      await setup.close();
    }
  });

  after(async () => {
    await stopAllServers();
    await store?.close();
    await database?.drop();
  });

  test(`${WRITERS} writers, ${CRASHES} crashes, every acknowledged update kept`, {
    skip: SKIP,
  }, async (t) => {
    const url = (database as TestDatabase).url;
    const admin = org.admins[0]?.apiKey as string;
    const sent: Sent[][] = org.others.map(() => []);
    const nextStep = org.others.map(() => 0);

    // Each restarted server is checked, then carries the next round of load.
    let server = await startServer({ databaseUrl: url });
    for (let crash = 0; crash < CRASHES; crash++) {
      const threshold = ACKS_BEFORE_KILL[crash % ACKS_BEFORE_KILL.length] as number;
      let acks = 0;
      let stop = false;
      const deadline = Date.now() + MAX_LIFE_MS;

      const writers = org.others.map(async (member, writer) => {
        const log = sent[writer] as Sent[];
        for (let n = 0; n < MAX_REQUESTS_PER_WRITER && !stop && Date.now() < deadline; n++) {
          const step = nextStep[writer] as number;
          nextStep[writer] = step + 1;
          const record: Sent = {
            membershipId: member.membershipId,
            step,
            body: bodyFor(writer, step),
            outcome: "lost",
          };
          log.push(record);
          try {
            const res = await callApi(
              server.api,
              admin,
              "PUT",
              `/membership/${member.membershipId}/`,
              record.body,
            );
            record.status = res.status;
            record.requestId = res.requestId;
            record.outcome = res.status === 200 ? "ok" : "refused";
            if (record.outcome === "ok") acks++;
          } catch {
            // The connection died with the server: this write may or may not have committed.
            return;
          }
        }
      });

      // Kill mid-stream: once enough writes were acknowledged, while every writer has one in flight.
      for (
        let poll = 0;
        poll < MAX_LIFE_MS / 5 && acks < threshold && Date.now() < deadline;
        poll++
      ) {
        await sleep(5);
      }
      await server.stop("SIGKILL");
      stop = true;
      await Promise.all(writers);

      const refused = sent.flat().filter((s) => s.outcome === "refused");
      assert.deepEqual(
        refused.filter((s) => (s.status ?? 0) >= 500),
        [],
        `server errors before crash ${crash}:\n${server.output()}`,
      );

      // Restart on the same database. A write that locks the organization first waits out
      // anything the dead server left in flight (on PostgreSQL), then the state is checked.
      const restarted = await startServer({ databaseUrl: url });
      const fence = await callApi(
        restarted.api,
        admin,
        "PUT",
        `/membership/${org.admins[0]?.membershipId}/`,
        {},
      );
      assert.equal(
        fence.status,
        200,
        `the restarted server answers writes: ${JSON.stringify(fence.body)}`,
      );
      store ??= await openTestStore(database as TestDatabase);
      const committedLost = await verifyDurability(store, org, sent, `after crash ${crash}`);
      const all = sent.flat();
      t.diagnostic(
        `crash ${crash}: ${all.filter((s) => s.outcome === "ok").length} acknowledged, ` +
          `${all.filter((s) => s.outcome === "lost").length} without a response ` +
          `(${committedLost} of them committed), ${all.filter((s) => s.outcome === "refused").length} refused`,
      );
      server = restarted;
    }
    const exit = await server.stop("SIGTERM");
    assert.equal(exit.code, 0, `the last server shuts down cleanly:\n${server.output()}`);

    const total = sent.flat();
    assert.ok(
      total.some((s) => s.outcome === "lost"),
      "no request was in flight when the server was killed: the crash was not mid-stream",
    );
  });
});

/** Checks every membership; returns how many writes without a response did commit. */
async function verifyDurability(
  store: Store,
  org: RaceOrg,
  sent: Sent[][],
  when: string,
): Promise<number> {
  let committedLost = 0;
  for (const [writer, log] of sent.entries()) {
    const membershipId = org.others[writer]?.membershipId as string;
    const row = await store.db
      .selectFrom("memberships")
      .select(["hangup_recording_url", "auto_record_calls", "role_id"])
      .where("id", "=", membershipId)
      .executeTakeFirstOrThrow();
    const events = await store.db
      .selectFrom("events")
      .select(["id", "request_id", "data"])
      .where("object_id", "=", membershipId)
      .where("action", "=", "updated")
      .orderBy("date_created")
      .orderBy("id")
      .execute();
    const context = `${when}, writer ${writer} (${membershipId})`;

    // The stored value was sent, by a request that was not refused, and it is whole.
    const current = stepOf(row.hangup_recording_url);
    const lastAcked = log.filter((s) => s.outcome === "ok").at(-1);
    if (current === undefined) {
      assert.equal(
        lastAcked,
        undefined,
        `${context}: acknowledged step ${lastAcked?.step} is lost`,
      );
    } else {
      const holder = log[current];
      assert.ok(holder, `${context}: holds step ${current}, which was never sent`);
      assert.notEqual(holder.outcome, "refused", `${context}: holds a refused write`);
      assert.equal(row.auto_record_calls, holder.body.auto_record_calls, `${context}: torn write`);
      assert.equal(row.role_id, holder.body.role_id, `${context}: torn write`);
      // One writer, one request at a time: a later step can only have been sent later.
      if (lastAcked) {
        assert.ok(
          current >= lastAcked.step,
          `${context}: acknowledged step ${lastAcked.step} was lost (holds ${current})`,
        );
      }
    }

    // The event log: one event per committed write, in the order they were sent, the
    // acknowledged ones with their X-Request-Id, none for refused writes.
    const steps = events.map((event) => {
      const data = JSON.parse(event.data ?? "null") as { hangup_recording_url: string | null };
      const step = stepOf(data.hangup_recording_url);
      assert.ok(
        step !== undefined && log[step],
        `${context}: event ${event.id} for an unsent value`,
      );
      const request = log[step] as Sent;
      assert.notEqual(
        request.outcome,
        "refused",
        `${context}: a refused write left event ${event.id}`,
      );
      if (request.outcome === "ok") {
        assert.equal(event.request_id, request.requestId, `${context}: step ${step}'s event`);
      }
      return step;
    });
    assert.deepEqual(
      steps,
      [...steps].sort((x, y) => x - y),
      `${context}: events out of order`,
    );
    assert.equal(new Set(steps).size, steps.length, `${context}: a write has two events`);
    for (const request of log.filter((s) => s.outcome === "ok")) {
      assert.ok(
        steps.includes(request.step),
        `${context}: acknowledged step ${request.step} has no event`,
      );
    }
    assert.equal(steps.at(-1), current, `${context}: the last event is not the stored value`);
    committedLost += steps.filter((step) => log[step]?.outcome === "lost").length;
  }
  return committedLost;
}
