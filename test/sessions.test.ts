import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { LightMyRequestResponse } from "fastify";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { revokeKey } from "../src/operations/provisioning.ts";
import { Sessions } from "../src/sessions/sessions.ts";
import {
  findSession,
  hashSessionToken,
  revokeSessionsOfMembership,
} from "../src/sessions/store.ts";
import { api, eventsOfOrg } from "./helpers/api.ts";
import { createTestDatabase, openTestStore, testBackend } from "./helpers/backend.ts";
import { createOrg, type Harness, type Member, TestClock, useHarness } from "./helpers/harness.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOUR = 60 * 60 * 1000;

interface Session {
  cookie: string;
  token: string;
  csrf: string;
}

async function signIn(h: Harness, apiKey: string): Promise<Session> {
  const res = await h.app.inject({
    method: "POST",
    url: "/app/sign-in",
    headers: { "content-type": "application/json" },
    payload: JSON.stringify({ api_key: apiKey }),
  });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === "roster_session");
  assert.ok(cookie, "a session cookie is set");
  return {
    cookie: `roster_session=${cookie.value}`,
    token: cookie.value,
    csrf: res.json().csrf_token,
  };
}

/** A request to the API as the page makes it: the cookie, and the CSRF header unless told. */
function withSession(
  h: Harness,
  session: Session,
  method: "GET" | "PUT" | "POST" | "DELETE",
  path: string,
  body?: unknown,
  headers: Record<string, string> = { "x-csrf-token": session.csrf },
): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method,
    url: `/api/v1${path}`,
    headers: {
      cookie: session.cookie,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

async function roleOf(h: Harness, admin: Member, membershipId: string): Promise<string> {
  const res = await api(h, admin.apiKey, "GET", `/membership/${membershipId}/`);
  return res.json().role_id;
}

describe("sessions", () => {
  const h = useHarness();

  test("sign-in sets an HttpOnly, SameSite=Lax, Path=/ cookie (not Secure over http) and stores only its hash", async () => {
    const org = await createOrg(h);
    const res = await h.app.inject({
      method: "POST",
      url: "/app/sign-in",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ api_key: org.admin.apiKey }),
    });
    assert.equal(res.statusCode, 200);
    const [cookie] = res.cookies;
    assert.ok(cookie);
    assert.equal(cookie.name, "roster_session");
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, "Lax");
    assert.equal(cookie.path, "/");
    assert.equal(cookie.secure, undefined);
    assert.equal(res.json().membership_id, org.admin.membershipId);
    const rows = await h.store.db
      .withTables<{ sessions: { token_hash: string; membership_id: string } }>()
      .selectFrom("sessions")
      .selectAll()
      .where("membership_id", "=", org.admin.membershipId)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.token_hash, hashSessionToken(cookie.value));
    assert.ok(!JSON.stringify(rows).includes(cookie.value), "the cookie's secret is not stored");
  });

  test("over https the cookie is also Secure", async () => {
    const org = await createOrg(h);
    const server = createServer(
      {
        key: readFileSync(`${ROOT}test/fixtures/localhost-key.pem`),
        cert: readFileSync(`${ROOT}test/fixtures/localhost-cert.pem`),
      },
      (req, res) => h.app.routing(req, res),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const setCookie = await new Promise<string[]>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: "/app/sign-in",
            rejectUnauthorized: false,
            headers: { "content-type": "application/json" },
          },
          (res) => {
            res.resume();
            resolve(res.headers["set-cookie"] ?? []);
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify({ api_key: org.admin.apiKey }));
      });
      assert.equal(setCookie.length, 1);
      assert.match(setCookie[0] as string, /; Secure/);
      assert.match(setCookie[0] as string, /; HttpOnly/);
    } finally {
      server.close();
    }
  });

  test("a session authenticates /api/v1 as the key it was made with, with the same permissions", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const admin = await signIn(h, org.admin.apiKey);
    const me = await withSession(h, admin, "GET", "/me/");
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, org.admin.userId);

    const put = await withSession(h, admin, "PUT", `/membership/${member.membershipId}/`, {
      role_id: "superuser",
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(await roleOf(h, org.admin, member.membershipId), "superuser");
    const [event] = (await eventsOfOrg(h, org.id)).filter(
      (e) => e.object_id === member.membershipId && e.action === "updated",
    );
    assert.equal(event?.user_id, org.admin.userId, "the event records the signed-in actor");
    assert.equal(event?.api_key_id, org.admin.apiKey.split(".")[0]);

    const reader = await signIn(h, member.apiKey);
    const forged = await withSession(h, reader, "PUT", `/membership/${org.admin.membershipId}/`, {
      role_id: "user",
    });
    assert.equal(forged.statusCode, 403);
    assert.equal(await roleOf(h, org.admin, org.admin.membershipId), "admin");
  });

  test("a write with the cookie but without the CSRF token, with a wrong one, or from another site is refused and changes nothing", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const admin = await signIn(h, org.admin.apiKey);
    const path = `/membership/${member.membershipId}/`;
    const cases: Array<[string, Record<string, string>]> = [
      ["no token", {}],
      ["wrong token", { "x-csrf-token": "x".repeat(admin.csrf.length) }],
      ["another session's token", { "x-csrf-token": (await signIn(h, member.apiKey)).csrf }],
      ["cross-site origin", { "x-csrf-token": admin.csrf, origin: "https://evil.example" }],
      ["cross-site fetch", { "x-csrf-token": admin.csrf, "sec-fetch-site": "cross-site" }],
    ];
    for (const [label, headers] of cases) {
      const res = await withSession(h, admin, "PUT", path, { role_id: "superuser" }, headers);
      assert.equal(res.statusCode, 403, label);
      assert.match(res.json().error, /CSRF/, label);
    }
    const del = await withSession(h, admin, "DELETE", path, undefined, {});
    assert.equal(del.statusCode, 403);
    assert.equal(await roleOf(h, org.admin, member.membershipId), "user");
    const still = await api(h, org.admin.apiKey, "GET", path);
    assert.equal(still.json().id, member.membershipId);
    // Reads need no token; a same-origin write with it passes.
    assert.equal((await withSession(h, admin, "GET", path, undefined, {})).statusCode, 200);
    const ok = await withSession(
      h,
      admin,
      "PUT",
      path,
      { role_id: "superuser" },
      {
        "x-csrf-token": admin.csrf,
        origin: "http://localhost:80",
        host: "localhost:80",
      },
    );
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test("a session ends after 12 hours idle; each use moves the deadline", async () => {
    const org = await createOrg(h);
    const session = await signIn(h, org.admin.apiKey);
    h.clock.advance(11 * HOUR);
    assert.equal((await withSession(h, session, "GET", "/me/")).statusCode, 200);
    h.clock.advance(11 * HOUR);
    assert.equal((await withSession(h, session, "GET", "/me/")).statusCode, 200, "idle, not age");
    h.clock.advance(12 * HOUR);
    const expired = await withSession(h, session, "GET", "/me/");
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.headers["www-authenticate"], undefined, "no browser password dialog");
    h.clock.advance(-12 * HOUR); // the row is gone, not merely out of date
    assert.equal((await withSession(h, session, "GET", "/me/")).statusCode, 401);
  });

  test("the idle sweep reclaims the rows of idle sessions only", async () => {
    const org = await createOrg(h);
    const idle = await signIn(h, org.admin.apiKey);
    h.clock.advance(6 * HOUR);
    const fresh = await signIn(h, org.admin.apiKey);
    h.clock.advance(7 * HOUR);
    const sessions = new Sessions(h.store, h.clock);
    assert.ok((await sessions.deleteIdle()) >= 1);
    const stored = (session: Session) => findSession(h.store.db, hashSessionToken(session.token));
    assert.equal(await stored(idle), undefined, "the idle one's row is gone");
    assert.ok(await stored(fresh), "the one used 7 hours ago stays");
    assert.equal((await withSession(h, idle, "GET", "/me/")).statusCode, 401);
  });

  test("revoking the key it was made with, deactivating the member, or `session revoke` ends it", async () => {
    const org = await createOrg(h);
    const byKey = await org.add("user");
    const byDeactivation = await org.add("user");
    const byRevoke = await org.add("user");
    const sessions = {
      byKey: await signIn(h, byKey.apiKey),
      byDeactivation: await signIn(h, byDeactivation.apiKey),
      byRevoke: await signIn(h, byRevoke.apiKey),
    };
    for (const session of Object.values(sessions))
      assert.equal((await withSession(h, session, "GET", "/me/")).statusCode, 200);

    await h.store.write((tx) => revokeKey(tx, byKey.apiKey.split(".")[0] as string, h.clock.now()));
    const deleted = await api(
      h,
      org.admin.apiKey,
      "DELETE",
      `/membership/${byDeactivation.membershipId}/`,
    );
    assert.equal(deleted.statusCode, 200);
    assert.equal(
      await h.store.write((tx) => revokeSessionsOfMembership(tx, byRevoke.membershipId)),
      1,
    );
    for (const [label, session] of Object.entries(sessions))
      assert.equal((await withSession(h, session, "GET", "/me/")).statusCode, 401, label);
    await assert.rejects(
      h.store.write((tx) => revokeSessionsOfMembership(tx, "memb_nope")),
      /does not exist/,
    );
  });

  test("sign-out needs the CSRF token, then ends the session and clears the cookie", async () => {
    const org = await createOrg(h);
    const session = await signIn(h, org.admin.apiKey);
    const refused = await h.app.inject({
      method: "POST",
      url: "/app/sign-out",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    assert.equal(refused.statusCode, 403);
    assert.equal((await withSession(h, session, "GET", "/me/")).statusCode, 200);
    const out = await h.app.inject({
      method: "POST",
      url: "/app/sign-out",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${encodeURIComponent(session.csrf)}`,
    });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, "/app/");
    const cleared = out.cookies.find((c) => c.name === "roster_session");
    assert.equal(cleared?.value, "");
    assert.equal((await withSession(h, session, "GET", "/me/")).statusCode, 401);
  });

  test("the sign-in form: a bad key re-renders the page (401), a good one returns to a same-origin `next` only", async () => {
    const org = await createOrg(h);
    const page = await h.app.inject({ method: "GET", url: "/app/sign-in?next=%2Fapp%2Froles%2F" });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers["content-type"] as string, /^text\/html/);
    assert.match(page.body, /name="next" value="\/app\/roles\/"/);
    assert.match(page.body, /npx roster key create/);
    assert.match(page.headers["content-security-policy"] as string, /frame-ancestors 'none'/);

    const form = (apiKey: string, next: string, headers: Record<string, string> = {}) =>
      h.app.inject({
        method: "POST",
        url: "/app/sign-in",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        payload: new URLSearchParams({ api_key: apiKey, next }).toString(),
      });
    const bad = await form(`${org.admin.apiKey}x`, "/app/");
    assert.equal(bad.statusCode, 401);
    assert.match(bad.body, /role="alert"/);
    assert.equal(bad.cookies.length, 0);
    const token = await org.token(org.admin);
    assert.equal((await form(token, "/app/")).statusCode, 401, "an OAuth token is not an API key");
    assert.equal((await form("", "/app/")).statusCode, 400);

    for (const [next, expected] of [
      ["/app/activity/?member=x", "/app/activity/?member=x"],
      ["//evil.example/", "/app/"],
      ["/\\evil.example/", "/app/"],
      ["https://evil.example/", "/app/"],
      ["javascript:alert(1)", "/app/"],
      ["/app/\r\nSet-Cookie: x=1", "/app/"],
    ]) {
      const res = await form(org.admin.apiKey, next as string);
      assert.equal(res.statusCode, 303, next);
      assert.equal(res.headers.location, expected, next);
    }
    const cross = await form(org.admin.apiKey, "/app/", { origin: "https://evil.example" });
    assert.equal(cross.statusCode, 403, "login CSRF refused");
    assert.equal(cross.cookies.length, 0);
    const json = await h.app.inject({
      method: "POST",
      url: "/app/sign-in",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ api_key: "api_nope.nope" }),
    });
    assert.equal(json.statusCode, 401);
    assert.equal(typeof json.json().error, "string");
    // The API itself still takes JSON only.
    const formToApi = await h.app.inject({
      method: "PUT",
      url: `/api/v1/membership/${org.admin.membershipId}/`,
      headers: {
        authorization: `Basic ${Buffer.from(`${org.admin.apiKey}:`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: "role_id=user",
    });
    assert.equal(formToApi.statusCode, 415);
  });

  test("an Authorization header wins over a cookie", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const memberSession = await signIn(h, member.apiKey);
    const res = await h.app.inject({
      method: "GET",
      url: "/api/v1/me/",
      headers: {
        cookie: memberSession.cookie,
        authorization: `Basic ${Buffer.from(`${org.admin.apiKey}:`).toString("base64")}`,
      },
    });
    assert.equal(res.json().id, org.admin.userId);
  });

  test("`roster session revoke --membership` signs the member out everywhere (real process)", {
    skip:
      testBackend() === "pglite" ? "an in-memory PGlite cannot be shared with a process" : false,
  }, async () => {
    const org = await createOrg(h);
    const session = await signIn(h, org.admin.apiKey);
    await signIn(h, org.admin.apiKey);
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: h.database.url };
        delete env.NODE_TEST_CONTEXT;
        const child = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            "src/cli/main.ts",
            "session",
            "revoke",
            "--membership",
            org.admin.membershipId,
            "--json",
          ],
          { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
        );
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c) => {
          stdout += c;
        });
        child.stderr.on("data", (c) => {
          stderr += c;
        });
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      membership_id: org.admin.membershipId,
      sessions_revoked: 2,
    });
    assert.equal((await withSession(h, session, "GET", "/me/")).statusCode, 401);
  });
});

