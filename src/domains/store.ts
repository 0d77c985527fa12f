// An organization's email domains as stored: each one `pending` (with its token) or `verified`.
import { sql } from "kysely";
import type { EmailDomainRow } from "../store/schema.ts";
import { isPostgres, type Tx } from "../store/store.ts";

export type EmailDomain = EmailDomainRow;

export async function listDomains(tx: Tx, organizationId: string): Promise<EmailDomain[]> {
  return tx
    .selectFrom("email_domains")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("domain")
    .execute();
}

export async function findDomain(
  tx: Tx,
  organizationId: string,
  domain: string,
): Promise<EmailDomain | undefined> {
  return tx
    .selectFrom("email_domains")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("domain", "=", domain)
    .executeTakeFirst();
}

/** The domains the organization has proven it owns: all membership create accepts. */
export async function verifiedDomains(tx: Tx, organizationId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom("email_domains")
    .select("domain")
    .where("organization_id", "=", organizationId)
    .where("status", "=", "verified")
    .orderBy("domain")
    .execute();
  return rows.map((row) => row.domain);
}

export async function insertDomains(tx: Tx, rows: EmailDomainRow[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto("email_domains").values(rows).execute();
}

export async function deleteDomains(
  tx: Tx,
  organizationId: string,
  domains: readonly string[],
): Promise<void> {
  if (domains.length === 0) return;
  await tx
    .deleteFrom("email_domains")
    .where("organization_id", "=", organizationId)
    .where("domain", "in", [...domains])
    .execute();
}

/**
 * Serializes every unit that verifies `domain`, whatever the organization, until the
 * transaction ends, so "verified by at most one organization" is checked and written as one
 * step. SQLite writers are serialized already; on PostgreSQL a transaction-scoped advisory
 * lock keyed by the domain does it (the unique index stays the last line of defence).
 */
export async function lockDomain(tx: Tx, domain: string): Promise<void> {
  if (!isPostgres(tx)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`roster-domain:${domain}`}, 0))`.execute(
    tx,
  );
}

/** The organization that has verified `domain`, if any. */
export async function verifiedBy(tx: Tx, domain: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom("email_domains")
    .select("organization_id")
    .where("domain", "=", domain)
    .where("status", "=", "verified")
    .executeTakeFirst();
  return row?.organization_id;
}

export async function markVerified(
  tx: Tx,
  organizationId: string,
  domain: string,
  stamp: string,
): Promise<void> {
  await tx
    .updateTable("email_domains")
    .set({ status: "verified", date_verified: stamp })
    .where("organization_id", "=", organizationId)
    .where("domain", "=", domain)
    .execute();
}
