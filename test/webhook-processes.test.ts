import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { operatorActor } from "../src/operations/provisioning.ts";
import type { Store } from "../src/store/store.ts";
import { signatureMatches } from "../src/webhooks/signing.ts";
import { createSubscription } from "../src/webhooks/subscriptions.ts";
import { provisionRaceOrg } from "./helpers/admin-race.ts";
import {
  createTestDatabase,
  openTestStore,
  type TestDatabase,
  testBackend,
} from "./helpers/backend.ts";
import { callApi } from "./helpers/http.ts";
import { type ServerProcess, startServer, stopAllServers } from "./helpers/server-process.ts";
import { type Received, WebhookReceiver } from "./helpers/webhook-receiver.ts";

/**
 * Webhooks with real server processes: deliveries survive `kill -9` under write load, and
 * two instances on one database never send one delivery twice at once. PGlite lives inside
 * one process, so it has neither.
 */
const SKIP = testBackend() === "pglite" ? "PGlite is in-process: no server processes" : false;
const SERVER_ENV = { ROSTER_WEBHOOK_ALLOW_PRIVATE: "true", ROSTER_WEBHOOK_LEASE_SECONDS: "15" };
const WRITERS = 4;

async function setUp(database: TestDatabase, url: string) {
  const store = await openTestStore(database);
  try {
    const org = await provisionRaceOrg(store, new Date(), 1, WRITERS);
    const subscription = await store.write((tx) =>
      createSubscription(
        tx,
        operatorActor(org.id, "test"),
        { url, events: [{ object_type: "membership", action: "updated" }] },
        new Date(),
      ),
    );
    return { org, key: subscription.signature_key, subscriptionId: subscription.id };
  } finally {
    await store.close();
  }
}

/** Events this subscription received, by event ID, after checking every signature. */
function verifiedEvents(received: Received[], key: string): Map<string, Received["json"]["event"]> {
  const events = new Map<string, Received["json"]["event"]>();
  for (const r of received) {
    assert.ok(
      signatureMatches(
        key,
        r.headers["close-sig-timestamp"] as string,
        r.raw,
        r.headers["close-sig-hash"] as string,
      ),
      "every delivery is signed with the subscription's key",
    );
    events.set(r.json.event.id, r.json.event);
  }
  return events;
}

