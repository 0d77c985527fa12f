import { sql } from "kysely";
import { isIdOf, newId } from "../domain/ids.ts";
import {
  type Permission,
  PREDEFINED_ROLE_SLUGS,
  PREDEFINED_ROLES,
  sortPermissions,
} from "../domain/permissions.ts";
import { formatTimestamp } from "../domain/time.ts";
import type { RoleRow } from "./schema.ts";
import type { Tx } from "./store.ts";

export interface Role {
  id: string;
  organization_id: string;
  /** The predefined role's slug, or null for a custom role. */
  slug: string | null;
  name: string;
  editable: boolean;
  permissions: Permission[];
  visibility_user_lcf_ids: string[] | null;
  visibility_user_lcf_behavior: string | null;
  date_created: string;
  date_updated: string;
}

export function roleFromRow(row: RoleRow): Role {
  return {
    id: row.id,
    organization_id: row.organization_id,
    slug: row.slug,
    name: row.name,
    editable: row.editable === 1,
    permissions: sortPermissions(JSON.parse(row.permissions) as string[]),
    visibility_user_lcf_ids: row.visibility_user_lcf_ids
      ? (JSON.parse(row.visibility_user_lcf_ids) as string[])
      : null,
    visibility_user_lcf_behavior: row.visibility_user_lcf_behavior,
    date_created: row.date_created,
    date_updated: row.date_updated,
  };
}

export async function findRole(
  tx: Tx,
  organizationId: string,
  id: string,
): Promise<Role | undefined> {
  if (!isIdOf("role", id)) return undefined;
  const row = await tx
    .selectFrom("roles")
    .selectAll()
    .where("id", "=", id)
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  return row && roleFromRow(row);
}

/** Every new organization gets the four predefined roles as objects of its own (docs/compatibility.md, Permissions and roles). */
export async function insertPredefinedRoles(
  tx: Tx,
  organizationId: string,
  now: Date,
): Promise<void> {
  const stamp = formatTimestamp(now);
  await tx
    .insertInto("roles")
    .values(
      PREDEFINED_ROLE_SLUGS.map((slug) => ({
        id: newId("role"),
        organization_id: organizationId,
        slug,
        name: PREDEFINED_ROLES[slug].name,
        name_key: PREDEFINED_ROLES[slug].name.toLowerCase(),
        editable: 0,
        permissions: JSON.stringify(PREDEFINED_ROLES[slug].permissions),
        visibility_user_lcf_ids: null,
        visibility_user_lcf_behavior: null,
        date_created: stamp,
        date_updated: stamp,
      })),
    )
    .execute();
}

export async function insertRole(tx: Tx, row: RoleRow): Promise<void> {
  await tx.insertInto("roles").values(row).execute();
}

/** Sorts the predefined roles first, in catalogue order (admin … restricteduser). */
const PREDEFINED_FIRST = sql<number>`case ${sql.ref("slug")} ${sql.join(
  PREDEFINED_ROLE_SLUGS.map((slug, index) => sql`when ${sql.lit(slug)} then ${sql.lit(index)}`),
  sql` `,
)} else ${sql.lit(PREDEFINED_ROLE_SLUGS.length)} end`;

/** Roles of an organization, predefined first (in catalogue order), then custom by creation. */
export async function listRoles(
  tx: Tx,
  organizationId: string,
  offset: number,
  limit: number,
): Promise<Role[]> {
  const rows = await tx
    .selectFrom("roles")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy(PREDEFINED_FIRST)
    .orderBy("date_created")
    .orderBy("id")
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map(roleFromRow);
}

export async function roleNameTaken(
  tx: Tx,
  organizationId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const row = await tx
    .selectFrom("roles")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("name_key", "=", name.toLowerCase())
    .$if(exceptId !== undefined, (q) => q.where("id", "!=", exceptId as string))
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateRoleRow(
  tx: Tx,
  id: string,
  changes: Partial<Omit<RoleRow, "id" | "organization_id" | "slug">>,
): Promise<void> {
  await tx.updateTable("roles").set(changes).where("id", "=", id).execute();
}

export async function deleteRoleRow(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom("roles").where("id", "=", id).execute();
}

/** Memberships (active or not) on a role, by its stored reference (slug or custom ID). */
export async function countMembershipsOnRole(
  tx: Tx,
  organizationId: string,
  roleRef: string,
): Promise<number> {
  const row = await tx
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("organization_id", "=", organizationId)
    .where("role_id", "=", roleRef)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
