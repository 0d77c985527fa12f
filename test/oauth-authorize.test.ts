import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { deleteApp } from "../src/oauth/apps.ts";
import { formFields } from "./helpers/consent.ts";
import { createOrg, type Org, useHarness } from "./helpers/harness.ts";
import {
  exchange,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  type TestApp,
  tokensOf,
} from "./helpers/oauth.ts";

/**
 * GET/POST /oauth2/authorize/: what may redirect and what must not (no open redirect), the
 * RFC 6749 errors sent back to the app, sign-in first, and the consent form's CSRF check.
 */

const h = useHarness();

async function setUp(redirectUris = [REDIRECT_URI]) {
  const org = await createOrg(h, "Authorize Org");
  const app = await registerApp(h.store, org.id, h.clock.now(), redirectUris);
  return { org, app };
}

function query(app: TestApp, extra: Record<string, string | string[] | undefined> = {}) {
  const params = new URLSearchParams();
  const all = {
    client_id: app.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    state: "xyz",
    ...extra,
  };
  for (const [name, value] of Object.entries(all)) {
    for (const item of value === undefined ? [] : [value].flat()) params.append(name, item);
  }
  return params.toString();
}

function authorize(search: string, cookie?: string) {
  return h.app.inject({
    method: "GET",
    url: `/oauth2/authorize/?${search}`,
    headers: cookie ? { cookie } : {},
  });
}

async function signIn(org: Org): Promise<string> {
  const res = await h.app.inject({
    method: "POST",
    url: "/app/sign-in",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ api_key: org.admin.apiKey, next: "/" }).toString(),
  });
  assert.equal(res.statusCode, 303, res.body);
  const cookie = [res.headers["set-cookie"]].flat()[0] as string;
  return cookie.split(";")[0] as string;
}

function decide(form: Record<string, string>, cookie: string, origin?: string) {
  return h.app.inject({
    method: "POST",
    url: "/oauth2/authorize/",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie,
      ...(origin ? { origin } : {}),
    },
    payload: new URLSearchParams(form).toString(),
  });
}

function assertErrorPage(res: LightMyRequestResponse, label: string) {
  assert.equal(res.statusCode, 400, `${label}: ${res.statusCode}`);
  assert.equal(res.headers.location, undefined, `${label}: must not redirect`);
  assert.match(String(res.headers["content-type"]), /^text\/html/);
  assert.match(res.body, /cannot be completed/);
}

function assertRedirectError(res: LightMyRequestResponse, error: string, state: string | null) {
  assert.equal(res.statusCode, 302, res.body);
  const location = new URL(String(res.headers.location));
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  assert.equal(location.searchParams.get("error"), error);
  assert.equal(location.searchParams.get("state"), state);
  assert.equal(location.searchParams.get("code"), null);
}

describe("GET /oauth2/authorize/", () => {
  test("an unknown app or a redirect URI not registered exactly: an error page, never a redirect", async () => {
    const { app } = await setUp();
    const cases: Array<[string, Record<string, string | string[] | undefined>]> = [
      ["no client_id", { client_id: undefined }],
      ["unknown client_id", { client_id: "oa2client_unknown" }],
      ["odd client_id", { client_id: "\u0000<script>" }],
      ["client_id twice", { client_id: [app.clientId, app.clientId] }],
      ["no redirect_uri", { redirect_uri: undefined }],
      ["redirect_uri twice", { redirect_uri: [REDIRECT_URI, REDIRECT_URI] }],
      ["another host", { redirect_uri: "https://evil.example/callback" }],
      ["a longer path", { redirect_uri: `${REDIRECT_URI}/more` }],
      ["a trailing slash", { redirect_uri: `${REDIRECT_URI}/` }],
      ["an added query", { redirect_uri: `${REDIRECT_URI}?next=https://evil.example` }],
      ["other case", { redirect_uri: REDIRECT_URI.toUpperCase() }],
      ["a fragment", { redirect_uri: `${REDIRECT_URI}#x` }],
      [
        "no response_type either",
        { response_type: undefined, redirect_uri: "https://evil.example" },
      ],
    ];
    for (const [label, extra] of cases) assertErrorPage(await authorize(query(app, extra)), label);
  });

  test("a deleted app's requests get the error page", async () => {
    const { app } = await setUp();
    await h.store.write((tx) => deleteApp(tx, app.clientId, h.clock.now()));
    assertErrorPage(await authorize(query(app)), "deleted app");
  });

  test("other problems go back to the app as RFC 6749 errors, with the state", async () => {
    const { app } = await setUp();
    const { challenge } = pkcePair();
    assertRedirectError(
      await authorize(query(app, { response_type: undefined })),
      "invalid_request",
      "xyz",
    );
    assertRedirectError(
      await authorize(query(app, { response_type: "token" })),
      "unsupported_response_type",
      "xyz",
    );
    assertRedirectError(
      await authorize(query(app, { response_type: ["code", "code"] })),
      "invalid_request",
      "xyz",
    );
    assertRedirectError(await authorize(query(app, { scope: "admin" })), "invalid_scope", "xyz");
    for (const extra of [
      { code_challenge: challenge, code_challenge_method: "plain" },
      { code_challenge: challenge },
      { code_challenge_method: "S256" },
      { code_challenge: "too-short", code_challenge_method: "S256" },
      { code_challenge: [challenge, challenge], code_challenge_method: "S256" },
    ]) {
      assertRedirectError(await authorize(query(app, extra)), "invalid_request", "xyz");
    }
    // A repeated state cannot be echoed back.
    assertRedirectError(
      await authorize(query(app, { state: ["a", "b"] })),
      "invalid_request",
      null,
    );
    assertRedirectError(
      await authorize(query(app, { state: undefined, response_type: "token" })),
      "unsupported_response_type",
      null,
    );
  });

  test("a person not signed in is asked to sign in, and comes back to the request", async () => {
    const { app } = await setUp();
    const res = await authorize(query(app));
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /Test Integration asks for access to Roster/);
    const next = formFields(res.body).next as string;
    assert.equal(next, `/oauth2/authorize/?${query(app)}`);
  });
});