describe("sessions and logs", () => {
  test("neither the API key nor the session cookie nor the CSRF token reaches the log", async () => {
    let log = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    const database = await createTestDatabase();
    const store = await openTestStore(database);
    const clock = new TestClock();
    const app = await buildApp({
      config: loadConfig({ SEED_DEMO: "false" }),
      store,
      clock,
      logger: { level: "trace", stream: sink },
    });
    const h: Harness = { app, store, clock, database };
    try {
      const org = await createOrg(h);
      const session = await signIn(h, org.admin.apiKey);
      await withSession(h, session, "GET", "/me/");
      await withSession(h, session, "PUT", `/membership/${org.admin.membershipId}/`, {});
      await withSession(h, session, "PUT", `/membership/${org.admin.membershipId}/`, {}, {});
      await h.app.inject({
        method: "POST",
        url: "/app/sign-in",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: `api_key=${org.admin.apiKey}x`,
      });
      await h.app.inject({
        method: "POST",
        url: "/app/sign-out",
        headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
      });
      assert.ok(log.includes("/app/sign-in"), "requests are logged");
      const secret = org.admin.apiKey.split(".")[1] as string;
      assert.ok(!log.includes(secret), "no API key secret");
      assert.ok(!log.includes(session.token), "no session cookie");
      assert.ok(!log.includes(session.csrf), "no CSRF token");
    } finally {
      await app.close();
      await store.close();
      await database.drop();
    }
  });
});
