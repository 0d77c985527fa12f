import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { Writable } from "node:stream";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { randomBase62 } from "../src/domain/ids.ts";
import { createOrganization } from "../src/operations/provisioning.ts";
import { createTestDatabase, openTestStore, testBackend } from "./helpers/backend.ts";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";
import { freePort, startServer, stopAllServers } from "./helpers/server-process.ts";

/**
 * Rate limits shared through Redis. TEST_REDIS_URL names the shared Redis (CI sets it); every
 * key this file writes starts with a prefix of its own. The outage test starts a Redis of its
 * own on another port and kills it.
 */

const REDIS_URL = process.env.TEST_REDIS_URL;
const PREFIX = `roster-test:${process.pid}:${randomBase62(8)}:`;
const NO_SHARED_REDIS = REDIS_URL ? false : "TEST_REDIS_URL is not set";
const NO_PROCESSES =
  testBackend() === "pglite" ? "PGlite is in-process; one process per database" : false;

function hasRedisServer(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const h = useHarness();

after(async () => {
  await stopAllServers();
  if (!REDIS_URL) return;
  // The buckets expire on their own; this only tidies up sooner.
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("rate limits shared through Redis", { skip: NO_SHARED_REDIS || NO_PROCESSES }, () => {
  test("two instances with one Redis admit the limit, not twice it", async () => {
    const database = await createTestDatabase();
    const setup = await openTestStore(database);
    const org = await setup.write((tx) =>
      createOrganization(
        tx,
        { name: "Shared", admin: { email: `shared-${randomBase62(8)}@example.com` } },
        new Date(),
      ),
    );
    await setup.close();
    // 20 reads an hour: one comes back every 180 s, so the test sees no refill unless it runs
    // that long; the tolerance below allows one per 180 s elapsed all the same.
    const env = {
      ROSTER_RATE_LIMITS: "on",
      REDIS_URL: REDIS_URL as string,
      ROSTER_RATE_LIMIT_REDIS_PREFIX: PREFIX,
      ROSTER_RATE_LIMIT_WINDOW: "3600",
      ROSTER_RATE_LIMIT_READ: "20",
    };
    // One after the other, with time to spare: a loaded machine starts processes slowly.
    const servers = [
      await startServer({ databaseUrl: database.url, env, readyTimeoutMs: 180_000 }),
      await startServer({ databaseUrl: database.url, env, readyTimeoutMs: 180_000 }),
    ];
    try {
      const started = Date.now();
      const statuses = await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const server = servers[i % 2] as (typeof servers)[number];
          const res = await fetch(`${server.api}/me/`, {
            headers: { authorization: basic(org.api_key) },
            signal: AbortSignal.timeout(120_000),
          });
          await res.arrayBuffer();
          assert.match(
            String(res.headers.get("ratelimit")),
            /^limit=20, remaining=\d+, reset=\d+$/,
          );
          return res.status;
        }),
      );
      const refills = Math.floor((Date.now() - started) / 180_000);
      for (const server of servers) {
        assert.doesNotMatch(server.output(), /Redis is unreachable/, "Redis stayed reachable");
      }
      const admitted = statuses.filter((s) => s === 200).length;
      assert.deepEqual(
        statuses.filter((s) => s !== 200 && s !== 429),
        [],
        "only 200 or 429",
      );
      assert.ok(
        admitted >= 20 && admitted <= 20 + refills,
        `admitted ${admitted} of 60 across two instances; the limit is 20 (+${refills} refilled)`,
      );
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await database.drop();
    }
  });
});

/** A Redis server of this test's own, on a free port, that it can kill. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => null });
  probe.on("error", () => {});
  for (let i = 0; i < 200; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return child;
    } catch {
      await sleep(50);
    }
  }
  probe.disconnect();
  child.kill("SIGKILL");
  throw new Error(`redis-server did not start on port ${port}`);
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (condition()) return;
    await sleep(50);
  }
  assert.fail(`timed out waiting until ${what}`);
}

describe("Redis goes away mid-run", { skip: hasRedisServer() ? false : "no redis-server" }, () => {
  test("no 500: the instance limits on its own, logs it once, and shares again when Redis is back", async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const logLines: string[] = [];
    const app = await buildApp({
      config: loadConfig({
        SEED_DEMO: "false",
        REDIS_URL: `redis://127.0.0.1:${port}`,
        ROSTER_RATE_LIMIT_REDIS_PREFIX: PREFIX,
        ROSTER_RATE_LIMIT_WINDOW: "3600",
        ROSTER_RATE_LIMIT_READ: "5",
      }),
      store: h.store,
      clock: h.clock,
      logger: {
        level: "warn",
        stream: new Writable({
          write(chunk, _encoding, done) {
            logLines.push(String(chunk));
            done();
          },
        }),
      },
    });
    try {
      const org = await createOrg(h);
      const get = () =>
        app.inject({ url: "/api/v1/me/", headers: { authorization: basic(org.admin.apiKey) } });
      await waitFor(() => app.rateLimitStatus()?.shared === true, "Redis is connected");
      for (let i = 0; i < 3; i++) assert.equal((await get()).statusCode, 200);

      redis.kill("SIGKILL");
      await new Promise((resolve) => redis.once("exit", resolve));
      const during: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await get();
        during.push(res.statusCode);
        assert.match(String(res.headers.ratelimit), /^limit=5, remaining=\d+, reset=\d+$/);
      }
      // This instance's own memory starts afresh: 5 more, then 429 — never a 500.
      assert.deepEqual(during, [200, 200, 200, 200, 200, 429, 429, 429]);
      assert.equal(app.rateLimitStatus()?.shared, false);
      const outage = () => logLines.filter((line) => line.includes("Redis is unreachable"));
      await waitFor(() => outage().length > 0, "the outage is logged");

      redis = await startRedis(port);
      await waitFor(() => app.rateLimitStatus()?.shared === true, "Redis is connected again");
      // The new Redis is empty: the shared bucket starts full.
      const res = await get();
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers.ratelimit), /^limit=5, remaining=4, reset=\d+$/);
      assert.equal(outage().length, 1, `logged once per outage:\n${logLines.join("")}`);
      assert.equal(logLines.filter((line) => line.includes("Redis answers again")).length, 1);
    } finally {
      await app.close();
      redis.kill("SIGKILL");
    }
  });
});
