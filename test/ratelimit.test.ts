import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { buildApp } from "../src/app.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { ExpiringMap } from "../src/ratelimit/expiring.ts";
import { formatRateLimit, rateLimitHeaders } from "../src/ratelimit/header.ts";
import { api } from "./helpers/api.ts";
import { snapshotOrg } from "./helpers/assertions.ts";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";

/**
 * Rate limits as Close sends them, in one process (the in-memory store, on the test's clock).
 * The harness keeps limits off for every other suite; this one turns them on with small,
 * long-windowed limits so that nothing refills unless the test moves the clock:
 * a window of 60 s, 5 reads, 5 other writes and 4 membership writes per key, 3× per
 * organization, 3 failed authentications per address.
 */
const WINDOW = 60;
const h = useHarness({
  ROSTER_RATE_LIMITS: "on",
  ROSTER_RATE_LIMIT_WINDOW: String(WINDOW),
  ROSTER_RATE_LIMIT_READ: "5",
  ROSTER_RATE_LIMIT_WRITE: "5",
  ROSTER_RATE_LIMIT_MEMBERSHIP_WRITE: "4",
  ROSTER_RATE_LIMIT_UNAUTHENTICATED: "3",
  ROSTER_RATE_LIMIT_OAUTH_TOKEN: "2",
});

const FORM = /^limit=(\d+), remaining=(\d+), reset=(\d+)$/;

/** The `RateLimit` header of a response as numbers; fails unless it has exactly Close's form. */
function rateLimitOf(res: LightMyRequestResponse, label = "") {
  const header = res.headers.ratelimit;
  assert.equal(typeof header, "string", `${label}: no RateLimit header (${res.statusCode})`);
  const match = FORM.exec(header as string);
  assert.ok(match, `${label}: RateLimit "${header}" is not in Close's form`);
  return { limit: Number(match[1]), remaining: Number(match[2]), reset: Number(match[3]) };
}

/** Each address's failed authentications are counted apart: tests that fail on purpose use
 * their own, so they cannot block the others'. */
let addressCounter = 0;
function freshAddress(): string {
  addressCounter += 1;
  return `10.15.0.${addressCounter}`;
}

function from(address: string, auth: string | undefined, method: "GET" | "PUT", url: string) {
  return h.app.inject({
    method,
    url,
    remoteAddress: address,
    headers: auth === undefined ? {} : { authorization: auth },
  });
}

describe("the RateLimit header", () => {
  test("formats exactly as Close: integers, comma and space; 429 headers round up", () => {
    assert.equal(formatRateLimit(20, 19, 0.05), "limit=20, remaining=19, reset=1");
    assert.equal(formatRateLimit(60, 0, 3), "limit=60, remaining=0, reset=3");
    const headers = (retryAfterSeconds: number) =>
      rateLimitHeaders({
        type: "key",
        limit: 20,
        windowSeconds: 1,
        retryAfterSeconds,
        resetSeconds: 0.95,
      });
    assert.deepEqual(headers(0.05), {
      RateLimit: "limit=20, remaining=0, reset=1",
      "Retry-After": "1",
    });
    assert.equal(headers(2)["Retry-After"], "2");
    assert.equal(headers(2.001)["Retry-After"], "3");
  });

  test("every answer under /api/v1 carries it: success and each error status", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const key = org.admin.apiKey;
    const memberPath = `/membership/${org.admin.membershipId}/`;
    const address = freshAddress();
    const answers: Array<[number, LightMyRequestResponse]> = [
      [200, await api(h, key, "GET", "/me/")],
      [400, await api(h, key, "PUT", memberPath, { auto_record_calls: "sometimes" })],
      [401, await from(address, undefined, "GET", "/api/v1/me/")],
      [401, await from(address, basic("api_nope.nope"), "GET", "/api/v1/me/")],
      [403, await api(h, member.apiKey, "PUT", memberPath, { track_email_opens: false })],
      [404, await api(h, key, "GET", "/membership/memb_doesnotexist/")],
      [404, await from(address, basic(key), "GET", "/api/v1/no-such-thing/")],
      [405, await api(h, key, "DELETE", "/me/")],
      [
        413,
        await h.app.inject({
          method: "PUT",
          url: `/api/v1${memberPath}`,
          headers: { authorization: basic(key), "content-type": "application/json" },
          payload: JSON.stringify({ hangup_recording_url: "x".repeat(1024 * 1024 + 1) }),
        }),
      ],
      [
        415,
        await h.app.inject({
          method: "PUT",
          url: `/api/v1${memberPath}`,
          headers: { authorization: basic(key), "content-type": "text/plain" },
          payload: "role_id=user",
        }),
      ],
    ];
    for (const [status, res] of answers) {
      assert.equal(res.statusCode, status, `${status}: ${res.body}`);
      const limit = rateLimitOf(res, `${status}`);
      assert.ok(limit.remaining < limit.limit, `${status}: a request was counted`);
    }
    // The failed authentications count against the address, not any key.
    assert.equal(rateLimitOf(answers[2]?.[1] as LightMyRequestResponse).limit, 3);
  });
});

