import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { basicAuth, type Double, dumpDatabase, fixtureOf, startDouble } from "./helpers.ts";

describe("faults", () => {
  let d: Double;
  let memberId: string;
  const put = (body: unknown, id = memberId) =>
    fetch(`${d.url}/api/v1/membership/${id}/`, {
      method: "PUT",
      headers: { ...basicAuth(d.adminKey), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const me = (key = d.adminKey) => fetch(`${d.url}/api/v1/me/`, { headers: basicAuth(key) });

  before(async () => {
    d = await startDouble({ fixture: fixtureOf(3) });
    memberId = d.organizations[0]?.members[1]?.membership_id as string;
  });
  after(() => d.stop());
  beforeEach(() => d.double.reset());

  test("a rule hits only its method and route, `count` times", async () => {
    d.double.faults.set([
      { method: "PUT", route: "/api/v1/membership/{id}/", status: 503, count: 2 },
    ]);
    assert.equal((await me()).status, 200);
    const first = await put({ auto_record_calls: "enabled" });
    assert.equal(first.status, 503);
    assert.deepEqual(await first.json(), { error: "Service unavailable" });
    assert.equal((await put({ auto_record_calls: "enabled" })).status, 503);
    assert.equal((await put({ auto_record_calls: "enabled" })).status, 200);
    assert.equal(d.double.faults.list()[0]?.fired, 2);
  });

  test("seeded probability: the same requests fail on every run, at about the rate asked", async () => {
    const run = async () => {
      d.double.faults.set(
        [{ method: "GET", route: "/api/v1/me/", status: 500, count: null, probability: 0.3 }],
        {
          seed: 42,
        },
      );
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await me()).status);
      return statuses;
    };
    const first = await run();
    const second = await run();
    assert.deepEqual(first, second);
    const failed = first.filter((status) => status === 500).length;
    assert.ok(failed > 35 && failed < 85, `30% of 200 expected, got ${failed}`);
    assert.deepEqual(new Set(first), new Set([200, 500]));
  });

  test("before_commit changes nothing; after_commit commits and loses the answer", async () => {
    const dumpBefore = await dumpDatabase(d.store);
    d.double.faults.set([{ method: "PUT", route: "/api/v1/membership/{id}/", status: 503 }]);
    assert.equal((await put({ auto_record_calls: "enabled" })).status, 503);
    assert.deepEqual(await dumpDatabase(d.store), dumpBefore);

    d.double.faults.set([
      { method: "PUT", route: "/api/v1/membership/{id}/", status: 503, phase: "after_commit" },
    ]);
    const lost = await put({ auto_record_calls: "enabled" });
    assert.equal(lost.status, 503);
    assert.deepEqual(await lost.json(), { error: "Service unavailable" });
    const got = await fetch(`${d.url}/api/v1/membership/${memberId}/`, {
      headers: basicAuth(d.adminKey),
    });
    assert.equal(
      ((await got.json()) as { auto_record_calls: string }).auto_record_calls,
      "enabled",
    );
  });

  test("drops: before the body (nothing changes) and after the commit (the change stays)", async () => {
    const dumpBefore = await dumpDatabase(d.store);
    d.double.faults.set([
      { method: "PUT", route: "/api/v1/membership/{id}/", status: null, drop: "before_body" },
    ]);
    await assert.rejects(put({ auto_record_calls: "enabled" }));
    assert.deepEqual(await dumpDatabase(d.store), dumpBefore);

    d.double.faults.set([
      { method: "PUT", route: "/api/v1/membership/{id}/", status: null, drop: "after_body" },
    ]);
    await assert.rejects(put({ auto_record_calls: "enabled" }));
    assert.deepEqual(await dumpDatabase(d.store), dumpBefore);

    d.double.faults.set([
      {
        method: "PUT",
        route: "/api/v1/membership/{id}/",
        status: null,
        drop: "after_body",
        phase: "after_commit",
      },
    ]);
    await assert.rejects(put({ auto_record_calls: "disabled" }));
    const got = await fetch(`${d.url}/api/v1/membership/${memberId}/`, {
      headers: basicAuth(d.adminKey),
    });
    assert.equal(
      ((await got.json()) as { auto_record_calls: string }).auto_record_calls,
      "disabled",
    );
    const dropped = d.double.journal.list({ method: "PUT" });
    assert.equal(dropped.length, 3);
    assert.ok(dropped.every((entry) => entry.status === null && entry.fault_id !== null));
  });

  test("429 carries RateLimit and Retry-After and Close's rate-limit body", async () => {
    d.double.faults.set([{ method: "*", route: "*", status: 429, retry_after_seconds: 3 }]);
    const limited = await me();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "3");
    assert.equal(limited.headers.get("ratelimit"), "limit=20, remaining=0, reset=3");
    const body = (await limited.json()) as { error: Record<string, unknown> };
    assert.equal(body.error.rate_reset, 3);
    assert.equal(body.error.rate_limit_type, "key");
  });

  test("latency delays the answer; organization and credential filters narrow a rule", async () => {
    d.double.faults.set([{ method: "GET", route: "/api/v1/me/", status: null, latency_ms: 300 }]);
    const started = Date.now();
    assert.equal((await me()).status, 200);
    assert.ok(Date.now() - started >= 290);

    const other = d.organizations[0]?.members[2]?.api_keys[0] as string;
    const adminKeyId = d.adminKey.slice(0, d.adminKey.indexOf("."));
    d.double.faults.set([
      { method: "GET", route: "*", status: 403, count: null, credential_id: adminKeyId },
    ]);
    assert.equal((await me()).status, 403);
    assert.equal((await me(other)).status, 200);
    d.double.faults.set([
      { method: "GET", route: "*", status: 404, count: null, organization_id: "orga_other" },
    ]);
    assert.equal((await me()).status, 200);
    d.double.faults.set([
      {
        method: "GET",
        route: "*",
        status: 404,
        count: null,
        organization_id: d.organizations[0]?.id,
      },
    ]);
    assert.equal((await me()).status, 404);
  });

  test("nonsense rules are refused with the field at fault", () => {
    assert.throws(() => d.double.faults.set([{ method: "GET", route: "me" }]), {
      field: "rules[0].route",
    });
    assert.throws(() => d.double.faults.set([{ method: "GET", route: "*", status: 418 }]), {
      field: "rules[0].status",
    });
    assert.throws(() => d.double.faults.set([{ method: "GET", route: "*", status: null }]), {
      field: "rules[0]",
    });
    assert.throws(() => d.double.faults.set([{ method: "GET", route: "*", probability: 0 }]), {
      field: "rules[0].probability",
    });
  });
});
