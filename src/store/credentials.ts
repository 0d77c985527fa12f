import { createHash, timingSafeEqual } from "node:crypto";
import { newId, randomBase62 } from "../domain/ids.ts";
import { formatTimestamp } from "../domain/time.ts";
import { customRolePermissions } from "./memberships.ts";
import { prepared } from "./prepared.ts";
import type { CredentialRow } from "./schema.ts";
import { isPostgres, type Tx } from "./store.ts";

/**
 * API keys and access tokens share one shape: `<id>.<secret>`. The ID finds the row; the
 * secret (43 base62 characters, ~256 bits) is stored only as its SHA-256 and compared in
 * constant time. The full credential is returned once, at creation.
 */
const SECRET_LENGTH = 43;

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function splitCredential(credential: string): { id: string; secret: string } | undefined {
  const dot = credential.indexOf(".");
  if (dot <= 0 || credential.length > 200) return undefined;
  // IDs are a prefix and base62: anything else names no row (and a NUL would upset PostgreSQL).
  if (!/^[A-Za-z0-9_]+$/.test(credential.slice(0, dot))) return undefined;
  return { id: credential.slice(0, dot), secret: credential.slice(dot + 1) };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

async function insertCredential(
  tx: Tx,
  fields: Pick<
    CredentialRow,
    "kind" | "membership_id" | "oauth_app_id" | "oauth_grant_id" | "expires_at"
  >,
  now: Date,
  chosen?: { id: string; secret: string },
): Promise<{ id: string; credential: string }> {
  const id = chosen?.id ?? newId(fields.kind === "api_key" ? "apiKey" : "accessToken");
  const secret = chosen?.secret ?? randomBase62(SECRET_LENGTH);
  await tx
    .insertInto("credentials")
    .values({
      id,
      ...fields,
      secret_hash: hashSecret(secret),
      date_created: formatTimestamp(now),
      date_revoked: null,
    })
    .execute();
  return { id, credential: `${id}.${secret}` };
}

/**
 * An API key for the membership. `value` (test fixtures: a key known before the server starts)
 * is stored exactly like a generated one: the ID in clear, the secret hashed.
 */
export async function createApiKey(tx: Tx, membershipId: string, now: Date, value?: string) {
  const chosen = value === undefined ? undefined : splitCredential(value);
  if (value !== undefined && chosen === undefined)
    throw new Error("not an API key: expected <id>.<secret>");
  const { id, credential } = await insertCredential(
    tx,
    {
      kind: "api_key",
      membership_id: membershipId,
      oauth_app_id: null,
      oauth_grant_id: null,
      expires_at: null,
    },
    now,
    chosen,
  );
  return { id, key: credential };
}

export async function createAccessToken(
  tx: Tx,
  membershipId: string,
  oauthAppId: string,
  now: Date,
  /** The OAuth grant (token family) the token belongs to; null for `roster token create`. */
  oauthGrantId: string | null = null,
) {
  const expires = new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
  const { id, credential } = await insertCredential(
    tx,
    {
      kind: "access_token",
      membership_id: membershipId,
      oauth_app_id: oauthAppId,
      oauth_grant_id: oauthGrantId,
      expires_at: formatTimestamp(expires),
    },
    now,
  );
  return { id, token: credential, expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS };
}

/** Returns false when there is no such unrevoked credential. */
export async function revokeCredential(tx: Tx, id: string, now: Date): Promise<boolean> {
  const result = await tx
    .updateTable("credentials")
    .set({ date_revoked: formatTimestamp(now) })
    .where("id", "=", id)
    .where("date_revoked", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A credential's ID and dates: what may be shown of it (never its secret or hash). */
export interface CredentialListing {
  id: string;
  date_created: string;
  date_revoked: string | null;
}

/** The API keys of a membership, oldest first, revoked ones included. */
export async function listApiKeysOfMembership(
  tx: Tx,
  membershipId: string,
): Promise<CredentialListing[]> {
  return tx
    .selectFrom("credentials")
    .select(["id", "date_created", "date_revoked"])
    .where("membership_id", "=", membershipId)
    .where("kind", "=", "api_key")
    .orderBy("date_created")
    .orderBy("id")
    .execute();
}

/** One credential's ID and dates, whatever its state. */
export async function findCredentialListing(
  tx: Tx,
  id: string,
): Promise<CredentialListing | undefined> {
  return tx
    .selectFrom("credentials")
    .select(["id", "date_created", "date_revoked"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The OAuth app that tokens issued by the CLI are bound to, created on first use. */
export async function ensureCliOAuthApp(tx: Tx, now: Date): Promise<string> {
  const name = "Roster CLI";
  const existing = await tx
    .selectFrom("oauth_apps")
    .select("id")
    .where("name", "=", name)
    .where("client_secret_hash", "is", null)
    .executeTakeFirst();
  if (existing) return existing.id;
  const id = newId("oauthApp");
  await tx
    .insertInto("oauth_apps")
    .values({
      id,
      name,
      client_secret_hash: null,
      redirect_uris: "[]",
      date_created: formatTimestamp(now),
      organization_id: null,
      date_deleted: null,
    })
    .execute();
  return id;
}

/** What authenticating reads of a credential and its membership. */
function credentialWithMembership(tx: Tx, kind: string, id: string) {
  return tx
    .selectFrom("credentials as c")
    .innerJoin("memberships as m", "m.id", "c.membership_id")
    .select([
      "c.id as credential_id",
      "c.secret_hash",
      "c.date_revoked",
      "c.expires_at",
      "c.oauth_app_id",
      "m.id as membership_id",
      "m.active",
      "m.organization_id",
      "m.user_id",
      "m.role_id",
    ])
    .where("c.id", "=", id)
    .where("c.kind", "=", kind as CredentialRow["kind"]);
}

const credentialQuery = prepared((tx: Tx, kind: string, id: string) =>
  credentialWithMembership(tx, kind, id)
    .leftJoin("roles as r", (join) =>
      join.onRef("r.id", "=", "m.role_id").onRef("r.organization_id", "=", "m.organization_id"),
    )
    .select("r.permissions as custom_role_permissions"),
);

/** A credential with what authenticating needs of its membership and role. */
type CredentialRecord = Awaited<ReturnType<typeof credentialQuery>>[number];

/** The credential and its membership row alone, the membership share-locked (PostgreSQL). */
const lockedCredentialQuery = prepared((tx: Tx, kind: string, id: string) =>
  credentialWithMembership(tx, kind, id).forShare("m"),
);

/**
 * One query per request: the credential, its membership and the membership's custom role.
 *
 * `inUnit`: read inside a write's transaction, as that write's authoritative check of its actor
 * (instead of a credential lookup before it and a re-read of the actor inside it). On
 * PostgreSQL the membership row stays share-locked until the transaction ends, so the actor
 * cannot be demoted or deactivated while the write is in flight; as in `findMembership`, the
 * locked row is read without a join, and a custom role's permissions by a statement of their
 * own after the lock. SQLite serializes writers, so its read needs no lock.
 */
export async function findCredential(
  tx: Tx,
  kind: CredentialRow["kind"],
  id: string,
  inUnit = false,
): Promise<CredentialRecord | undefined> {
  if (!inUnit || !isPostgres(tx)) {
    const [row] = await credentialQuery(tx, kind, id);
    return row;
  }
  const [row] = (await lockedCredentialQuery(tx, kind, id)) as Omit<
    CredentialRecord,
    "custom_role_permissions"
  >[];
  if (!row) return undefined;
  return {
    ...row,
    custom_role_permissions: await customRolePermissions(tx, row.organization_id, row.role_id),
  };
}

/**
 * Revokes every credential of a membership (it left the organization), and its OAuth grants,
 * so no refresh token of theirs works again. Grants first: a token exchange in flight holds
 * its grant's lock, so this waits for it, and the credential update below then sees the
 * access token it issued.
 */
export async function revokeCredentialsOfMembership(
  tx: Tx,
  membershipId: string,
  now: Date,
): Promise<void> {
  await tx
    .updateTable("oauth_grants")
    .set({ date_revoked: formatTimestamp(now) })
    .where("membership_id", "=", membershipId)
    .where("date_revoked", "is", null)
    .execute();
  await tx
    .updateTable("credentials")
    .set({ date_revoked: formatTimestamp(now) })
    .where("membership_id", "=", membershipId)
    .where("date_revoked", "is", null)
    .execute();
}
