// The checks of an authorization request (RFC 6749 §4.1.1, RFC 7636): which problems may be
// reported back to the app by redirect, and which must never redirect anywhere.
import type { Tx } from "../store/store.ts";
import { findActiveApp, type OAuthApp } from "./apps.ts";
import { OAUTH_SCOPES } from "./grants.ts";
import { ParamError, readParams } from "./params.ts";

export const AUTHORIZE_PARAMS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "state",
  "scope",
  "code_challenge",
  "code_challenge_method",
] as const;

/** A well-formed request from a known app to one of its redirect URIs. */
export interface AuthorizeRequest {
  app: OAuthApp;
  redirectUri: string;
  state: string | undefined;
  codeChallenge: string | null;
}

export type AuthorizeCheck =
  | { ok: true; request: AuthorizeRequest }
  /** The client or redirect URI is not trusted: show the person an error, redirect nowhere. */
  | { ok: false; page: string }
  /** The app is known and the redirect URI its own: tell the app (RFC 6749 §4.1.2.1). */
  | { ok: false; redirect: string };

/** An S256 challenge is base64url of 32 bytes: 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** `redirectUri` with the given parameters added to its query (any it has are kept). */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>) {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.toString();
}

/**
 * Checks an authorization request (the query of GET /oauth2/authorize/, or the consent form
 * that repeats it). The client and redirect URI come first: until both are known to belong
 * together, nothing may redirect (no open redirect).
 */
export async function checkAuthorizeRequest(tx: Tx, source: unknown): Promise<AuthorizeCheck> {
  const target = await trustedTarget(tx, source);
  if ("page" in target) return target;
  const fail = (error: string, description: string, state: string | undefined): AuthorizeCheck => ({
    ok: false,
    redirect: redirectWith(target.redirectUri, { error, error_description: description, state }),
  });
  let params: Record<(typeof AUTHORIZE_PARAMS)[number], string | undefined>;
  try {
    params = readParams(source, AUTHORIZE_PARAMS);
  } catch (error) {
    if (!(error instanceof ParamError)) throw error;
    // A repeated state cannot be echoed back; any other can.
    const state = error.param === "state" ? undefined : readParams(source, ["state"]).state;
    return fail("invalid_request", error.message, state);
  }
  const { state } = params;
  if (params.response_type === undefined) {
    return fail("invalid_request", "response_type is required.", state);
  }
  if (params.response_type !== "code") {
    return fail("unsupported_response_type", "response_type must be code.", state);
  }
  const unknownScopes = (params.scope ?? "")
    .split(" ")
    .filter((scope) => scope !== "" && !OAUTH_SCOPES.includes(scope));
  if (unknownScopes.length > 0) {
    return fail("invalid_scope", `Unknown scope: ${unknownScopes.join(" ")}.`, state);
  }
  if (params.code_challenge === undefined && params.code_challenge_method !== undefined) {
    return fail("invalid_request", "code_challenge_method without code_challenge.", state);
  }
  if (params.code_challenge !== undefined) {
    if (params.code_challenge_method !== "S256") {
      return fail(
        "invalid_request",
        "code_challenge_method must be S256 (plain is not accepted).",
        state,
      );
    }
    if (!S256_CHALLENGE.test(params.code_challenge)) {
      return fail("invalid_request", "code_challenge must be 43 base64url characters.", state);
    }
  }
  return {
    ok: true,
    request: { ...target, state, codeChallenge: params.code_challenge ?? null },
  };
}

/** The app and redirect URI, once the URI is one of the app's registered ones exactly. */
async function trustedTarget(
  tx: Tx,
  source: unknown,
): Promise<{ app: OAuthApp; redirectUri: string } | { ok: false; page: string }> {
  let params: { client_id: string | undefined; redirect_uri: string | undefined };
  try {
    params = readParams(source, ["client_id", "redirect_uri"]);
  } catch (error) {
    if (error instanceof ParamError) return { ok: false, page: error.message };
    throw error;
  }
  const { client_id: clientId, redirect_uri: redirectUri } = params;
  if (clientId === undefined) return { ok: false, page: "The request names no app (client_id)." };
  const app = /^[A-Za-z0-9_]{1,200}$/.test(clientId)
    ? await findActiveApp(tx, clientId)
    : undefined;
  if (!app) return { ok: false, page: "The app of this request (client_id) is not known." };
  if (redirectUri === undefined) return { ok: false, page: "The request names no redirect_uri." };
  if (!app.redirect_uris.includes(redirectUri)) {
    return { ok: false, page: "The redirect_uri is not registered for this app." };
  }
  return { app, redirectUri };
}
