import type { FastifyRequest } from "fastify";
import type { Actor } from "../domain/actor.ts";
import { assertGranted, type Permission } from "../domain/permissions.ts";
import type { Clock } from "../domain/time.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import { findCredential, secretMatches, splitCredential } from "../store/credentials.ts";
import { storedRolePermissions } from "../store/memberships.ts";
import type { Store, Tx } from "../store/store.ts";

/** Who is calling: one membership, through one credential. */
export interface Principal {
  /** Read inside the unit of work the request writes in (see `authenticateInUnit`). */
  readInUnit?: boolean;
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

/** An `Authorization` header's credential, parsed (not yet looked up). */
export interface DeferredCredential {
  kind: "api_key" | "access_token";
  credential: string;
}

function parseAuthorization(header: string | undefined): DeferredCredential {
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
  return principalOfCredential(store.db, clock, { kind, credential }, false);
}

/** See `verifyCredential`; `inUnit`: read inside a write's transaction (`findCredential`). */
async function principalOfCredential(
  tx: Tx,
  clock: Clock,
  { kind, credential }: DeferredCredential,
  inUnit: boolean,
): Promise<Principal> {
  const parts = splitCredential(credential);
  const record = parts && (await findCredential(tx, kind, parts.id, inUnit));
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
    readInUnit: inUnit,
  };
}

/**
 * The hot write path's authentication: instead of a credential lookup before the unit of work
 * and a re-read of the actor inside it, one statement inside the unit does both (and on
 * PostgreSQL share-locks the actor's membership; see `findCredential`). Only a route that
 * asks for it (`config.authInUnit`, it writes through `safeWrite`), with a plain request to
 * it (an `Authorization` header; no If-Match, Idempotency-Key or dry run, whose steps need
 * the caller before the unit), and when no per-credential rate limit needs the caller first.
 * A malformed header is still refused here, at once. Returns whether the check was deferred.
 */
export function deferCredential(request: FastifyRequest): boolean {
  const header = request.headers.authorization;
  if (!request.routeOptions.config.authInUnit || header === undefined) return false;
  const { headers } = request;
  if (headers["if-match"] !== undefined || headers["idempotency-key"] !== undefined) return false;
  if ((request.query as { dry_run?: unknown } | undefined)?.dry_run !== undefined) return false;
  request.deferredCredential = parseAuthorization(header);
  return true;
}

/**
 * Inside the unit of work: checks a deferred credential (401), then the route's permission
 * (403), and makes the caller the request's principal. Nothing to do for a request that was
 * authenticated before.
 */
export async function authenticateInUnit(
  tx: Tx,
  clock: Clock,
  request: FastifyRequest,
): Promise<void> {
  const deferred = request.deferredCredential;
  if (!deferred) return;
  // Every attempt reads afresh: PostgreSQL reruns a unit that lost a race (deadlock,
  // serialization failure), and what the lost attempt read was rolled back with it.
  request.principal = null;
  const principal = await principalOfCredential(tx, clock, deferred, true);
  const permission = request.routeOptions.config.permission;
  if (permission) assertGranted(principal.permissions, permission);
  request.principal = principal;
}

/**
 * An error answered before the unit ran (a body that fails validation, an unsupported media
 * type, ...) to a request whose credential was deferred: the credential and the permission are
 * checked first, so such a request is answered 401 or 403 exactly as if it had been
 * authenticated on arrival. Returns the error to answer.
 */
export async function credentialErrorFirst(
  store: Store,
  clock: Clock,
  request: FastifyRequest,
  error: Error,
): Promise<Error> {
  const deferred = request.deferredCredential;
  // Checked already: the unit authenticated the caller, and the error is the unit's own.
  if (!deferred || request.principal) return error;
  try {
    const principal = await principalOfCredential(store.db, clock, deferred, false);
    const permission = request.routeOptions.config.permission;
    if (permission) assertGranted(principal.permissions, permission);
    request.principal = principal;
    return error;
  } catch (credentialError) {
    return credentialError as Error;
  }
}

/** The authenticated caller of a request under `/api/v1` (the auth hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new RosterError("unauthorized", INVALID);
  return request.principal;
}

/** The actor that a request's writes and events are attributed to. */
export function actorOf(request: FastifyRequest): Actor {
  const principal = principalOf(request);
  const query = request.url.indexOf("?");
  return {
    organizationId: principal.organizationId,
    userId: principal.userId,
    membershipId: principal.membershipId,
    permissions: principal.readInUnit ? principal.permissions : undefined,
    apiKeyId: principal.apiKeyId,
    oauthAppId: principal.oauthAppId,
    requestId: request.id,
    requestMethod: request.method,
    requestPath: query < 0 ? request.url : request.url.slice(0, query),
  };
}
