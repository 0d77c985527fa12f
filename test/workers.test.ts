import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { operatorActor } from "../src/operations/provisioning.ts";
import { createSubscription } from "../src/webhooks/subscriptions.ts";
import { provisionRaceOrg } from "./helpers/admin-race.ts";
import {
  createTestDatabase,
  openTestStore,
  type TestDatabase,
  testBackend,
} from "./helpers/backend.ts";
import { callApi } from "./helpers/http.ts";
import { startServer, stopAllServers } from "./helpers/server-process.ts";
import { WebhookReceiver } from "./helpers/webhook-receiver.ts";

/**
 * `serve --workers 2` as a real process: one primary and two workers on one port. What must be
 * global stays global (a key's rate limit, the metrics, one webhook dispatcher), a worker that
 * dies is replaced, and the test double's mode runs one process. The admin-invariant race and
 * graceful shutdown against workers are in multi-instance.test.ts and shutdown.test.ts.
 */

const SKIP = testBackend() === "pglite" ? "PGlite is in-process: no server processes" : false;
const WORKERS = { LOG_FORMAT: "json" };

/** PIDs of the processes that logged a completed request (JSON logs at level info). */
function servingPids(output: string): Set<number> {
  const pids = new Set<number>();
  for (const line of output.split("\n")) {
    if (!line.includes('"request completed"')) continue;
    pids.add((JSON.parse(line) as { pid: number }).pid);
  }
  return pids;
}

/** The worker processes of a primary (tsx's esbuild service is a child too: not counted). */
function childrenOf(pid: number): number[] {
  let out = "";
  try {
    out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" });
  } catch {
    return []; // ps exits 1 when there is none
  }
  return out
    .split("\n")
    .filter((line) => line.includes("server.ts"))
    .map((line) => Number.parseInt(line.trim(), 10))
    .filter((n) => n > 0);
}

async function provision(database: TestDatabase) {
  const store = await openTestStore(database);
  try {
    return await provisionRaceOrg(store, new Date(), 1, 4);
  } finally {
    await store.close();
  }
}

