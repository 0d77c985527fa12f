import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { api } from "./helpers/api.ts";
import { createOrg, useHarness } from "./helpers/harness.ts";
import {
  approve,
  assertOAuthError,
  bearerStatus,
  exchange,
  oauthPost,
  pkcePair,
  refresh,
  registerApp,
  tokensOf,
} from "./helpers/oauth.ts";

/**
 * The token and revocation endpoints: codes exchanged once, refresh tokens rotated, reuse
 * revoking the family, and every way an access token stops working at once.
 */

const h = useHarness();

async function setUp() {
  const org = await createOrg(h);
  const member = await org.add("user", { firstName: "Una" });
  const app = await registerApp(h.store, org.id, h.clock.now());
  return { org, member, app };
}

describe("POST /oauth2/token/", () => {
  test("a code is exchanged for exactly Close's token response, not to be cached", async () => {
    const { org, app } = await setUp();
    const code = await approve(h.store, app, org.admin, h.clock.now());
    const res = await exchange(h, app, code);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers["cache-control"], "no-store");
    assert.equal(res.headers.pragma, "no-cache");
    const body = res.json();
    assert.deepEqual(Object.keys(body), [
      "token_type",
      "access_token",
      "expires_in",
      "refresh_token",
      "scope",
      "organization_id",
      "user_id",
    ]);
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 3600);
    assert.equal(body.scope, "all.full_access offline_access");
    assert.equal(body.organization_id, org.id);
    assert.equal(body.user_id, org.admin.userId);
    assert.match(body.access_token, /^oa2at_/);
    assert.match(body.refresh_token, /^oa2rt_/);
    assert.equal(await bearerStatus(h, body.access_token), 200);
  });

  test("client_secret_post authenticates as well as HTTP Basic", async () => {
    const { org, app } = await setUp();
    const code = await approve(h.store, app, org.admin, h.clock.now());
    tokensOf(await exchange(h, app, code, {}, "post"));
  });

  test("PKCE S256: the right verifier exchanges; a wrong or missing one does not use the code up", async () => {
    const { org, app } = await setUp();
    const { verifier, challenge } = pkcePair();
    const code = await approve(h.store, app, org.admin, h.clock.now(), {
      codeChallenge: challenge,
    });
    assertOAuthError(
      await exchange(h, app, code, { code_verifier: pkcePair().verifier }),
      400,
      "invalid_grant",
    );
    assertOAuthError(await exchange(h, app, code), 400, "invalid_grant");
    assertOAuthError(
      await exchange(h, app, code, { code_verifier: "short" }),
      400,
      "invalid_grant",
    );
    tokensOf(await exchange(h, app, code, { code_verifier: verifier }));
  });

  test("a verifier for a code issued without a challenge is refused (PKCE downgrade)", async () => {
    const { org, app } = await setUp();
    const code = await approve(h.store, app, org.admin, h.clock.now());
    assertOAuthError(
      await exchange(h, app, code, { code_verifier: pkcePair().verifier }),
      400,
      "invalid_grant",
    );
  });

  test("codes live 10 minutes, access tokens 3600 seconds (by the injected clock)", async () => {
    const { org, app } = await setUp();
    const stale = await approve(h.store, app, org.admin, h.clock.now());
    const fresh = await approve(h.store, app, org.admin, h.clock.now());
    h.clock.advance(599_000);
    const tokens = tokensOf(await exchange(h, app, fresh));
    h.clock.advance(2_000);
    assertOAuthError(await exchange(h, app, stale), 400, "invalid_grant");
    h.clock.advance(3_597_000);
    assert.equal(await bearerStatus(h, tokens.access_token), 200);
    h.clock.advance(2_000);
    assert.equal(await bearerStatus(h, tokens.access_token), 401);
    // The refresh token outlives the access token and brings a new one.
    const renewed = tokensOf(await refresh(h, app, tokens.refresh_token));
    assert.equal(await bearerStatus(h, renewed.access_token), 200);
  });

  test("a code used twice: the second use is refused and the first one's tokens die", async () => {
    const { org, app } = await setUp();
    const code = await approve(h.store, app, org.admin, h.clock.now());
    const first = tokensOf(await exchange(h, app, code));
    assertOAuthError(await exchange(h, app, code), 400, "invalid_grant");
    assert.equal(await bearerStatus(h, first.access_token), 401);
    assertOAuthError(await refresh(h, app, first.refresh_token), 400, "invalid_grant");
  });

  test("refresh tokens rotate; a used one revokes every token of its grant", async () => {
    const { org, app } = await setUp();
    const code = await approve(h.store, app, org.admin, h.clock.now());
    const first = tokensOf(await exchange(h, app, code));
    const second = tokensOf(await refresh(h, app, first.refresh_token));
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.notEqual(second.access_token, first.access_token);
    assert.equal(second.organization_id, org.id);
    const third = tokensOf(await refresh(h, app, second.refresh_token));
    for (const tokens of [first, second, third]) {
      assert.equal(await bearerStatus(h, tokens.access_token), 200);
    }

    assertOAuthError(await refresh(h, app, first.refresh_token), 400, "invalid_grant");
    for (const tokens of [first, second, third]) {
      assert.equal(await bearerStatus(h, tokens.access_token), 401);
    }
    assertOAuthError(await refresh(h, app, third.refresh_token), 400, "invalid_grant");
    // Another grant of the same person and app is untouched.
    const other = tokensOf(
      await exchange(h, app, await approve(h.store, app, org.admin, h.clock.now())),
    );
    assert.equal(await bearerStatus(h, other.access_token), 200);
  });

  test("a refresh may name the granted scopes, not others", async () => {
    const { org, app } = await setUp();
    const tokens = tokensOf(
      await exchange(h, app, await approve(h.store, app, org.admin, h.clock.now())),
    );
    const narrowed = await oauthPost(
      h,
      "/oauth2/token/",
      { grant_type: "refresh_token", refresh_token: tokens.refresh_token, scope: "admin" },
      app,
    );
    assertOAuthError(narrowed, 400, "invalid_scope");
    tokensOf(
      await oauthPost(
        h,
        "/oauth2/token/",
        {
          grant_type: "refresh_token",
          refresh_token: tokens.refresh_token,
          scope: "all.full_access",
        },
        app,
      ),
    );
  });
});

