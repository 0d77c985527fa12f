import { RosterError } from "../../errors.ts";
import type { App, Services } from "../../http/types.ts";
import { authenticateClient } from "../../oauth/client-auth.ts";
import { exchangeCode, OAUTH_SCOPES, refreshTokens } from "../../oauth/grants.ts";
import { readFormParams, required } from "../../oauth/params.ts";
import { TokenSetSchema } from "../../schemas/oauth.ts";

const PARAMS = [
  "grant_type",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
  "scope",
] as const;

/**
 * `POST /oauth2/token/` (form-encoded): the `authorization_code` and `refresh_token` grants
 * for an authenticated client. A code or refresh token presented a second time is refused,
 * and its whole token family is revoked.
 */
export function registerToken(app: App, { store, clock }: Services): void {
  app.post(
    "/oauth2/token/",
    {
      config: { oauthErrors: true },
      schema: { hide: true, response: { 200: TokenSetSchema } },
    },
    async (request) => {
      const params = readFormParams(request.body, PARAMS);
      const client = await authenticateClient(store.db, request);
      const grantType = required(params, "grant_type");
      let result: Awaited<ReturnType<typeof exchangeCode>>;
      if (grantType === "authorization_code") {
        const code = required(params, "code");
        const redirectUri = required(params, "redirect_uri");
        result = await store.write((tx) =>
          exchangeCode(
            tx,
            client.client_id,
            { code, redirectUri, codeVerifier: params.code_verifier },
            clock.now(),
          ),
        );
      } else if (grantType === "refresh_token") {
        const refreshToken = required(params, "refresh_token");
        // A refresh may narrow the scope, never widen it; every token has all of it.
        const unknown = (params.scope ?? "")
          .split(" ")
          .filter((s) => s && !OAUTH_SCOPES.includes(s));
        if (unknown.length > 0) {
          throw new RosterError("oauth_invalid_scope", `Unknown scope: ${unknown.join(" ")}.`);
        }
        result = await store.write((tx) =>
          refreshTokens(tx, client.client_id, refreshToken, clock.now()),
        );
      } else {
        throw new RosterError(
          "oauth_unsupported_grant_type",
          "grant_type must be authorization_code or refresh_token.",
        );
      }
      if ("replayed" in result) {
        throw new RosterError(
          "oauth_invalid_grant",
          grantType === "authorization_code"
            ? "The authorization code has already been used; the tokens issued for it are revoked."
            : "The refresh token has already been used; every token of its grant is revoked.",
        );
      }
      return result;
    },
  );
}