describe("POST /oauth2/authorize/ (the consent form)", () => {
  test("approve: a code bound to the request; the app's own query is kept", async () => {
    const withQuery = `${REDIRECT_URI}?tenant=7`;
    const { org, app } = await setUp([withQuery]);
    const cookie = await signIn(org);
    const { verifier, challenge } = pkcePair();
    const page = await authorize(
      query(app, {
        redirect_uri: withQuery,
        code_challenge: challenge,
        code_challenge_method: "S256",
      }),
      cookie,
    );
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Authorize Org/);
    assert.match(String(page.headers["content-security-policy"]), /frame-ancestors 'none'/);
    const form = formFields(page.body);
    const res = await decide({ ...form, decision: "approve" }, cookie);
    assert.equal(res.statusCode, 303, res.body);
    const location = new URL(String(res.headers.location));
    assert.equal(location.searchParams.get("tenant"), "7");
    assert.equal(location.searchParams.get("state"), "xyz");
    const code = location.searchParams.get("code") as string;
    tokensOf(await exchange(h, app, code, { redirect_uri: withQuery, code_verifier: verifier }));
  });

  test("the form needs its CSRF token, a same-site origin and a clear decision", async () => {
    const { org, app } = await setUp();
    const cookie = await signIn(org);
    const form = formFields((await authorize(query(app), cookie)).body);
    assert.ok(form._csrf);
    const noToken = { ...form, decision: "approve" };
    delete (noToken as Record<string, string>)._csrf;
    for (const [label, res] of [
      ["no token", await decide(noToken, cookie)],
      [
        "wrong token",
        await decide({ ...form, _csrf: "x".repeat(43), decision: "approve" }, cookie),
      ],
      [
        "cross-site",
        await decide({ ...form, decision: "approve" }, cookie, "https://evil.example"),
      ],
    ] as const) {
      assert.equal(res.statusCode, 403, label);
      assert.equal(res.headers.location, undefined, label);
    }
    const undecided = await decide(form, cookie);
    assert.equal(undecided.statusCode, 400);
    assert.equal(undecided.headers.location, undefined);
    const tampered = await decide(
      { ...form, redirect_uri: "https://evil.example/", decision: "approve" },
      cookie,
    );
    assertErrorPage(tampered, "tampered redirect_uri");
    const noSession = await decide({ ...form, decision: "approve" }, "roster_session=none");
    assert.equal(noSession.statusCode, 401);
    assert.equal(noSession.headers.location, undefined);
  });

  test("deny: access_denied with the state, and no grant is made", async () => {
    const { org, app } = await setUp();
    const cookie = await signIn(org);
    const form = formFields((await authorize(query(app), cookie)).body);
    const res = await decide({ ...form, decision: "deny" }, cookie);
    assert.equal(res.statusCode, 303);
    const location = new URL(String(res.headers.location));
    assert.equal(location.searchParams.get("error"), "access_denied");
    assert.equal(location.searchParams.get("state"), "xyz");
    const grants = await h.store.db
      .selectFrom("oauth_grants")
      .select("id")
      .where("oauth_app_id", "=", app.clientId)
      .execute();
    assert.equal(grants.length, 0);
  });
});
