// Sessions as stored: one row per signed-in browser, found by the SHA-256 of its cookie.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { RosterError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import type { Tx } from "../store/store.ts";

export interface SessionRow {
  /** SHA-256 (hex) of the cookie's secret; the secret itself is never stored. */
  token_hash: string;
  membership_id: string;
  /** The API key the person signed in with: revoking it ends the session. */
  api_key_id: string;
  date_created: string;
  last_used_at: string;
}

type SessionDb = Kysely<Database & { sessions: SessionRow }>;

function withSessions(tx: Tx): SessionDb {
  return tx.withTables<{ sessions: SessionRow }>();
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function insertSession(tx: Tx, row: SessionRow): Promise<void> {
  await withSessions(tx).insertInto("sessions").values(row).execute();
}

/**
 * The session, the key it was made with, its membership and that membership's custom role,
 * in one query: every request re-reads them, so a revoked key or a deactivated member stops
 * working at once in every process.
 */
export async function findSession(tx: Tx, tokenHash: string) {
  return withSessions(tx)
    .selectFrom("sessions as s")
    .innerJoin("credentials as c", "c.id", "s.api_key_id")
    .innerJoin("memberships as m", "m.id", "s.membership_id")
    .leftJoin("roles as r", (join) =>
      join.onRef("r.id", "=", "m.role_id").onRef("r.organization_id", "=", "m.organization_id"),
    )
    .select([
      "s.last_used_at",
      "s.api_key_id",
      "c.date_revoked",
      "m.id as membership_id",
      "m.active",
      "m.organization_id",
      "m.user_id",
      "m.role_id",
      "r.permissions as custom_role_permissions",
    ])
    .where("s.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function touchSession(tx: Tx, tokenHash: string, at: string): Promise<void> {
  await withSessions(tx)
    .updateTable("sessions")
    .set({ last_used_at: at })
    .where("token_hash", "=", tokenHash)
    .execute();
}

export async function deleteSession(tx: Tx, tokenHash: string): Promise<void> {
  await withSessions(tx).deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

/** Ends every session of a membership; returns how many there were. */
export async function deleteSessionsOfMembership(tx: Tx, membershipId: string): Promise<number> {
  const result = await withSessions(tx)
    .deleteFrom("sessions")
    .where("membership_id", "=", membershipId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Sessions idle since before `cutoff` are dead already; this only reclaims their rows. */
export async function deleteIdleSessions(tx: Tx, cutoff: string): Promise<number> {
  const result = await withSessions(tx)
    .deleteFrom("sessions")
    .where("last_used_at", "<", cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** `roster session revoke`: ends every session of a membership that exists, else 404. */
export async function revokeSessionsOfMembership(tx: Tx, membershipId: string): Promise<number> {
  const membership = await tx
    .selectFrom("memberships")
    .select("id")
    .where("id", "=", membershipId)
    .executeTakeFirst();
  if (!membership) throw new RosterError("not_found", "Membership does not exist.");
  return deleteSessionsOfMembership(tx, membershipId);
}
