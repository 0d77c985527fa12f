// OAuth 2.0 apps (clients): registered by an operator for an organization, authenticated by
// their client secret, and deleted with every token they hold.
import { newId, randomBase62 } from "../domain/ids.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import { hashSecret, secretMatches } from "../store/credentials.ts";
import { findOrganization } from "../store/organizations.ts";
import type { OAuthAppRow } from "../store/schema.ts";
import { isPostgres, type Tx } from "../store/store.ts";

export interface OAuthApp {
  client_id: string;
  name: string;
  organization_id: string;
  redirect_uris: string[];
  date_created: string;
}

/** Schemes a browser must never be redirected to, whatever an app registers. */
const FORBIDDEN_SCHEMES = new Set(["javascript:", "data:", "vbscript:", "file:", "blob:"]);

const NAME_MAX = 200;
const REDIRECT_URIS_MAX = 20;
const REDIRECT_URI_MAX_LENGTH = 2000;

/**
 * Why a redirect URI cannot be registered, or undefined when it can: an absolute URI
 * (`https:`, `http:` for local development, or an app's own scheme) without a fragment
 * (RFC 6749 §3.1.2). Authorization requests must then name it exactly.
 */
export function redirectUriProblem(uri: string): string | undefined {
  if (uri.length > REDIRECT_URI_MAX_LENGTH) return "is too long";
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "is not an absolute URI";
  }
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `may not use the ${url.protocol} scheme`;
  if (uri.includes("#")) return "may not have a fragment";
  // URL parsing drops tabs and newlines silently; the exact string is what must match later.
  if ([...uri].some((ch) => ch.charCodeAt(0) <= 0x20 || ch.charCodeAt(0) === 0x7f)) {
    return "may not contain spaces or control characters";
  }
  return undefined;
}

function appFromRow(row: OAuthAppRow): OAuthApp {
  return {
    client_id: row.id,
    name: row.name,
    organization_id: row.organization_id ?? "",
    redirect_uris: JSON.parse(row.redirect_uris) as string[],
    date_created: row.date_created,
  };
}

/**
 * Registers an app for an organization. The client secret is returned once; only its
 * SHA-256 is stored.
 */
export async function createApp(
  tx: Tx,
  input: { organizationId: string; name: string; redirectUris: readonly string[] },
  now: Date,
): Promise<{ client_id: string; client_secret: string }> {
  if (!(await findOrganization(tx, input.organizationId))) {
    throw RosterError.notFound("Organization");
  }
  const name = input.name.trim();
  if (name === "") throw RosterError.validation({ name: "This field may not be blank." });
  if (name.length > NAME_MAX) {
    throw RosterError.validation({
      name: `Ensure this field has no more than ${NAME_MAX} characters.`,
    });
  }
  const redirectUris = [...new Set(input.redirectUris)];
  if (redirectUris.length === 0) {
    throw RosterError.validation({ redirect_uri: "At least one redirect URI is required." });
  }
  if (redirectUris.length > REDIRECT_URIS_MAX) {
    throw RosterError.validation({
      redirect_uri: `At most ${REDIRECT_URIS_MAX} redirect URIs.`,
    });
  }
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw RosterError.validation({ redirect_uri: `${uri} ${problem}.` });
  }
  const clientId = newId("oauthApp");
  const clientSecret = randomBase62(43);
  await tx
    .insertInto("oauth_apps")
    .values({
      id: clientId,
      name,
      client_secret_hash: hashSecret(clientSecret),
      redirect_uris: JSON.stringify(redirectUris),
      date_created: formatTimestamp(now),
      organization_id: input.organizationId,
      date_deleted: null,
    })
    .execute();
  return { client_id: clientId, client_secret: clientSecret };
}

/** Registered apps that are not deleted (of one organization, if given), oldest first. */
export async function listApps(tx: Tx, organizationId?: string): Promise<OAuthApp[]> {
  const rows = await tx
    .selectFrom("oauth_apps")
    .selectAll()
    .where("organization_id", "is not", null)
    .where("date_deleted", "is", null)
    .$if(organizationId !== undefined, (q) =>
      q.where("organization_id", "=", organizationId as string),
    )
    .orderBy("date_created")
    .orderBy("id")
    .execute();
  return rows.map(appFromRow);
}

/**
 * An app that may take part in the flow: registered (not the CLI's own), not deleted.
 * With `lock` (PostgreSQL), the row stays share-locked until the transaction ends, so the
 * app cannot be deleted between this check and the tokens issued under it.
 */
export async function findActiveApp(
  tx: Tx,
  clientId: string,
  lock = false,
): Promise<OAuthApp | undefined> {
  const row = await tx
    .selectFrom("oauth_apps")
    .selectAll()
    .where("id", "=", clientId)
    .$if(lock && isPostgres(tx), (q) => q.forShare())
    .executeTakeFirst();
  if (!row || row.date_deleted !== null || row.organization_id === null) return undefined;
  return appFromRow(row);
}

/** The app whose client ID and secret these are, or undefined. The secret is compared in constant time. */
export async function authenticateApp(
  tx: Tx,
  clientId: string,
  clientSecret: string,
): Promise<OAuthApp | undefined> {
  if (clientId.length > 200 || !/^[A-Za-z0-9_]+$/.test(clientId)) return undefined;
  const row = await tx
    .selectFrom("oauth_apps")
    .selectAll()
    .where("id", "=", clientId)
    .executeTakeFirst();
  if (!row || row.date_deleted !== null || row.organization_id === null) return undefined;
  if (!row.client_secret_hash || !secretMatches(clientSecret, row.client_secret_hash)) {
    return undefined;
  }
  return appFromRow(row);
}

/**
 * Deletes an app: it can no longer authenticate, and every grant and access token it holds
 * is revoked in the same transaction, so its tokens stop working at once. The app row is
 * locked first (token exchanges share-lock it), then grants before access tokens (see
 * `revokeCredentialsOfMembership`).
 */
export async function deleteApp(tx: Tx, clientId: string, now: Date): Promise<void> {
  const row = await tx
    .selectFrom("oauth_apps")
    .select(["id", "date_deleted", "organization_id"])
    .where("id", "=", clientId)
    .$if(isPostgres(tx), (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row || row.date_deleted !== null || row.organization_id === null) {
    throw RosterError.notFound("OAuth app");
  }
  const stamp = formatTimestamp(now);
  await tx
    .updateTable("oauth_apps")
    .set({ date_deleted: stamp })
    .where("id", "=", clientId)
    .execute();
  await tx
    .updateTable("oauth_grants")
    .set({ date_revoked: stamp })
    .where("oauth_app_id", "=", clientId)
    .where("date_revoked", "is", null)
    .execute();
  await tx
    .updateTable("credentials")
    .set({ date_revoked: stamp })
    .where("oauth_app_id", "=", clientId)
    .where("date_revoked", "is", null)
    .execute();
}
