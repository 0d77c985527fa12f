import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { addMember, createOrganization } from "../src/operations/provisioning.ts";
import type { Store } from "../src/store/store.ts";
import {
  createTestDatabase,
  openTestStore,
  type TestDatabase,
  testBackend,
} from "./helpers/backend.ts";
import { basic } from "./helpers/harness.ts";
import { type RaceServers, startRaceServers } from "./helpers/race-servers.ts";
import { type ServerProcess, startServer, stopAllServers } from "./helpers/server-process.ts";

/**
 * Safe writes under real concurrency, over real sockets. On SQLite and PostgreSQL two server
 * processes share the database and every race spans both; PGlite (in-process, one process
 * per database) races inside one server.
 * - Lost update: two clients read the same ETag and write with If-Match at once; exactly one
 *   wins each round (SAFE_WRITES_RACE_ROUNDS, default 30; the full run is 200).
 * - 50 identical requests with one Idempotency-Key at once: one change, one event, and every
 *   answer is that change (200) or "still running" (409); a later retry replays it.
 * - kill -9 of the server right after the change commits (and in mid-flight): the retry after
 *   the restart replays, never repeats.
 */

const BACKEND = testBackend();
const ROUNDS = Number(process.env.SAFE_WRITES_RACE_ROUNDS ?? 30);
const PARALLEL = 50;

interface Answer {
  status: number;
  body: string;
  headers: Headers;
}

async function call(
  api: string,
  apiKey: string,
  method: "GET" | "PUT" | "POST" | "DELETE",
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: basic(apiKey),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(120_000),
  });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

