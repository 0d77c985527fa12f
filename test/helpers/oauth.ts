import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { createApp } from "../../src/oauth/apps.ts";
import { issueCode, s256, type TokenSet } from "../../src/oauth/grants.ts";
import type { Store } from "../../src/store/store.ts";
import type { Harness, Member } from "./harness.ts";

/**
 * OAuth 2.0 as the tests drive it: apps registered and consents given through the same code
 * the CLI and the consent form use, token requests sent as a client sends them.
 */

export const REDIRECT_URI = "https://app.example/callback";

export interface TestApp {
  clientId: string;
  clientSecret: string;
}

export async function registerApp(
  store: Store,
  organizationId: string,
  now: Date,
  redirectUris: string[] = [REDIRECT_URI],
): Promise<TestApp> {
  const created = await store.write((tx) =>
    createApp(tx, { organizationId, name: "Test Integration", redirectUris }, now),
  );
  return { clientId: created.client_id, clientSecret: created.client_secret };
}

/** A PKCE pair: a random verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: s256(verifier) };
}

/** What approving the consent page does: a code for `member`. */
export async function approve(
  store: Store,
  app: TestApp,
  member: Pick<Member, "membershipId">,
  now: Date,
  options: { redirectUri?: string; codeChallenge?: string } = {},
): Promise<string> {
  return store.write((tx) =>
    issueCode(
      tx,
      {
        clientId: app.clientId,
        membershipId: member.membershipId,
        redirectUri: options.redirectUri ?? REDIRECT_URI,
        codeChallenge: options.codeChallenge ?? null,
      },
      now,
    ),
  );
}

export function clientBasic(app: TestApp): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString("base64")}`;
}

/** A form-encoded POST to an OAuth endpoint; `auth: "basic"` sends the client in the header. */
export function oauthPost(
  h: Harness,
  path: "/oauth2/token/" | "/oauth2/revoke/",
  form: Record<string, string | string[]>,
  app?: TestApp,
  auth: "basic" | "post" = "basic",
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const item of [value].flat()) body.append(name, item);
  }
  if (app && auth === "post") {
    body.append("client_id", app.clientId);
    body.append("client_secret", app.clientSecret);
  }
  return h.app.inject({
    method: "POST",
    url: path,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(app && auth === "basic" ? { authorization: clientBasic(app) } : {}),
    },
    payload: body.toString(),
  });
}

export function exchange(
  h: Harness,
  app: TestApp,
  code: string,
  extra: Record<string, string> = {},
  auth: "basic" | "post" = "basic",
) {
  return oauthPost(
    h,
    "/oauth2/token/",
    { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, ...extra },
    app,
    auth,
  );
}

export function refresh(h: Harness, app: TestApp, refreshToken: string) {
  return oauthPost(
    h,
    "/oauth2/token/",
    { grant_type: "refresh_token", refresh_token: refreshToken },
    app,
  );
}

export function tokensOf(res: LightMyRequestResponse): TokenSet {
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as TokenSet;
}

/** An RFC 6749 error: the status, the `error` code, a description, nothing else, no caching. */
export function assertOAuthError(res: LightMyRequestResponse, status: number, error: string) {
  assert.equal(res.statusCode, status, res.body);
  const body = res.json() as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ["error", "error_description"], res.body);
  assert.equal(body.error, error, res.body);
  assert.equal(typeof body.error_description, "string");
  assert.equal(res.headers["cache-control"], "no-store");
  if (error === "invalid_client") assert.match(String(res.headers["www-authenticate"]), /^Basic /);
}

/** `GET /api/v1/me/` with a Bearer token: its status. */
export async function bearerStatus(h: Harness, accessToken: string): Promise<number> {
  const res = await h.app.inject({
    method: "GET",
    url: "/api/v1/me/",
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return res.statusCode;
}
