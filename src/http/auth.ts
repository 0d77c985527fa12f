import type { FastifyRequest } from "fastify";
import type { Actor } from "../domain/actor.ts";
import type { Permission } from "../domain/permissions.ts";
import type { Clock } from "../domain/time.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import { findCredential, secretMatches, splitCredential } from "../store/credentials.ts";
import { storedRolePermissions } from "../store/memberships.ts";
import type { Store } from "../store/store.ts";

/** Who is calling: one membership, through one credential. */
export interface Principal {
  userId: string;
  organizationId: string;
  membershipId: string;
  roleId: string;
  permissions: readonly Permission[];
  apiKeyId: string | null;
  oauthAppId: string | null;
}

/** Every failure gets the same answer, so a caller learns nothing about which part was wrong. */
const INVALID = "Invalid or missing credentials.";

function parseAuthorization(header: string | undefined): {
  kind: "api_key" | "access_token";
  credential: string;
} {
  if (!header)
    throw new RosterError(
      "unauthorized",
      "Authentication required: use your API key as the HTTP Basic username.",
    );
  const space = header.indexOf(" ");
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (space > 0 && scheme === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    // The key is the username; Close ignores the password.
    return { kind: "api_key", credential: colon >= 0 ? decoded.slice(0, colon) : decoded };
  }
  if (space > 0 && scheme === "bearer") return { kind: "access_token", credential: value };
  throw new RosterError("unauthorized", INVALID);
}

/**
 * Resolves the `Authorization` header to a principal, or throws 401. Read fresh from the
 * store on every request: a revoked key, an expired token or a deactivated membership stops
 * working at once, in every process that shares the database.
 */
export async function authenticate(
  store: Store,
  clock: Clock,
  header: string | undefined,
): Promise<Principal> {
  const { kind, credential } = parseAuthorization(header);
  return verifyCredential(store, clock, kind, credential);
}

/**
 * Another way in, for browsers: a session cookie resolved to a principal, or null when the
 * request carries none. Consulted only when the request has no `Authorization` header.
 */
export type SessionAuthenticator = (request: FastifyRequest) => Promise<Principal | null>;

/** The caller of an `/api/v1` request: its `Authorization` header, else its session, else 401. */
export async function authenticateRequest(
  store: Store,
  clock: Clock,
  request: FastifyRequest,
  session: SessionAuthenticator,
): Promise<Principal> {
  const header = request.headers.authorization;
  const fromSession = header === undefined ? await session(request) : null;
  return fromSession ?? authenticate(store, clock, header);
}

/** An API key or access token (`<id>.<secret>`) resolved to its principal, or 401. */
export async function verifyCredential(
  store: Store,
  clock: Clock,
  kind: "api_key" | "access_token",
  credential: string,
): Promise<Principal> {
  const parts = splitCredential(credential);
  const record = parts && (await findCredential(store.db, kind, parts.id));
  if (!parts || !record || !secretMatches(parts.secret, record.secret_hash)) {
    throw new RosterError("unauthorized", INVALID);
  }
  if (record.date_revoked !== null)
    throw new RosterError("unauthorized", "This credential has been revoked.");
  if (record.expires_at !== null && record.expires_at <= formatTimestamp(clock.now())) {
    throw new RosterError("unauthorized", "This access token has expired.");
  }
  if (record.active !== 1) throw new RosterError("unauthorized", "This membership is inactive.");
  return {
    userId: record.user_id,
    organizationId: record.organization_id,
    membershipId: record.membership_id,
    roleId: record.role_id,
    permissions: storedRolePermissions(record.role_id, record.custom_role_permissions),
    apiKeyId: kind === "api_key" ? record.credential_id : null,
    oauthAppId: record.oauth_app_id,
  };
}

/** The authenticated caller of a request under `/api/v1` (the auth hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new RosterError("unauthorized", INVALID);
  return request.principal;
}

/** The actor that a request's writes and events are attributed to. */
export function actorOf(request: FastifyRequest): Actor {
  const principal = principalOf(request);
  return {
    organizationId: principal.organizationId,
    userId: principal.userId,
    membershipId: principal.membershipId,
    apiKeyId: principal.apiKeyId,
    oauthAppId: principal.oauthAppId,
    requestId: request.id,
    requestMethod: request.method,
    requestPath: request.url.split("?")[0] ?? request.url,
  };
}
