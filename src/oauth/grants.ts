// OAuth 2.0 grants: the authorization code a consent gives, and the family of access and
// refresh tokens exchanged for it — single-use, rotating, and revoked as one.
import { createHash, timingSafeEqual } from "node:crypto";
import { newId, randomBase62 } from "../domain/ids.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import {
  createAccessToken,
  findCredential,
  hashSecret,
  revokeCredential,
  secretMatches,
  splitCredential,
} from "../store/credentials.ts";
import type { OAuthGrantRow } from "../store/schema.ts";
import { isPostgres, type Tx } from "../store/store.ts";
import { findActiveApp } from "./apps.ts";

/** Codes live 10 minutes (RFC 6749 §4.1.2 recommends at most that). */
export const CODE_LIFETIME_SECONDS = 600;

/** Every token grants all of the API, as Close's do. */
export const OAUTH_SCOPE = "all.full_access offline_access";
export const OAUTH_SCOPES = OAUTH_SCOPE.split(" ");

const CODE_PREFIX = "oa2code_";
const REFRESH_TOKEN_PREFIX = "oa2rt_";
const SECRET_LENGTH = 43;

/** The token endpoint's answer (Close's shape). */
export interface TokenSet {
  token_type: "Bearer";
  access_token: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
  organization_id: string;
  user_id: string;
}

/**
 * A code or refresh token presented again after its one use. The family is revoked by then,
 * and that must commit: so it is returned, not thrown (a throw rolls the unit back).
 */
export interface Replayed {
  replayed: true;
}

function invalidGrant(description: string): RosterError {
  return new RosterError("oauth_invalid_grant", description);
}

/** PKCE's S256 transform (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** A code verifier as RFC 7636 §4.1 allows it. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

function verifierMatches(verifier: string, challenge: string): boolean {
  const given = Buffer.from(s256(verifier));
  const expected = Buffer.from(challenge);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A person approved an app's request: a new grant with a single-use code, valid for
 * CODE_LIFETIME_SECONDS. The app and the membership are share-locked and checked, so a
 * concurrent app deletion or deactivation either sees this grant or makes this fail.
 */
export async function issueCode(
  tx: Tx,
  request: {
    clientId: string;
    membershipId: string;
    redirectUri: string;
    codeChallenge: string | null;
  },
  now: Date,
): Promise<string> {
  if (!(await findActiveApp(tx, request.clientId, true))) {
    throw new RosterError("bad_request", "This app no longer exists.");
  }
  const membership = await lockMembership(tx, request.membershipId);
  if (membership?.active !== 1) {
    throw new RosterError("unauthorized", "Your membership is not active.");
  }
  const code = CODE_PREFIX + randomBase62(SECRET_LENGTH);
  await tx
    .insertInto("oauth_grants")
    .values({
      id: newId("oauthGrant"),
      oauth_app_id: request.clientId,
      membership_id: request.membershipId,
      redirect_uri: request.redirectUri,
      code_challenge: request.codeChallenge,
      code_hash: hashSecret(code),
      code_expires_at: formatTimestamp(new Date(now.getTime() + CODE_LIFETIME_SECONDS * 1000)),
      code_used_at: null,
      date_created: formatTimestamp(now),
      date_revoked: null,
    })
    .execute();
  return code;
}

async function lockMembership(tx: Tx, membershipId: string) {
  return tx
    .selectFrom("memberships")
    .select(["id", "organization_id", "user_id", "active"])
    .where("id", "=", membershipId)
    .$if(isPostgres(tx), (q) => q.forShare())
    .executeTakeFirst();
}

/**
 * Takes the locks every change to a family takes, in one order (app, membership, grant), and
 * returns the grant as it is now. On PostgreSQL they serialize the family's exchanges,
 * refreshes and revocations, and make app deletion and member deactivation wait for (or be
 * seen by) a token being issued; SQLite serializes all writers anyway.
 */
