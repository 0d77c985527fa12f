import type { App, Services } from "../../http/types.ts";
import { authorizationServerMetadata, issuerOf } from "../../oauth/metadata.ts";
import { AuthorizationServerMetadataSchema } from "../../schemas/oauth.ts";

/** `GET /.well-known/oauth-authorization-server` (RFC 8414): where the OAuth endpoints are. */
export function registerAuthorizationServerMetadata(app: App, { config }: Services): void {
  app.get(
    "/.well-known/oauth-authorization-server",
    { schema: { hide: true, response: { 200: AuthorizationServerMetadataSchema } } },
    async (request) => authorizationServerMetadata(issuerOf(request, config)),
  );
}
