import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { listenForMetrics } from "../src/metrics/exposition.ts";
import { basic, createOrg, putMembership, useHarness } from "./helpers/harness.ts";

/** The value of the first sample of `name` whose labels include every one of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) {
      return Number(line.slice(line.lastIndexOf(" ") + 1));
    }
  }
  return null;
}

describe("GET /metrics", () => {
  const h = useHarness();

  async function scrape(authorization?: string): Promise<string> {
    const res = await h.app.inject({
      method: "GET",
      url: "/metrics",
      headers: authorization ? { authorization } : {},
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers["content-type"]), /^text\/plain; version=0\.0\.4/);
    return res.body;
  }

  test("counts and times requests by route pattern and status, and times units of work", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const before = await scrape();
    const route = { method: "PUT", route: "/api/v1/membership/:id/", status: "200" };
    const countBefore = sample(before, "roster_http_requests_total", route) ?? 0;
    const unitsBefore = sample(before, "roster_store_unit_duration_seconds_count", {
      outcome: "committed",
    });
    for (let i = 0; i < 3; i++) {
      const res = await putMembership(h, org.admin.apiKey, member.membershipId, {
        auto_record_calls: i % 2 === 0 ? "enabled" : "disabled",
      });
      assert.equal(res.statusCode, 200);
    }
    const bad = await putMembership(h, org.admin.apiKey, member.membershipId, { role_id: "god" });
    assert.equal(bad.statusCode, 400);

    const after = await scrape();
    assert.equal(sample(after, "roster_http_requests_total", route), countBefore + 3);
    assert.equal(
      sample(after, "roster_http_request_duration_seconds_count", route),
      countBefore + 3,
    );
    assert.ok((sample(after, "roster_http_requests_total", { ...route, status: "400" }) ?? 0) >= 1);
    // The raw URL (with the membership's ID) is never a label: the label set stays bounded.
    assert.ok(!after.includes(member.membershipId));
    assert.ok(
      (sample(after, "roster_store_unit_duration_seconds_count", { outcome: "committed" }) ?? 0) >=
        (unitsBefore ?? 0) + 3,
    );
    assert.ok(
      (sample(after, "roster_store_unit_duration_seconds_count", { outcome: "failed" }) ?? 0) >= 1,
    );
    assert.ok((sample(after, "roster_store_commit_batch_size_count") ?? 0) >= 3);
  });

  test("exposes store depths, event-loop lag and process metrics", async () => {
    const text = await scrape();
    assert.match(text, /^roster_store_depth\{queue="/m);
    assert.notEqual(sample(text, "roster_nodejs_eventloop_lag_seconds"), null);
    assert.notEqual(sample(text, "roster_process_cpu_user_seconds_total"), null);
    assert.notEqual(sample(text, "roster_nodejs_heap_size_used_bytes"), null);
  });

  test("an unrouted path is counted as one 'unmatched' route, whatever its URL", async () => {
    await h.app.inject({ method: "GET", url: "/no/such/path/abc" });
    const text = await scrape();
    assert.ok(
      (sample(text, "roster_http_requests_total", { route: "unmatched", status: "404" }) ?? 0) >= 1,
    );
    assert.ok(!text.includes("/no/such/path"));
  });

  test("counts a client that goes away before its answer", async () => {
    const org = await createOrg(h);
    const address = await h.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = new URL(address);
    const abortsBefore = sample(await scrape(), "roster_http_client_aborts_total") ?? 0;
    // Headers announce a body that never fully comes; then the client hangs up.
    const socket = connect(Number(port), "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      `PUT /api/v1/membership/${org.admin.membershipId}/ HTTP/1.1\r\nHost: x\r\n` +
        `Authorization: ${basic(org.admin.apiKey)}\r\nContent-Type: application/json\r\n` +
        "Content-Length: 100\r\n\r\n{",
    );
    await sleep(200);
    socket.destroy();
    for (let i = 0; i < 100; i++) {
      if ((sample(await scrape(), "roster_http_client_aborts_total") ?? 0) > abortsBefore) return;
      await sleep(50);
    }
    assert.fail("the client abort was not counted");
  });
});

describe("GET /metrics with METRICS_TOKEN", () => {
  const h = useHarness({ METRICS_TOKEN: "s3cret-metrics-token" });

  test("needs the token as a Bearer credential", async () => {
    for (const authorization of [undefined, "Bearer wrong", "Basic czNjcmV0Og=="]) {
      const res = await h.app.inject({
        method: "GET",
        url: "/metrics",
        headers: authorization ? { authorization } : {},
      });
      assert.equal(res.statusCode, 401, String(authorization));
      assert.deepEqual(Object.keys(res.json()), ["error"]);
    }
    const ok = await h.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: "Bearer s3cret-metrics-token" },
    });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /roster_http_requests_total/);
  });
});

describe("GET /metrics with METRICS_PORT", () => {
  const h = useHarness({ METRICS_PORT: "1" });

  test("is not served on the API's port but on its own", async () => {
    const res = await h.app.inject({ method: "GET", url: "/metrics" });
    assert.equal(res.statusCode, 404);
    // The server process listens on METRICS_PORT; here the same listener on a free port.
    const server = await listenForMetrics(h.app.metrics, "127.0.0.1", 0);
    try {
      const { port } = server.address() as AddressInfo;
      await h.app.inject({ method: "GET", url: "/health" });
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      assert.equal(scraped.status, 200);
      const text = await scraped.text();
      assert.ok((sample(text, "roster_http_requests_total", { route: "/health" }) ?? 0) >= 1);
      assert.equal((await fetch(`http://127.0.0.1:${port}/api/v1/me/`)).status, 404);
    } finally {
      server.close();
    }
  });
});

describe("metrics of apps built side by side", () => {
  const a = useHarness();
  const b = useHarness();

  test("each app counts only its own requests", async () => {
    for (let i = 0; i < 4; i++) await a.app.inject({ method: "GET", url: "/health" });
    const text = (await b.app.inject({ method: "GET", url: "/metrics" })).body;
    assert.equal(sample(text, "roster_http_requests_total", { route: "/health" }), null);
    const own = (await a.app.inject({ method: "GET", url: "/metrics" })).body;
    assert.equal(sample(own, "roster_http_requests_total", { route: "/health" }), 4);
  });
});