describe("countdown, 429 and recovery", () => {
  test("remaining and reset count down; over the limit: 429, Close's body, Retry-After rounded up", async () => {
    const org = await createOrg(h);
    const key = org.admin.apiKey;
    // 5 reads a minute: one comes back every 12 s.
    const seen = [];
    for (let i = 0; i < 5; i++) {
      const res = await api(h, key, "GET", "/me/");
      assert.equal(res.statusCode, 200);
      seen.push(rateLimitOf(res));
    }
    assert.deepEqual(
      seen.map((s) => [s.limit, s.remaining, s.reset]),
      [
        [5, 4, 12],
        [5, 3, 24],
        [5, 2, 36],
        [5, 1, 48],
        [5, 0, 60],
      ],
    );

    const refused = await api(h, key, "GET", "/me/");
    assert.equal(refused.statusCode, 429);
    assert.deepEqual(rateLimitOf(refused), { limit: 5, remaining: 0, reset: 60 });
    assert.equal(refused.headers["retry-after"], "12");
    const body = refused.json();
    assert.deepEqual(Object.keys(body), ["error"]);
    assert.equal(typeof body.error.message, "string");
    assert.deepEqual(
      { ...body.error, message: undefined },
      {
        message: undefined,
        rate_reset: 12,
        rate_limit: 5,
        rate_window: WINDOW,
        rate_limit_type: "key",
      },
    );

    // 4.5 s later: 7.5 s to go, which Retry-After rounds up to 8; the header's reset counts down.
    h.clock.advance(4_500);
    const later = await api(h, key, "GET", "/me/");
    assert.equal(later.statusCode, 429);
    assert.equal(later.json().error.rate_reset, 7.5);
    assert.equal(later.headers["retry-after"], "8");
    assert.deepEqual(rateLimitOf(later), { limit: 5, remaining: 0, reset: 56 });

    // Waiting what Retry-After said is enough; then the next one is refused again.
    h.clock.advance(7_500);
    const recovered = await api(h, key, "GET", "/me/");
    assert.equal(recovered.statusCode, 200, recovered.body);
    assert.deepEqual(rateLimitOf(recovered), { limit: 5, remaining: 0, reset: 60 });
    assert.equal((await api(h, key, "GET", "/me/")).statusCode, 429);
  });

  test("a refused write changes nothing and records no event; reads have their own budget", async () => {
    const org = await createOrg(h);
    const key = org.admin.apiKey;
    const member = await org.add("user");
    const path = `/membership/${member.membershipId}/`;
    for (const auto_record_calls of ["enabled", "disabled", "enabled", "disabled"]) {
      const res = await api(h, key, "PUT", path, { auto_record_calls });
      assert.equal(res.statusCode, 200, res.body);
    }
    const before = await snapshotOrg(h, org.id, { roles: true });
    const refused = await api(h, key, "PUT", path, { role_id: "superuser" });
    assert.equal(refused.statusCode, 429, refused.body);
    assert.equal(refused.json().error.rate_limit, 4);
    assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before);

    // Other writes and reads are other groups: still open.
    const read = await api(h, key, "GET", path);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().role, "user");
    assert.deepEqual(rateLimitOf(read), { limit: 5, remaining: 4, reset: 12 });
    const otherWrite = await api(h, key, "PUT", `/organization/${org.id}/`, { name: "Renamed" });
    assert.equal(otherWrite.statusCode, 200, otherWrite.body);
    assert.equal(rateLimitOf(otherWrite).limit, 5);
  });
});

