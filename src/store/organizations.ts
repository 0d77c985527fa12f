import { verifiedDomains } from "../domains/store.ts";
import { prepared } from "./prepared.ts";
import type { OrganizationRow } from "./schema.ts";
import { isPostgres, type Tx } from "./store.ts";

export interface Organization {
  id: string;
  name: string;
  created_by: string | null;
  updated_by: string | null;
  verified_email_domains: string[];
  restrict_new_users_to_verified_domains: boolean;
  date_created: string;
  date_updated: string;
}

/** `verified_email_domains` lists only proven domains: all a Close client may rely on. */
function organizationFromRow(row: OrganizationRow, verified: string[]): Organization {
  return {
    ...row,
    verified_email_domains: verified,
    restrict_new_users_to_verified_domains: row.restrict_new_users_to_verified_domains === 1,
  };
}

export async function findOrganization(tx: Tx, id: string): Promise<Organization | undefined> {
  const row = await tx
    .selectFrom("organizations")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && organizationFromRow(row, await verifiedDomains(tx, id));
}

/** Every organization, oldest first (the operator's `roster org list`). */
export async function listOrganizations(tx: Tx): Promise<Organization[]> {
  const rows = await tx
    .selectFrom("organizations")
    .selectAll()
    .orderBy("date_created")
    .orderBy("id")
    .execute();
  const organizations: Organization[] = [];
  for (const row of rows)
    organizations.push(organizationFromRow(row, await verifiedDomains(tx, row.id)));
  return organizations;
}

export async function insertOrganization(tx: Tx, row: OrganizationRow): Promise<void> {
  await tx.insertInto("organizations").values(row).execute();
}

export async function countOrganizations(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom("organizations")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Serializes the writers of one organization. Every unit that could break a cross-row rule
 * of the organization (the admin invariant) calls this first. On PostgreSQL it takes the
 * row lock (`FOR UPDATE`) until the transaction ends; on SQLite the unit already holds the
 * database write lock (`BEGIN IMMEDIATE`), so a plain read is enough.
 */
const lockQuery = prepared((tx: Tx, id: string) =>
  tx
    .selectFrom("organizations")
    .select("id")
    .where("id", "=", id)
    .$if(isPostgres(tx), (q) => q.forUpdate()),
);

export async function lockOrganization(tx: Tx, id: string): Promise<boolean> {
  const rows = await lockQuery(tx, id);
  return rows.length > 0;
}

export async function updateOrganizationRow(
  tx: Tx,
  id: string,
  changes: Partial<Omit<OrganizationRow, "id" | "date_created">>,
): Promise<void> {
  await tx.updateTable("organizations").set(changes).where("id", "=", id).execute();
}