describe("what a token may do, and when it stops", () => {
  test("a Bearer token acts as its member, and the events name the app", async () => {
    const { org, member, app } = await setUp();
    const tokens = tokensOf(
      await exchange(h, app, await approve(h.store, app, org.admin, h.clock.now())),
    );
    const res = await api(
      h,
      `Bearer ${tokens.access_token}`,
      "PUT",
      `/membership/${member.membershipId}/`,
      {
        role_id: "superuser",
      },
    );
    assert.equal(res.statusCode, 200, res.body);
    const events = await api(
      h,
      org.admin.apiKey,
      "GET",
      `/event/?object_id=${member.membershipId}&action=updated`,
    );
    const [event] = events.json().data;
    assert.equal(event.oauth_app_id, app.clientId);
    assert.equal(event.api_key_id, null);
    assert.equal(event.user_id, org.admin.userId);
  });

  test("deactivating the member kills their access and refresh tokens at once", async () => {
    const { org, member, app } = await setUp();
    const tokens = tokensOf(
      await exchange(h, app, await approve(h.store, app, member, h.clock.now())),
    );
    assert.equal(await bearerStatus(h, tokens.access_token), 200);
    const left = await api(h, org.admin.apiKey, "DELETE", `/membership/${member.membershipId}/`);
    assert.equal(left.statusCode, 200);
    assert.equal(await bearerStatus(h, tokens.access_token), 401);
    assertOAuthError(await refresh(h, app, tokens.refresh_token), 400, "invalid_grant");
  });

  test("a code of a member who left cannot be exchanged", async () => {
    const { org, member, app } = await setUp();
    const code = await approve(h.store, app, member, h.clock.now());
    await api(h, org.admin.apiKey, "DELETE", `/membership/${member.membershipId}/`);
    assertOAuthError(await exchange(h, app, code), 400, "invalid_grant");
  });

  test("revoking an access token ends it alone; revoking a refresh token ends the grant", async () => {
    const { org, app } = await setUp();
    const tokens = tokensOf(
      await exchange(h, app, await approve(h.store, app, org.admin, h.clock.now())),
    );
    const renewed = tokensOf(await refresh(h, app, tokens.refresh_token));

    const revokeAccess = await oauthPost(h, "/oauth2/revoke/", { token: tokens.access_token }, app);
    assert.equal(revokeAccess.statusCode, 200, revokeAccess.body);
    assert.equal(revokeAccess.headers["cache-control"], "no-store");
    assert.equal(await bearerStatus(h, tokens.access_token), 401);
    assert.equal(await bearerStatus(h, renewed.access_token), 200);

    const revokeRefresh = await oauthPost(
      h,
      "/oauth2/revoke/",
      { token: renewed.refresh_token, token_type_hint: "refresh_token" },
      app,
      "post",
    );
    assert.equal(revokeRefresh.statusCode, 200);
    assert.equal(await bearerStatus(h, renewed.access_token), 401);
    assertOAuthError(await refresh(h, app, renewed.refresh_token), 400, "invalid_grant");

    // Again, and an unknown token: 200 all the same.
    for (const token of [renewed.refresh_token, "oa2rt_nonsense", "whatever"]) {
      const res = await oauthPost(h, "/oauth2/revoke/", { token }, app);
      assert.equal(res.statusCode, 200);
    }
  });

  test("another app cannot revoke or use an app's tokens", async () => {
    const { org, app } = await setUp();
    const intruder = await registerApp(h.store, org.id, h.clock.now());
    const tokens = tokensOf(
      await exchange(h, app, await approve(h.store, app, org.admin, h.clock.now())),
    );
    for (const token of [tokens.access_token, tokens.refresh_token]) {
      const res = await oauthPost(h, "/oauth2/revoke/", { token }, intruder);
      assert.equal(res.statusCode, 200);
    }
    assert.equal(await bearerStatus(h, tokens.access_token), 200);
    assertOAuthError(await refresh(h, intruder, tokens.refresh_token), 400, "invalid_grant");
    tokensOf(await refresh(h, app, tokens.refresh_token));
  });
});

describe("GET /.well-known/oauth-authorization-server", () => {
  test("describes the endpoints at the origin the request was made to", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: "/.well-known/oauth-authorization-server",
      headers: { host: "roster.test:8443" },
    });
    assert.equal(res.statusCode, 200);
    const metadata = res.json();
    assert.equal(metadata.issuer, "http://roster.test:8443");
    assert.equal(metadata.token_endpoint, "http://roster.test:8443/oauth2/token/");
    assert.deepEqual(metadata.code_challenge_methods_supported, ["S256"]);
    assert.deepEqual(metadata.grant_types_supported, ["authorization_code", "refresh_token"]);
  });
});
