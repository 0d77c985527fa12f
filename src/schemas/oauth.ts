import { Type } from "typebox";

/** The token endpoint's answer, exactly Close's (RFC 6749 §5.1 plus the organization and user). */
export const TokenSetSchema = Type.Object({
  token_type: Type.Literal("Bearer"),
  access_token: Type.String(),
  expires_in: Type.Integer(),
  refresh_token: Type.String(),
  scope: Type.String(),
  organization_id: Type.String(),
  user_id: Type.String(),
});

/** RFC 8414 authorization server metadata. */
export const AuthorizationServerMetadataSchema = Type.Object({
  issuer: Type.String(),
  authorization_endpoint: Type.String(),
  token_endpoint: Type.String(),
  revocation_endpoint: Type.String(),
  response_types_supported: Type.Array(Type.String()),
  response_modes_supported: Type.Array(Type.String()),
  grant_types_supported: Type.Array(Type.String()),
  token_endpoint_auth_methods_supported: Type.Array(Type.String()),
  revocation_endpoint_auth_methods_supported: Type.Array(Type.String()),
  code_challenge_methods_supported: Type.Array(Type.String()),
  scopes_supported: Type.Array(Type.String()),
});