describe("safe writes under concurrency", () => {
  let database: TestDatabase;
  let store: Store;
  let race: RaceServers;
  let adminKey: string;
  let members: string[];

  const apiOf = (i: number): string => race.servers[i % 2]?.api as string;

  async function eventsOf(membershipId: string): Promise<number> {
    const rows = await store.db
      .selectFrom("events")
      .select("id")
      .where("object_id", "=", membershipId)
      .execute();
    return rows.length;
  }

  before(async () => {
    database = await createTestDatabase();
    store = await openTestStore(database);
    const now = new Date();
    const org = await store.write((tx) =>
      createOrganization(
        tx,
        { name: "Race", admin: { email: `race-${Date.now()}@example.com` } },
        now,
      ),
    );
    adminKey = org.api_key;
    members = [];
    for (let i = 0; i < 3; i++) {
      const m = await store.write((tx) =>
        addMember(
          tx,
          org.organization_id,
          { email: `m${i}-${Date.now()}@example.com`, role: "user" },
          now,
        ),
      );
      members.push(m.membership_id);
    }
    race = await startRaceServers(database, store);
  });

  after(async () => {
    await race?.close();
    await stopAllServers();
    await store?.close();
    await database?.drop();
  });

  test(`lost update: of two If-Match writers with the same ETag exactly one wins, ${ROUNDS} rounds`, async () => {
    const id = members[0] as string;
    const path = `/membership/${id}/`;
    const roles = ["user", "superuser", "restricteduser"];
    const eventsBefore = await eventsOf(id);
    const tally = { won: 0, refused: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const read = await call(apiOf(round), adminKey, "GET", path);
      const tag = read.headers.get("etag") as string;
      const current = JSON.parse(read.body).role_id as string;
      const [roleA, roleB] = roles.filter((role) => role !== current) as [string, string];
      const [a, b] = await Promise.all([
        call(apiOf(0), adminKey, "PUT", path, { role_id: roleA }, { "if-match": tag }),
        call(apiOf(1), adminKey, "PUT", path, { role_id: roleB }, { "if-match": tag }),
      ]);
      const statuses = [a.status, b.status].sort();
      assert.deepEqual(statuses, [200, 412], `round ${round}: ${a.body} / ${b.body}`);
      const winner = a.status === 200 ? roleA : roleB;
      const now = await call(apiOf(round + 1), adminKey, "GET", path);
      assert.equal(
        JSON.parse(now.body).role_id,
        winner,
        `round ${round}: the winner's write stands`,
      );
      tally.won += 1;
      tally.refused += 1;
    }
    assert.equal(await eventsOf(id), eventsBefore + ROUNDS, "one event per round: the winner's");
    console.log(
      `# lost-update race (${BACKEND}): ${ROUNDS} rounds, ${tally.won} won, ${tally.refused} refused with 412`,
    );
  });

  test(`${PARALLEL} identical requests with one Idempotency-Key: one change, one event, consistent answers`, async () => {
    const id = members[1] as string;
    const path = `/membership/${id}/`;
    const eventsBefore = await eventsOf(id);
    const headers = { "idempotency-key": `fifty-${Date.now()}` };
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        call(
          apiOf(i),
          adminKey,
          "PUT",
          path,
          { role_id: "superuser", auto_record_calls: "enabled" },
          headers,
        ),
      ),
    );
    const ok = answers.filter((a) => a.status === 200);
    const inFlight = answers.filter((a) => a.status === 409);
    assert.equal(ok.length + inFlight.length, PARALLEL, answers.map((a) => a.status).join(","));
    const fresh = ok.filter((a) => a.headers.get("idempotent-replayed") === null);
    assert.equal(fresh.length, 1, "exactly one request ran");
    for (const answer of ok)
      assert.equal(answer.body, fresh[0]?.body, "every 200 is the same answer");
    for (const answer of inFlight)
      assert.match(JSON.parse(answer.body).error, /still being processed/);
    assert.equal(await eventsOf(id), eventsBefore + 1, "one event");
    const retry = await call(
      race.servers[0].api,
      adminKey,
      "PUT",
      path,
      { role_id: "superuser", auto_record_calls: "enabled" },
      headers,
    );
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get("idempotent-replayed"), "true");
    assert.equal(retry.body, fresh[0]?.body);
    console.log(
      `# ${PARALLEL} keyed requests (${BACKEND}): 1 ran, ${ok.length - 1} replayed, ${inFlight.length} answered 409`,
    );
  });

  test("kill -9 right after the change commits, and in mid-flight: the retry replays, never repeats", {
    skip: BACKEND === "pglite" ? "PGlite is in-process; there is no server process to kill" : false,
  }, async () => {
    const id = members[2] as string;
    const path = `/membership/${id}/`;
    const roles = ["superuser", "restricteduser", "user"];
    let server: ServerProcess = await startServer({ databaseUrl: database.url });
    for (const [life, when] of (["after-answer", "mid-flight", "mid-flight"] as const).entries()) {
      const role = roles[life % roles.length] as string;
      const headers = { "idempotency-key": `crash-${life}-${Date.now()}` };
      const eventsBefore = await eventsOf(id);
      const first = call(server.api, adminKey, "PUT", path, { role_id: role }, headers).catch(
        () => undefined,
      );
      let answered: Answer | undefined;
      if (when === "after-answer") {
        answered = await first;
        assert.equal(answered?.status, 200, answered?.body);
      } else {
        await sleep(5 + Math.random() * 20);
      }
      await server.stop("SIGKILL");
      await first;
      const committed = (await eventsOf(id)) - eventsBefore;
      assert.ok(committed === 0 || committed === 1, `${committed} events before the retry`);
      server = await startServer({ databaseUrl: database.url });
      const retry = await call(server.api, adminKey, "PUT", path, { role_id: role }, headers);
      assert.equal(retry.status, 200, retry.body);
      assert.equal(
        retry.headers.get("idempotent-replayed"),
        committed === 1 ? "true" : null,
        `${when}: a committed change is replayed, an uncommitted one runs`,
      );
      if (answered) assert.equal(retry.body, answered.body, "the replay is the first answer");
      assert.equal(
        await eventsOf(id),
        eventsBefore + 1,
        `${when}: the change happened exactly once`,
      );
      console.log(
        `# kill -9 ${when} (${BACKEND}): ${committed === 1 ? "committed, retry replayed" : "not committed, retry ran once"}`,
      );
    }
  });
});
