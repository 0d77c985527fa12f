import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createTestDatabase, openTestStore } from "./helpers/backend.ts";
import { TestClock, useHarness } from "./helpers/harness.ts";

const PACKAGE_VERSION = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;

describe("GET /health and GET /ready", () => {
  const h = useHarness();

  test("/health: up, with the package's version, unauthenticated, JSON", async () => {
    for (const url of ["/health", "/health/"]) {
      const res = await h.app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers["content-type"]), /^application\/json/);
      const body = res.json();
      assert.equal(body.status, "ok");
      assert.equal(body.version, PACKAGE_VERSION);
      assert.equal(typeof body.uptime_seconds, "number");
      assert.match(String(res.headers["x-request-id"]), /^req_/);
    }
  });

  test("/ready: the database answers and every migration is applied", async () => {
    const res = await h.app.inject({ method: "GET", url: "/ready" });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      status: "ready",
      checks: { database: "ok", migrations: "ok" },
    });
  });

  test("neither lives under /api/v1, and a wrong method is 405", async () => {
    const res = await h.app.inject({ method: "GET", url: "/api/v1/health" });
    assert.equal(res.statusCode, 404);
    const post = await h.app.inject({ method: "POST", url: "/ready" });
    assert.equal(post.statusCode, 405);
  });
});

describe("readiness checks added through buildApp", () => {
  test("a failing check makes /ready 503 and names it; draining does too", async () => {
    const database = await createTestDatabase();
    const store = await openTestStore(database);
    let redisUp = true;
    const app = await buildApp({
      config: loadConfig({ SEED_DEMO: "false" }),
      store,
      clock: new TestClock(),
      readinessChecks: [
        {
          name: "redis",
          async check() {
            if (!redisUp) throw new Error("connection refused");
          },
        },
      ],
    });
    try {
      let res = await app.inject({ method: "GET", url: "/ready" });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().checks.redis, "ok");

      redisUp = false;
      res = await app.inject({ method: "GET", url: "/ready" });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(res.json(), {
        status: "unavailable",
        checks: { database: "ok", migrations: "ok", redis: "connection refused" },
      });
      // Liveness does not depend on readiness.
      assert.equal((await app.inject({ method: "GET", url: "/health" })).statusCode, 200);

      redisUp = true;
      app.readiness.drain();
      res = await app.inject({ method: "GET", url: "/ready" });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().checks.shutdown, "draining");
    } finally {
      await app.close();
      await store.close();
      await database.drop();
    }
  });

  test("a closed database makes /ready 503 on the database check", async () => {
    const database = await createTestDatabase();
    const store = await openTestStore(database);
    const app = await buildApp({
      config: loadConfig({ SEED_DEMO: "false" }),
      store,
      clock: new TestClock(),
    });
    try {
      await store.close();
      const res = await app.inject({ method: "GET", url: "/ready" });
      assert.equal(res.statusCode, 503);
      assert.notEqual(res.json().checks.database, "ok");
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
