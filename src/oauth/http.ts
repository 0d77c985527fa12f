// The OAuth 2.0 endpoints' shared HTTP setup: form bodies, RFC 6749 errors, no caching.
import formbody from "@fastify/formbody";
import { RosterError } from "../errors.ts";
import type { App, Services } from "../http/types.ts";
import { registerAuthorize } from "../routes/oauth2/authorize.ts";
import { registerAuthorizeDecision } from "../routes/oauth2/authorize-decision.ts";
import { registerRevoke } from "../routes/oauth2/revoke.ts";
import { registerToken } from "../routes/oauth2/token.ts";
import { registerAuthorizationServerMetadata } from "../routes/well-known/oauth-authorization-server.ts";

const OAUTH_ROUTES: Array<(app: App, services: Services) => void> = [
  registerAuthorize,
  registerAuthorizeDecision,
  registerToken,
  registerRevoke,
];

/**
 * Registers `/oauth2/*` in a scope of its own: there (and only there) request bodies are
 * `application/x-www-form-urlencoded` and anything else is `invalid_request` (the Close API
 * keeps answering 415 for non-JSON), and no response may be cached (RFC 6749 §5.1).
 */
export async function registerOAuthEndpoints(app: App, services: Services): Promise<void> {
  registerAuthorizationServerMetadata(app, services);
  await app.register(async (oauth: App) => {
    oauth.removeAllContentTypeParsers();
    await oauth.register(formbody);
    oauth.addContentTypeParser("*", { parseAs: "string" }, (_request, _body, done) => {
      done(
        new RosterError(
          "oauth_invalid_request",
          "The body must be application/x-www-form-urlencoded.",
        ),
        undefined,
      );
    });
    oauth.addHook("onRequest", async (_request, reply) => {
      reply.header("Cache-Control", "no-store");
      reply.header("Pragma", "no-cache");
    });
    for (const register of OAUTH_ROUTES) register(oauth, services);
  });
}
