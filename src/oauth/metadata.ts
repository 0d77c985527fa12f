// Where Roster's OAuth 2.0 endpoints are, for clients that configure themselves (RFC 8414).
import type { FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import { OAUTH_SCOPES } from "./grants.ts";

/** The issuer: PUBLIC_URL, or the origin the request was made to. */
export function issuerOf(request: FastifyRequest, config: Config): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}

export function authorizationServerMetadata(issuer: string) {
  const clientAuth = ["client_secret_basic", "client_secret_post"];
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth2/authorize/`,
    token_endpoint: `${issuer}/oauth2/token/`,
    revocation_endpoint: `${issuer}/oauth2/revoke/`,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    token_endpoint_auth_methods_supported: clientAuth,
    revocation_endpoint_auth_methods_supported: clientAuth,
    code_challenge_methods_supported: ["S256"],
    scopes_supported: OAUTH_SCOPES,
  };
}