describe("per key and per organization", () => {
  test("keys of one organization share its limit (3× a key's); another organization is unaffected", async () => {
    const org = await createOrg(h);
    const keys = [org.admin.apiKey];
    for (let i = 0; i < 3; i++) keys.push((await org.add("user")).apiKey);
    const [first, second, third, fourth] = keys as [string, string, string, string];
    // Three keys spend 5 reads each: the organization's 15.
    for (const key of [first, second, third]) {
      for (let i = 0; i < 5; i++) assert.equal((await api(h, key, "GET", "/me/")).statusCode, 200);
    }
    const refused = await api(h, fourth, "GET", "/me/");
    assert.equal(refused.statusCode, 429, refused.body);
    assert.equal(refused.json().error.rate_limit_type, "organization");
    assert.equal(refused.json().error.rate_limit, 15);
    assert.equal(refused.headers["retry-after"], "4");
    assert.deepEqual(rateLimitOf(refused), { limit: 15, remaining: 0, reset: 60 });

    const other = await createOrg(h);
    const elsewhere = await api(h, other.admin.apiKey, "GET", "/me/");
    assert.equal(elsewhere.statusCode, 200);
    assert.deepEqual(rateLimitOf(elsewhere), { limit: 5, remaining: 4, reset: 12 });

    // Once the organization has room again, the fourth key's refusal has cost it nothing;
    // the header shows whichever budget has less left (here the organization's).
    h.clock.advance(4_000);
    const admitted = await api(h, fourth, "GET", "/me/");
    assert.equal(admitted.statusCode, 200, admitted.body);
    assert.deepEqual(rateLimitOf(admitted), { limit: 15, remaining: 0, reset: 60 });
  });

  test("a key's own limit is reported as type key", async () => {
    const org = await createOrg(h);
    const key = (await org.add("user")).apiKey;
    for (let i = 0; i < 5; i++) await api(h, key, "GET", "/me/");
    const refused = await api(h, key, "GET", "/me/");
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.rate_limit_type, "key");
    // The admin's key, same organization, still has its own budget (and the organization's).
    assert.equal((await api(h, org.admin.apiKey, "GET", "/me/")).statusCode, 200);
  });
});

