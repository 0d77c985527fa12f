import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { deleteApp } from "../src/oauth/apps.ts";
import { createOrg, useHarness } from "./helpers/harness.ts";
import {
  approve,
  assertOAuthError,
  bearerStatus,
  clientBasic,
  exchange,
  oauthPost,
  REDIRECT_URI,
  refresh,
  registerApp,
  type TestApp,
  tokensOf,
} from "./helpers/oauth.ts";

/** Bad requests to the OAuth endpoints: always RFC 6749's error, never a 500, nothing used up. */

const h = useHarness();

async function setUp() {
  const org = await createOrg(h);
  const app = await registerApp(h.store, org.id, h.clock.now());
  const code = await approve(h.store, app, org.admin, h.clock.now());
  return { org, app, code };
}

function raw(path: string, payload: string, contentType: string | undefined, app?: TestApp) {
  return h.app.inject({
    method: "POST",
    url: path,
    headers: {
      ...(contentType ? { "content-type": contentType } : {}),
      ...(app ? { authorization: clientBasic(app) } : {}),
    },
    payload,
  });
}

describe("token requests that are refused", () => {
  test("malformed requests are invalid_request, and the code still works afterwards", async () => {
    const { app, code } = await setUp();
    const form = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI };
    const cases: Array<[string, Record<string, string | string[]>]> = [
      ["no grant_type", { code, redirect_uri: REDIRECT_URI }],
      ["no code", { grant_type: "authorization_code", redirect_uri: REDIRECT_URI }],
      ["no redirect_uri", { grant_type: "authorization_code", code }],
      ["empty code", { ...form, code: "" }],
      ["code twice", { ...form, code: [code, code] }],
      ["grant_type twice", { ...form, grant_type: ["authorization_code", "authorization_code"] }],
      ["redirect_uri twice", { ...form, redirect_uri: [REDIRECT_URI, REDIRECT_URI] }],
      ["no refresh_token", { grant_type: "refresh_token" }],
    ];
    for (const [label, body] of cases) {
      const res = await oauthPost(h, "/oauth2/token/", body, app);
      assert.equal(res.statusCode, 400, `${label}: ${res.body}`);
      assertOAuthError(res, 400, "invalid_request");
    }
    const bodies: Array<[string, string, string | undefined]> = [
      ["JSON", JSON.stringify(form), "application/json"],
      ["text", new URLSearchParams(form).toString(), "text/plain"],
      ["multipart", "--x\r\n\r\n--x--", "multipart/form-data; boundary=x"],
      ["no content type", new URLSearchParams(form).toString(), undefined],
    ];
    for (const [label, payload, contentType] of bodies) {
      const res = await raw("/oauth2/token/", payload, contentType, app);
      assert.equal(res.statusCode, 400, `${label}: ${res.body}`);
      assertOAuthError(res, 400, "invalid_request");
    }
    tokensOf(await exchange(h, app, code));
  });

  test("an unknown grant type is unsupported_grant_type", async () => {
    const { app } = await setUp();
    for (const grantType of ["password", "client_credentials", "implicit", "x"]) {
      const res = await oauthPost(h, "/oauth2/token/", { grant_type: grantType }, app);
      assertOAuthError(res, 400, "unsupported_grant_type");
    }
  });

  test("a bad client is 401 invalid_client with WWW-Authenticate, and uses nothing up", async () => {
    const { org, app, code } = await setUp();
    const other = await registerApp(h.store, org.id, h.clock.now());
    const form = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI };
    const wrongSecret = { ...app, clientSecret: other.clientSecret };
    const unknown = { clientId: "oa2client_unknown", clientSecret: app.clientSecret };
    for (const [label, client, auth] of [
      ["wrong secret, basic", wrongSecret, "basic"],
      ["wrong secret, post", wrongSecret, "post"],
      ["unknown client", unknown, "basic"],
      ["empty secret", { ...app, clientSecret: "" }, "basic"],
    ] as const) {
      const res = await oauthPost(h, "/oauth2/token/", form, client, auth);
      assert.equal(res.statusCode, 401, label);
      assertOAuthError(res, 401, "invalid_client");
    }
    assertOAuthError(await oauthPost(h, "/oauth2/token/", form), 401, "invalid_client");
    const bearer = await h.app.inject({
      method: "POST",
      url: "/oauth2/token/",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: "Bearer abc",
      },
      payload: new URLSearchParams(form).toString(),
    });
    assertOAuthError(bearer, 401, "invalid_client");
    const garbled = await h.app.inject({
      method: "POST",
      url: "/oauth2/token/",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from("%E0%A4%A:x").toString("base64")}`,
      },
      payload: new URLSearchParams(form).toString(),
    });
    assertOAuthError(garbled, 401, "invalid_client");
    // Both methods at once is a malformed request; a body client_id must match the header's.
    assertOAuthError(
      await oauthPost(h, "/oauth2/token/", { ...form, client_secret: app.clientSecret }, app),
      400,
      "invalid_request",
    );
    assertOAuthError(
      await oauthPost(h, "/oauth2/token/", { ...form, client_id: other.clientId }, app),
      401,
      "invalid_client",
    );
    tokensOf(await oauthPost(h, "/oauth2/token/", { ...form, client_id: app.clientId }, app));
  });

  test("a code is invalid_grant for the wrong redirect URI, another client, or made up", async () => {
    const { org, app, code } = await setUp();
    const other = await registerApp(h.store, org.id, h.clock.now());
    for (const redirect of [
      `${REDIRECT_URI}/`,
      "https://app.example/other",
      `${REDIRECT_URI}?x=1`,
    ]) {
      assertOAuthError(
        await exchange(h, app, code, { redirect_uri: redirect }),
        400,
        "invalid_grant",
      );
    }
    assertOAuthError(await exchange(h, other, code), 400, "invalid_grant");
    for (const made of ["oa2code_x", `${code}x`, "abc", "\u0000", "x".repeat(5000)]) {
      assertOAuthError(await exchange(h, app, made), 400, "invalid_grant");
    }
    assertOAuthError(await refresh(h, app, "oa2rt_nonsense"), 400, "invalid_grant");
    assertOAuthError(await refresh(h, app, code), 400, "invalid_grant");
    tokensOf(await exchange(h, app, code));
  });

  test("a deleted app can no longer authenticate, and its tokens die at once", async () => {
    const { app, code } = await setUp();
    const tokens = tokensOf(await exchange(h, app, code));
    await h.store.write((tx) => deleteApp(tx, app.clientId, h.clock.now()));
    assert.equal(await bearerStatus(h, tokens.access_token), 401);
    assertOAuthError(await refresh(h, app, tokens.refresh_token), 401, "invalid_client");
    const grants = await h.store.db
      .selectFrom("oauth_grants")
      .select("date_revoked")
      .where("oauth_app_id", "=", app.clientId)
      .execute();
    assert.ok(grants.length > 0 && grants.every((g) => g.date_revoked !== null));
  });

  test("revoke: a missing token is invalid_request, a bad client invalid_client", async () => {
    const { app } = await setUp();
    assertOAuthError(await oauthPost(h, "/oauth2/revoke/", {}, app), 400, "invalid_request");
    assertOAuthError(
      await oauthPost(h, "/oauth2/revoke/", { token: ["a", "b"] }, app),
      400,
      "invalid_request",
    );
    assertOAuthError(await oauthPost(h, "/oauth2/revoke/", { token: "a" }), 401, "invalid_client");
    assertOAuthError(
      await raw("/oauth2/revoke/", '{"token":"a"}', "application/json", app),
      400,
      "invalid_request",
    );
  });

  test("the Close API still refuses form bodies with 415", async () => {
    const { org } = await setUp();
    const res = await h.app.inject({
      method: "PUT",
      url: `/api/v1/membership/${org.admin.membershipId}/`,
      headers: {
        authorization: `Basic ${Buffer.from(`${org.admin.apiKey}:`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: "role_id=user",
    });
    assert.equal(res.statusCode, 415);
  });

  test("wrong methods on the OAuth endpoints are 405", async () => {
    for (const url of ["/oauth2/token/", "/oauth2/revoke/"]) {
      const res = await h.app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 405, url);
    }
  });
});
