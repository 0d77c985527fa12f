import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as oauth from "oauth4webapi";
import { consentWithoutBrowser } from "./helpers/consent.ts";
import { createOrg, type Org, useHarness } from "./helpers/harness.ts";
import { REDIRECT_URI, registerApp, type TestApp } from "./helpers/oauth.ts";

/**
 * The whole authorization-code flow driven by a real OAuth client library (oauth4webapi),
 * configured by discovery, over a real socket: PKCE, the consent, the code exchange, a
 * membership update with the Bearer token, refresh, the update again with the refreshed
 * token, and revocation.
 */

const h = useHarness();
const insecure = { [oauth.allowInsecureRequests]: true } as const;

describe("an OAuth client library against Roster", () => {
  let issuer: URL;
  let org: Org;
  let registered: TestApp;
  let as: oauth.AuthorizationServer;
  let member: { membershipId: string };

  before(async () => {
    const address = await h.app.listen({ host: "127.0.0.1", port: 0 });
    issuer = new URL(address);
    org = await createOrg(h, "Flow Org");
    registered = await registerApp(h.store, org.id, h.clock.now());
    as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: "oauth2", ...insecure }),
    );
  });

  async function authorize(client: oauth.Client, decision: "approve" | "deny" = "approve") {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint as string);
    url.searchParams.set("client_id", client.client_id);
    url.searchParams.set("redirect_uri", REDIRECT_URI);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("scope", "all.full_access offline_access");
    url.searchParams.set("state", state);
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set("code_challenge_method", "S256");
    const callback = await consentWithoutBrowser(url, org.admin.apiKey, decision);
    return { callback, state, verifier };
  }

  async function putMembership(accessToken: string, body: unknown) {
    const res = await oauth.protectedResourceRequest(
      accessToken,
      "PUT",
      new URL(`/api/v1/membership/${member.membershipId}/`, issuer),
      new Headers({ "content-type": "application/json" }),
      JSON.stringify(body),
      insecure,
    );
    return { status: res.status, body: await res.json() };
  }

  test("discovery, PKCE, consent, code, membership update, refresh, update, revoke", async () => {
    member = await org.add("user");
    assert.equal(as.issuer, issuer.href.replace(/\/$/, ""));
    assert.deepEqual(as.code_challenge_methods_supported, ["S256"]);

    const client: oauth.Client = { client_id: registered.clientId };
    const clientAuth = oauth.ClientSecretBasic(registered.clientSecret);
    const { callback, state, verifier } = await authorize(client);
    assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI);
    const params = oauth.validateAuthResponse(as, client, callback, state);

    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        params,
        REDIRECT_URI,
        verifier,
        insecure,
      ),
    );
    assert.equal(tokens.token_type, "bearer"); // oauth4webapi lower-cases it
    assert.equal(tokens.expires_in, 3600);
    assert.equal(tokens.scope, "all.full_access offline_access");
    assert.equal(tokens.organization_id, org.id);
    assert.equal(tokens.user_id, org.admin.userId);

    const first = await putMembership(tokens.access_token, { role_id: "superuser" });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.role_id, "superuser");

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(
        as,
        client,
        clientAuth,
        tokens.refresh_token as string,
        insecure,
      ),
    );
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
    const second = await putMembership(refreshed.access_token, {
      auto_record_calls: "enabled",
    });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.auto_record_calls, "enabled");

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(
        as,
        client,
        clientAuth,
        refreshed.refresh_token as string,
        insecure,
      ),
    );
    // A revoked token: 401 with a Bearer challenge, which the library raises.
    await assert.rejects(
      putMembership(refreshed.access_token, { role_id: "user" }),
      (error: unknown) =>
        error instanceof oauth.WWWAuthenticateChallengeError &&
        error.status === 401 &&
        error.cause.some((challenge) => challenge.scheme === "bearer"),
    );
    await assert.rejects(
      async () =>
        oauth.processRefreshTokenResponse(
          as,
          client,
          await oauth.refreshTokenGrantRequest(
            as,
            client,
            clientAuth,
            refreshed.refresh_token as string,
            insecure,
          ),
        ),
      (error: unknown) =>
        error instanceof oauth.ResponseBodyError && error.error === "invalid_grant",
    );
  });

  test("client_secret_post, and a denied request comes back as access_denied", async () => {
    const client: oauth.Client = {
      client_id: registered.clientId,
      token_endpoint_auth_method: "client_secret_post",
    };
    const clientAuth = oauth.ClientSecretPost(registered.clientSecret);
    const approved = await authorize(client);
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        oauth.validateAuthResponse(as, client, approved.callback, approved.state),
        REDIRECT_URI,
        approved.verifier,
        insecure,
      ),
    );
    assert.equal(tokens.organization_id, org.id);

    const denied = await authorize(client, "deny");
    assert.equal(denied.callback.searchParams.get("error"), "access_denied");
    assert.equal(denied.callback.searchParams.get("state"), denied.state);
    assert.equal(denied.callback.searchParams.get("code"), null);
    assert.throws(
      () => oauth.validateAuthResponse(as, client, denied.callback, denied.state),
      (error: unknown) => error instanceof oauth.AuthorizationResponseError,
    );
  });
});
