import type { App, Services } from "../../http/types.ts";
import { authenticateClient } from "../../oauth/client-auth.ts";
import { revokeToken } from "../../oauth/grants.ts";
import { readFormParams, required } from "../../oauth/params.ts";

/**
 * `POST /oauth2/revoke/` (RFC 7009): the client revokes an access token (itself) or a refresh
 * token (its whole grant). A well-formed request is answered 200 whether or not the token
 * was known, so nothing is learned about other tokens.
 */
export function registerRevoke(app: App, { store, clock }: Services): void {
  app.post(
    "/oauth2/revoke/",
    { config: { oauthErrors: true }, schema: { hide: true } },
    async (request, reply) => {
      const params = readFormParams(request.body, ["token", "token_type_hint"]);
      const client = await authenticateClient(store.db, request);
      const token = required(params, "token");
      await store.write((tx) => revokeToken(tx, client.client_id, token, clock.now()));
      return reply.code(200).send();
    },
  );
}