describe("serve with two workers", { skip: SKIP }, () => {
  after(stopAllServers);

  test("one port, two workers: the banner says so; a key's rate limit and the metrics are the whole server's", async () => {
    const database = await createTestDatabase();
    try {
      const org = await provision(database);
      const admin = org.admins[0]?.apiKey as string;
      const server = await startServer({
        databaseUrl: database.url,
        workers: 2,
        env: {
          ...WORKERS,
          LOG_LEVEL: "info",
          ROSTER_RATE_LIMITS: "on",
          ROSTER_RATE_LIMIT_READ: "10",
          ROSTER_RATE_LIMIT_WINDOW: "3600",
          ROSTER_RATE_LIMIT_ORGANIZATION_FACTOR: "0",
        },
      });
      // startServer has waited for the banner: every worker listens.
      assert.match(server.output(), /listening on \S+\/api\/v1 \(database: [^;]+; 2 workers\)/);
      assert.equal(childrenOf(server.pid).length, 2, "two worker processes");

      // 30 reads at once, on connections of their own: both workers serve them, and still
      // only the key's 10 get through.
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => callApi(server.api, admin, "GET", "/me/")),
      );
      const statuses = answers.map((a) => a.status).sort();
      assert.equal(statuses.filter((s) => s === 200).length, 10, JSON.stringify(statuses));
      assert.equal(statuses.filter((s) => s === 429).length, 20);
      await sleep(200); // the workers' log lines are written asynchronously
      assert.equal(servingPids(server.output()).size, 2, "both workers answered requests");

      // /metrics is the sum over both workers, whichever answers it.
      const res = await fetch(`${server.origin}/metrics`);
      const text = await res.text();
      const counted = [
        ...text.matchAll(
          /^roster_http_requests_total\{[^}]*route="\/api\/v1\/me\/"[^}]*\} (\d+)$/gm,
        ),
      ]
        .map((m) => Number(m[1]))
        .reduce((a, b) => a + b, 0);
      assert.equal(counted, 30, "the 30 reads, counted across workers");

      assert.equal((await server.stop("SIGTERM")).code, 0, server.output());
    } finally {
      await database.drop();
    }
  });

  test("a worker killed is logged and replaced; the server keeps answering", async () => {
    const database = await createTestDatabase();
    try {
      const org = await provision(database);
      const admin = org.admins[0]?.apiKey as string;
      const server = await startServer({ databaseUrl: database.url, workers: 2, env: WORKERS });
      const [victim] = childrenOf(server.pid);
      assert.ok(victim);
      process.kill(victim, "SIGKILL");
      const died = /a worker died unexpectedly; starting another in its place/;
      let workers: number[] = [];
      for (let i = 0; i < 600; i++) {
        workers = childrenOf(server.pid);
        // The primary's log is written asynchronously: its line may follow the new worker.
        if (workers.length === 2 && !workers.includes(victim) && died.test(server.output())) break;
        await sleep(50);
      }
      assert.equal(workers.length, 2, server.output());
      assert.ok(!workers.includes(victim));
      assert.match(server.output(), died);
      for (let i = 0; i < 6; i++) {
        const res = await callApi(server.api, admin, "GET", "/me/");
        assert.equal(res.status, 200);
      }
      assert.equal((await server.stop("SIGTERM")).code, 0, server.output());
    } finally {
      await database.drop();
    }
  });

  test("one webhook dispatcher per server, each event delivered once", async () => {
    const database = await createTestDatabase();
    const receiver = await new WebhookReceiver().start();
    try {
      const org = await provision(database);
      const setup = await openTestStore(database);
      try {
        await setup.write((tx) =>
          createSubscription(
            tx,
            operatorActor(org.id, "test"),
            { url: receiver.url, events: [{ object_type: "membership", action: "updated" }] },
            new Date(),
          ),
        );
      } finally {
        await setup.close();
      }
      // The receiver holds every delivery until released: meanwhile the claims show who sends.
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      receiver.respond = async () => {
        await released;
        return 200;
      };
      const server = await startServer({
        databaseUrl: database.url,
        workers: 2,
        env: { ...WORKERS, ROSTER_WEBHOOK_ALLOW_PRIVATE: "true" },
      });
      const admin = org.admins[0]?.apiKey as string;
      const acknowledged = await Promise.all(
        org.others.flatMap((member, writer) =>
          [0, 1, 2].map(async (n) => {
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
            return res.requestId as string;
          }),
        ),
      );
      await receiver.waitFor((all) => all.length > 0);
      await sleep(1_000); // five polls: time for a second dispatcher, were there one, to claim
      const store = await openTestStore(database);
      try {
        const owners = await store.db
          .selectFrom("webhook_deliveries")
          .select("lease_owner")
          .distinct()
          .where("lease_owner", "is not", null)
          .execute();
        assert.equal(owners.length, 1, "one dispatcher claims, though two workers serve");
      } finally {
        await store.close();
      }
      release();
      await receiver.waitFor(
        (all) => new Set(all.map((r) => r.json.event.request_id)).size >= acknowledged.length,
      );
      await sleep(500); // let any duplicate that would follow arrive
      const requestIds = receiver.received.map((r) => r.json.event.request_id as string);
      assert.equal(requestIds.length, acknowledged.length, "each event delivered exactly once");
      assert.deepEqual(new Set(requestIds), new Set(acknowledged));
      assert.equal((await server.stop("SIGTERM")).code, 0, server.output());
    } finally {
      await receiver.stop();
      await database.drop();
    }
  });

  test("with ROSTER_CONTROL_TOKEN, one process serves, and the banner says why", async () => {
    const database = await createTestDatabase();
    try {
      const server = await startServer({
        databaseUrl: database.url,
        workers: 2,
        env: { ...WORKERS, ROSTER_CONTROL_TOKEN: "control-token-0123456789" },
      });
      assert.match(server.output(), /; 1 worker\)/);
      assert.match(server.output(), /One worker only: ROSTER_CONTROL_TOKEN is set/);
      assert.deepEqual(childrenOf(server.pid), []);
      assert.equal((await server.stop("SIGTERM")).code, 0, server.output());
    } finally {
      await database.drop();
    }
  });
});