async function lockFamily(tx: Tx, grant: OAuthGrantRow): Promise<OAuthGrantRow> {
  const app = await findActiveApp(tx, grant.oauth_app_id, true);
  const membership = await lockMembership(tx, grant.membership_id);
  const current = await tx
    .selectFrom("oauth_grants")
    .selectAll()
    .where("id", "=", grant.id)
    .$if(isPostgres(tx), (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  if (!app || membership?.active !== 1 || current.date_revoked !== null) {
    throw invalidGrant("The grant has been revoked.");
  }
  return current;
}

/** Revokes a grant and every access token of it; its refresh tokens die with the grant. */
export async function revokeFamily(tx: Tx, grantId: string, now: Date): Promise<void> {
  const stamp = formatTimestamp(now);
  await tx
    .updateTable("oauth_grants")
    .set({ date_revoked: stamp })
    .where("id", "=", grantId)
    .where("date_revoked", "is", null)
    .execute();
  await tx
    .updateTable("credentials")
    .set({ date_revoked: stamp })
    .where("oauth_grant_id", "=", grantId)
    .where("date_revoked", "is", null)
    .execute();
}

/** A new access token and refresh token of the grant. */
async function issueTokens(tx: Tx, grant: OAuthGrantRow, now: Date): Promise<TokenSet> {
  const membership = await tx
    .selectFrom("memberships")
    .select(["organization_id", "user_id"])
    .where("id", "=", grant.membership_id)
    .executeTakeFirstOrThrow();
  const access = await createAccessToken(
    tx,
    grant.membership_id,
    grant.oauth_app_id,
    now,
    grant.id,
  );
  const refreshToken = REFRESH_TOKEN_PREFIX + randomBase62(SECRET_LENGTH);
  await tx
    .insertInto("oauth_refresh_tokens")
    .values({
      token_hash: hashSecret(refreshToken),
      grant_id: grant.id,
      date_created: formatTimestamp(now),
      date_used: null,
    })
    .execute();
  return {
    token_type: "Bearer",
    access_token: access.token,
    expires_in: access.expiresIn,
    refresh_token: refreshToken,
    scope: OAUTH_SCOPE,
    organization_id: membership.organization_id,
    user_id: membership.user_id,
  };
}

/**
 * The `authorization_code` grant. The request is checked against the grant first (client,
 * expiry, redirect URI, PKCE): a request that fails them uses nothing up. Then the code is
 * claimed with `UPDATE … WHERE code_used_at IS NULL` under the grant's lock: exactly one
 * exchange wins; any later one revokes the tokens the first one got (RFC 6749 §4.1.2).
 */
export async function exchangeCode(
  tx: Tx,
  clientId: string,
  request: { code: string; redirectUri: string | undefined; codeVerifier: string | undefined },
  now: Date,
): Promise<TokenSet | Replayed> {
  const grant = request.code.startsWith(CODE_PREFIX)
    ? await tx
        .selectFrom("oauth_grants")
        .selectAll()
        .where("code_hash", "=", hashSecret(request.code))
        .executeTakeFirst()
    : undefined;
  // Another client's code is as unknown as a made-up one.
  if (!grant || grant.oauth_app_id !== clientId) {
    throw invalidGrant("The authorization code is invalid.");
  }
  if (grant.code_expires_at <= formatTimestamp(now)) {
    throw invalidGrant("The authorization code has expired.");
  }
  if (request.redirectUri !== grant.redirect_uri) {
    throw invalidGrant("redirect_uri does not match the one of the authorization request.");
  }
  if (grant.code_challenge !== null) {
    if (request.codeVerifier === undefined) throw invalidGrant("code_verifier is required.");
    if (
      !VERIFIER.test(request.codeVerifier) ||
      !verifierMatches(request.codeVerifier, grant.code_challenge)
    ) {
      throw invalidGrant("code_verifier does not match the code_challenge.");
    }
  } else if (request.codeVerifier !== undefined) {
    // A verifier for a code issued without a challenge: a PKCE downgrade (RFC 9700 §2.1.1).
    throw invalidGrant("The authorization request had no code_challenge.");
  }
  const locked = await lockFamily(tx, grant);
  const claimed = await tx
    .updateTable("oauth_grants")
    .set({ code_used_at: formatTimestamp(now) })
    .where("id", "=", locked.id)
    .where("code_used_at", "is", null)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) {
    await revokeFamily(tx, grant.id, now);
    return { replayed: true };
  }
  return issueTokens(tx, locked, now);
}

/**
 * The `refresh_token` grant: the token is used up (`UPDATE … WHERE date_used IS NULL`, under
 * the grant's lock) and a new pair issued. A token presented after its use revokes the family.
 */
export async function refreshTokens(
  tx: Tx,
  clientId: string,
  refreshToken: string,
  now: Date,
): Promise<TokenSet | Replayed> {
  const found = await findRefreshToken(tx, refreshToken);
  if (!found || found.grant.oauth_app_id !== clientId) {
    throw invalidGrant("The refresh token is invalid.");
  }
  const locked = await lockFamily(tx, found.grant);
  const claimed = await tx
    .updateTable("oauth_refresh_tokens")
    .set({ date_used: formatTimestamp(now) })
    .where("token_hash", "=", found.tokenHash)
    .where("date_used", "is", null)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) {
    await revokeFamily(tx, found.grant.id, now);
    return { replayed: true };
  }
  return issueTokens(tx, locked, now);
}

async function findRefreshToken(tx: Tx, token: string) {
  if (!token.startsWith(REFRESH_TOKEN_PREFIX)) return undefined;
  const tokenHash = hashSecret(token);
  const row = await tx
    .selectFrom("oauth_refresh_tokens")
    .select("grant_id")
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const grant = await tx
    .selectFrom("oauth_grants")
    .selectAll()
    .where("id", "=", row.grant_id)
    .executeTakeFirstOrThrow();
  return { tokenHash, grant };
}

/**
 * RFC 7009 revocation by the client the token was issued to: a refresh token ends its whole
 * grant; an access token ends itself. Anything else (unknown, another client's, already
 * revoked) changes nothing, and the caller answers 200 all the same.
 */
export async function revokeToken(
  tx: Tx,
  clientId: string,
  token: string,
  now: Date,
): Promise<void> {
  const refresh = await findRefreshToken(tx, token);
  if (refresh) {
    if (refresh.grant.oauth_app_id !== clientId) return;
    // Lock as every change to the family does; a family already revoked needs nothing more.
    await lockFamily(tx, refresh.grant).catch((error: unknown) => {
      if (!(error instanceof RosterError)) throw error;
    });
    await revokeFamily(tx, refresh.grant.id, now);
    return;
  }
  const parts = splitCredential(token);
  const credential = parts && (await findCredential(tx, "access_token", parts.id));
  if (
    parts &&
    credential?.oauth_app_id === clientId &&
    secretMatches(parts.secret, credential.secret_hash)
  ) {
    await revokeCredential(tx, credential.credential_id, now);
  }
}