describe("webhooks across processes", { skip: SKIP }, () => {
  let database: TestDatabase;
  const receiver = new WebhookReceiver();

  before(async () => {
    if (SKIP) return;
    await receiver.start();
  });
  after(async () => {
    await stopAllServers();
    await receiver.stop();
  });

  test("kill -9 under write load: every acknowledged change is delivered, no refused one", async () => {
    database = await createTestDatabase();
    let store: Store | undefined;
    try {
      const { org, key } = await setUp(database, receiver.url);
      const admin = org.admins[0]?.apiKey as string;
      const acknowledged = new Set<string>();
      const refused = new Set<string>();
      let server: ServerProcess = await startServer({ databaseUrl: database.url, env: SERVER_ENV });
      let step = 0;
      for (let life = 0; life < 2; life++) {
        let stop = false;
        let acks = 0;
        const writers = org.others.map(async (member, writer) => {
          for (let n = 0; n < 500 && !stop; n++) {
            step++;
            // Every fifth request is refused (an unknown role): its change never happened.
            const body =
              step % 5 === 0
                ? { role_id: "role_doesNotExist" }
                : { hangup_recording_url: `https://rec.example.com/${writer}/${step}.mp3` };
            try {
              const res = await callApi(
                server.api,
                admin,
                "PUT",
                `/membership/${member.membershipId}/`,
                body,
              );
              if (res.status === 200) {
                acknowledged.add(res.requestId as string);
                acks++;
              } else {
                assert.ok(res.status < 500, `no server error: ${JSON.stringify(res.body)}`);
                refused.add(res.requestId as string);
              }
            } catch {
              return; // the server died mid-request: this change may or may not have committed
            }
          }
        });
        for (let poll = 0; poll < 6000 && acks < 40; poll++) await sleep(10);
        if (life === 0) {
          await server.stop("SIGKILL");
          stop = true;
          await Promise.all(writers);
          server = await startServer({ databaseUrl: database.url, env: SERVER_ENV });
        } else {
          stop = true;
          await Promise.all(writers);
        }
      }
      // The restarted server delivers what was left, including claims of the killed one
      // once their lease has run out.
      const delivered = () => {
        const ids = new Set(receiver.received.map((r) => r.json.event.request_id as string));
        return [...acknowledged].every((id) => ids.has(id));
      };
      await receiver.waitFor(delivered, 90_000).catch(() => {});
      const events = verifiedEvents(receiver.received, key);
      const requestIds = new Set([...events.values()].map((e) => e.request_id as string));
      const missing = [...acknowledged].filter((id) => !requestIds.has(id));
      assert.deepEqual(
        missing,
        [],
        `acknowledged changes whose event never arrived:\n${server.output()}`,
      );
      assert.deepEqual(
        [...refused].filter((id) => requestIds.has(id)),
        [],
        "no event of a refused change is delivered",
      );
      assert.ok(acknowledged.size >= 60 && refused.size > 0);
      // A change that committed but was never answered (the kill came first) may still be
      // claimed by the dead process: its row is delivered once that lease (15 s) runs out.
      store = await openTestStore(database);
      const undelivered = () =>
        (store as Store).db
          .selectFrom("webhook_deliveries")
          .select("status")
          .where("status", "!=", "delivered")
          .execute();
      let left = await undelivered();
      for (let poll = 0; poll < 450 && left.length > 0; poll++) {
        await sleep(100);
        left = await undelivered();
      }
      assert.deepEqual(left, [], "every delivery row ends delivered");
      assert.equal((await server.stop("SIGTERM")).code, 0, server.output());
    } finally {
      await store?.close();
      await database.drop();
    }
  });

  test("two instances on one database: no delivery sent twice at once, every event delivered", async () => {
    database = await createTestDatabase();
    const twin = new WebhookReceiver();
    await twin.start();
    try {
      const { org, key } = await setUp(database, twin.url);
      const inFlight = new Set<string>();
      let overlaps = 0;
      twin.respond = async (r) => {
        const id = r.json.event.id;
        if (inFlight.has(id)) overlaps++;
        inFlight.add(id);
        await sleep(25);
        inFlight.delete(id);
        return 200;
      };
      const servers = [
        await startServer({ databaseUrl: database.url, env: SERVER_ENV }),
        await startServer({ databaseUrl: database.url, env: SERVER_ENV }),
      ];
      const admin = org.admins[0]?.apiKey as string;
      const acknowledged: string[] = [];
      await Promise.all(
        org.others.map(async (member, writer) => {
          for (let n = 0; n < 20; n++) {
            const server = servers[(writer + n) % 2] as ServerProcess;
            const res = await callApi(
              server.api,
              admin,
              "PUT",
              `/membership/${member.membershipId}/`,
              {
                hangup_recording_url: `https://rec.example.com/${writer}/${n}.mp3`,
              },
            );
            assert.equal(res.status, 200, JSON.stringify(res.body));
            acknowledged.push(res.requestId as string);
          }
        }),
      );
      await twin.waitFor(
        (all) => new Set(all.map((r) => r.json.event.id)).size >= acknowledged.length,
        90_000,
      );
      // Let any duplicate that would follow arrive.
      await sleep(1_000);
      const events = verifiedEvents(twin.received, key);
      assert.equal(events.size, acknowledged.length);
      assert.equal(overlaps, 0, "no delivery was attempted twice at the same time");
      assert.equal(twin.received.length, acknowledged.length, "each event delivered exactly once");
      for (const server of servers)
        assert.equal((await server.stop("SIGTERM")).code, 0, server.output());
    } finally {
      await twin.stop();
      await database.drop();
    }
  });
});