describe("per address, before authentication", () => {
  test("failed authentications spend the address's budget; a spent address is refused before its key is looked at", async () => {
    const org = await createOrg(h);
    const address = freshAddress();
    const bad = basic("api_guess.guess");
    const remaining = [];
    for (let i = 0; i < 4; i++) {
      const res = await from(address, bad, "GET", "/api/v1/me/");
      assert.equal(res.statusCode, 401);
      remaining.push(rateLimitOf(res).remaining);
    }
    assert.deepEqual(remaining, [2, 1, 0, 0]);
    // Even a valid key is refused from that address until the address has room again ...
    const blocked = await from(address, basic(org.admin.apiKey), "GET", "/api/v1/me/");
    assert.equal(blocked.statusCode, 429, blocked.body);
    assert.equal(blocked.json().error.rate_limit, 3);
    assert.equal(blocked.headers["retry-after"], "20");
    // ... while another address with the same key is served.
    const elsewhere = await from(freshAddress(), basic(org.admin.apiKey), "GET", "/api/v1/me/");
    assert.equal(elsewhere.statusCode, 200);
    h.clock.advance(20_000);
    const later = await from(address, basic(org.admin.apiKey), "GET", "/api/v1/me/");
    assert.equal(later.statusCode, 200, later.body);
  });

  test("the OAuth token endpoint is limited per address", async () => {
    const address = freshAddress();
    const post = () =>
      h.app.inject({
        method: "POST",
        url: "/oauth2/token/",
        remoteAddress: address,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "grant_type=refresh_token&refresh_token=nope",
      });
    for (let i = 0; i < 2; i++) {
      const res = await post();
      assert.notEqual(res.statusCode, 429);
      assert.equal(rateLimitOf(res).limit, 2);
    }
    const refused = await post();
    assert.equal(refused.statusCode, 429, refused.body);
    assert.equal(refused.json().error.rate_limit, 2);
  });
});

describe("switching limits off", () => {
  test("ROSTER_RATE_LIMITS=off: no header and never a 429; a group's 0 turns just that group off", async () => {
    const org = await createOrg(h);
    const appWith = (env: Record<string, string>) =>
      buildApp({
        config: loadConfig({ SEED_DEMO: "false", ROSTER_RATE_LIMIT_READ: "1", ...env }),
        store: h.store,
        clock: h.clock,
      });
    const off = await appWith({ ROSTER_RATE_LIMITS: "off" });
    const readsOff = await appWith({ ROSTER_RATE_LIMIT_READ: "0" });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await off.inject({
          url: "/api/v1/me/",
          headers: { authorization: basic(org.admin.apiKey) },
        });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers.ratelimit, undefined);
        const read = await readsOff.inject({
          url: "/api/v1/me/",
          headers: { authorization: basic(org.admin.apiKey) },
        });
        assert.equal(read.statusCode, 200);
        assert.equal(read.headers.ratelimit, undefined);
      }
      const write = await readsOff.inject({
        method: "PUT",
        url: `/api/v1/organization/${org.id}/`,
        headers: { authorization: basic(org.admin.apiKey), "content-type": "application/json" },
        payload: "{}",
      });
      assert.equal(write.statusCode, 200, write.body);
      assert.equal(rateLimitOf(write).limit, 20);
    } finally {
      await off.close();
      await readsOff.close();
    }
  });

  test("bad settings stop the start with a message naming the variable", () => {
    assert.throws(() => loadConfig({ ROSTER_RATE_LIMITS: "maybe" }), ConfigError);
    assert.throws(() => loadConfig({ ROSTER_RATE_LIMIT_WRITE: "-1" }), /ROSTER_RATE_LIMIT_WRITE/);
    assert.throws(() => loadConfig({ ROSTER_RATE_LIMIT_WINDOW: "0" }), /ROSTER_RATE_LIMIT_WINDOW/);
    const defaults = loadConfig({}).rateLimits;
    assert.equal(defaults.enabled, true);
    assert.equal(defaults.windowSeconds, 1);
    assert.equal(defaults.organizationFactor, 3);
    assert.equal(defaults.perWindow.write, 20);
  });
});

describe("memory under many clients", () => {
  test("blocked addresses and spent buckets are swept as they expire: 100,000 clients that never return do not stay", () => {
    const map = new ExpiringMap<number>((until) => until);
    let largest = 0;
    // A new address every millisecond, each blocked for one second: about 1,000 live at once.
    for (let now = 0; now < 100_000; now++) {
      map.set(`address-${now}`, now + 1000, now);
      largest = Math.max(largest, map.size);
    }
    assert.ok(largest <= 20_000, `at most twice the sweep floor, held ${largest}`);
    // Live entries are never swept.
    assert.equal(map.get("address-99999"), 100_999);
    assert.equal(map.get("address-0"), undefined);
  });
});
