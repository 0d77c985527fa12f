import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createTestDatabase, openTestStore } from "./helpers/backend.ts";
import { basic, createOrg, TestClock, useHarness } from "./helpers/harness.ts";
import { runCli } from "./helpers/server-process.ts";

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

describe("version and request IDs", () => {
  const h = useHarness();

  test("OpenAPI's info.version and `roster --version` are the package's version", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json();
    assert.equal(doc.info.version, PACKAGE_VERSION);
    const cli = await runCli(["--version"], h.database.url);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.stdout.trim(), PACKAGE_VERSION);
  });

  test("a well-formed X-Request-Id is kept, echoed and recorded on the request's events", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const requestId = "req_CallerChose0123456789";
    const res = await h.app.inject({
      method: "PUT",
      url: `/api/v1/membership/${member.membershipId}/`,
      headers: {
        authorization: basic(org.admin.apiKey),
        "content-type": "application/json",
        "x-request-id": requestId,
      },
      payload: JSON.stringify({ role_id: "superuser" }),
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["x-request-id"], requestId);
    const events = await h.app.inject({
      method: "GET",
      url: `/api/v1/event/?request_id=${requestId}`,
      headers: { authorization: basic(org.admin.apiKey) },
    });
    assert.equal(events.json().data.length, 1);
  });

  test("a malformed one is replaced by a new ID", async () => {
    for (const given of [
      "abc",
      "req_",
      "req_short",
      `req_${"a".repeat(65)}`,
      "req_has-dash0123",
      "ev_0123456789abcdef",
      "req_0123456789 abc",
    ]) {
      const res = await h.app.inject({
        method: "GET",
        url: "/health",
        headers: { "x-request-id": given },
      });
      const echoed = String(res.headers["x-request-id"]);
      assert.notEqual(echoed, given);
      assert.match(echoed, /^req_[0-9A-Za-z]{22}$/);
    }
  });
});
