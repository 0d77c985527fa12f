import { type CompiledQuery, type Selectable, sql } from "kysely";
import { isIdOf, newId } from "../domain/ids.ts";
import { type Membership, permissionsOfRole } from "../domain/memberships.ts";
import {
  isPredefinedRoleSlug,
  MANAGE_ORGANIZATION,
  type Permission,
} from "../domain/permissions.ts";
import { type Prepared, prepared, runCompiled } from "./prepared.ts";
import type { MembershipRow } from "./schema.ts";
import { isPostgres, type Tx } from "./store.ts";
import { organizationUser, organizationUserColumns, type User } from "./users.ts";

type MembershipWithRole = Selectable<MembershipRow> & { custom_role_permissions: string | null };

/** A stored role reference's permissions, given its custom role's stored list (if any). */
export function storedRolePermissions(
  roleId: string,
  customRolePermissions: string | null,
): Permission[] {
  return permissionsOfRole(
    roleId,
    customRolePermissions ? (JSON.parse(customRolePermissions) as string[]) : null,
  );
}

export function membershipFromRow(row: MembershipWithRole): Membership {
  return {
    id: row.id,
    user_id: row.user_id,
    organization_id: row.organization_id,
    role_id: row.role_id,
    role: row.role_id,
    permissions_granted: storedRolePermissions(row.role_id, row.custom_role_permissions),
    auto_record_calls: row.auto_record_calls as Membership["auto_record_calls"],
    default_caller_id: row.default_caller_id,
    default_caller_id_mode: row.default_caller_id_mode as Membership["default_caller_id_mode"],
    hangup_recording_url: row.hangup_recording_url,
    may_workflows_impersonate: row.may_workflows_impersonate === 1,
    track_email_opens: row.track_email_opens === 1,
    primary_personal_number: row.primary_personal_number,
    is_free: row.is_free === 1,
    onboarding_status: row.onboarding_status,
    date_created: row.date_created,
    date_updated: row.date_updated,
    active: row.active === 1,
  };
}

/** Memberships joined with their custom role (if any), ready for `membershipFromRow`. */
export function selectMemberships(tx: Tx) {
  return tx
    .selectFrom("memberships")
    .leftJoin("roles", (join) =>
      join
        .onRef("roles.id", "=", "memberships.role_id")
        .onRef("roles.organization_id", "=", "memberships.organization_id"),
    )
    .selectAll("memberships")
    .select("roles.permissions as custom_role_permissions");
}

const membershipQuery = prepared((tx: Tx, organizationId: string, id: string) =>
  selectMemberships(tx)
    .where("memberships.id", "=", id)
    .where("memberships.organization_id", "=", organizationId),
);

/** The membership row alone, locked: no join, so the row read is the one locked (below). */
function lockedMembershipQuery(lock: "share" | "update") {
  return prepared((tx: Tx, organizationId: string, id: string) => {
    const query = tx
      .selectFrom("memberships")
      .selectAll()
      .where("id", "=", id)
      .where("organization_id", "=", organizationId);
    return lock === "share" ? query.forShare() : query.forUpdate();
  });
}

const LOCKED_MEMBERSHIP = {
  share: lockedMembershipQuery("share"),
  update: lockedMembershipQuery("update"),
};

const customRolePermissionsQuery = prepared((tx: Tx, organizationId: string, roleId: string) =>
  tx
    .selectFrom("roles")
    .select("permissions")
    .where("id", "=", roleId)
    .where("organization_id", "=", organizationId),
);

/**
 * One membership of an organization. `lock` (PostgreSQL only; SQLite writers are serialized
 * anyway) keeps the row share- or update-locked until the transaction ends.
 *
 * A locked read selects the membership row alone. A locking SELECT that had to wait for a
 * concurrent writer re-reads the newest version of the row it locks, but keeps any row it
 * joined as it was before the wait (READ COMMITTED's EvalPlanQual): joined with its role, it
 * could report the new `role_id` with the old role's permissions — an admin without any. So a
 * custom role's permissions are read by a statement of their own, after the lock; the
 * predefined roles (the common case) need no second statement.
 */
export async function findMembership(
  tx: Tx,
  organizationId: string,
  id: string,
  lock?: "share" | "update",
): Promise<Membership | undefined> {
  // What is not shaped like a membership ID names none (and a NUL would upset PostgreSQL).
  if (!isIdOf("membership", id)) return undefined;
  if (lock === undefined || !isPostgres(tx)) {
    const [row] = await membershipQuery(tx, organizationId, id);
    return row && membershipFromRow(row);
  }
  const [row] = await LOCKED_MEMBERSHIP[lock](tx, organizationId, id);
  if (!row) return undefined;
  return membershipFromRow({
    ...row,
    custom_role_permissions: await customRolePermissions(tx, organizationId, row.role_id),
  });
}

/** A stored role reference's custom role permissions (JSON text); null for a predefined role. */
export async function customRolePermissions(
  tx: Tx,
  organizationId: string,
  roleId: string,
): Promise<string | null> {
  if (isPredefinedRoleSlug(roleId)) return null;
  const [custom] = await customRolePermissionsQuery(tx, organizationId, roleId);
  return custom?.permissions ?? null;
}

/**
 * An organization's memberships with their users, in one query (for the organization object,
 * which nests every member's user).
 */
export async function listMembershipsWithUsers(
  tx: Tx,
  organizationId: string,
): Promise<Array<{ membership: Membership; user: User }>> {
  const rows = await selectMemberships(tx)
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.email as user_email")
    .where("memberships.organization_id", "=", organizationId)
    .orderBy("memberships.date_created")
    .orderBy("memberships.id")
    .execute();
  return rows.map((row) => ({
    membership: membershipFromRow(row),
    user: organizationUser(row, row.user_email),
  }));
}

export async function listMembershipsOfUser(tx: Tx, userId: string): Promise<Membership[]> {
  const rows = await selectMemberships(tx)
    .where("memberships.user_id", "=", userId)
    .orderBy("memberships.date_created")
    .orderBy("memberships.id")
    .execute();
  return rows.map(membershipFromRow);
}

export async function insertMembership(tx: Tx, row: MembershipRow): Promise<void> {
  await tx.insertInto("memberships").values(row).execute();
}

type MembershipChanges = Partial<Omit<MembershipRow, "id" | "organization_id" | "user_id">>;

/** The UPDATE of each set of changed columns, compiled once (the columns are few). */
const updatesByColumns = new Map<string, Prepared<[id: string, ...values: unknown[]], unknown>>();

/** The UPDATE of a membership's changed columns, compiled with its values (`runCompiled`). */
export function membershipRowUpdate(
  tx: Tx,
  id: string,
  changes: MembershipChanges,
): CompiledQuery<unknown> {
  const columns = Object.keys(changes).sort() as (keyof MembershipChanges)[];
  const shape = columns.join(",");
  let update = updatesByColumns.get(shape);
  if (!update) {
    update = prepared((tx: Tx, id: string, ...values: unknown[]) =>
      tx
        .updateTable("memberships")
        .set(Object.fromEntries(columns.map((column, i) => [column, values[i]])))
        .where("id", "=", id),
    );
    updatesByColumns.set(shape, update);
  }
  return update.compiled(tx, id, ...columns.map((column) => changes[column]));
}

export async function updateMembershipRow(
  tx: Tx,
  id: string,
  changes: MembershipChanges,
): Promise<void> {
  await runCompiled(tx, membershipRowUpdate(tx, id, changes));
}

/**
 * Whether any active membership's role grants `manage_organization`: the admin invariant.
 * The roles that grant it are few (`admin` and the custom roles carrying the slug), so the
 * (organization_id, role_id) index finds a holder without walking the organization.
 */
export async function hasActiveAdmin(tx: Tx, organizationId: string): Promise<boolean> {
  const customAdminRoles = await tx
    .selectFrom("roles")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("slug", "is", null)
    .where("permissions", "like", `%"${MANAGE_ORGANIZATION}"%`)
    .execute();
  const row = await tx
    .selectFrom("memberships")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("role_id", "in", ["admin", ...customAdminRoles.map((role) => role.id)])
    .where("active", "=", 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Memberships of one organization by ID; IDs of other organizations are simply absent. */
export async function findMemberships(
  tx: Tx,
  organizationId: string,
  ids: readonly string[],
  lock?: "update",
): Promise<Map<string, Membership>> {
  if (ids.length === 0) return new Map();
  if (lock !== undefined && isPostgres(tx)) {
    // Lock first (in ID order), read after: see `findMembership`.
    await tx
      .selectFrom("memberships")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("id", "in", ids)
      .orderBy("id")
      .forUpdate()
      .execute();
  }
  const rows = await selectMemberships(tx)
    .where("memberships.organization_id", "=", organizationId)
    .where("memberships.id", "in", ids)
    .execute();
  return new Map(rows.map((row) => [row.id, membershipFromRow(row)]));
}

export async function findMembershipOfUser(
  tx: Tx,
  organizationId: string,
  userId: string,
): Promise<Membership | undefined> {
  const row = await selectMemberships(tx)
    .where("memberships.organization_id", "=", organizationId)
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
  return row && membershipFromRow(row);
}

export interface MembershipFilter {
  /** The stored role reference: a slug or a custom role's ID. */
  roleId?: string;
  userId?: string;
  active?: boolean;
  /** Case-insensitive substring of the member's email or full name. */
  query?: string;
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listMemberships(
  tx: Tx,
  organizationId: string,
  filter: MembershipFilter,
  offset: number,
  limit: number,
): Promise<Membership[]> {
  const rows = await selectMemberships(tx)
    .where("memberships.organization_id", "=", organizationId)
    .$if(filter.roleId !== undefined, (q) =>
      q.where("memberships.role_id", "=", filter.roleId as string),
    )
    .$if(filter.userId !== undefined, (q) =>
      q.where("memberships.user_id", "=", filter.userId as string),
    )
    .$if(filter.active !== undefined, (q) =>
      q.where("memberships.active", "=", filter.active ? 1 : 0),
    )
    .$if(filter.query !== undefined, (q) => {
      const pattern = containsPattern(filter.query as string);
      // The names searched are the ones this organization gave (never another's).
      return q.where((eb) =>
        eb.or([
          eb(
            "memberships.user_id",
            "in",
            eb
              .selectFrom("users")
              .select("users.id")
              .where(sql`lower(users.email)`, "like", sql`${pattern} escape '\\'`),
          ),
          eb(
            sql`lower(memberships.user_first_name || ' ' || memberships.user_last_name)`,
            "like",
            sql`${pattern} escape '\\'`,
          ),
        ]),
      );
    })
    .orderBy("memberships.date_created")
    .orderBy("memberships.id")
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map(membershipFromRow);
}

export async function findPinnedViews(
  tx: Tx,
  organizationId: string,
  id: string,
): Promise<string[] | undefined> {
  if (!isIdOf("membership", id)) return undefined;
  const row = await tx
    .selectFrom("memberships")
    .select("pinned_view_ids")
    .where("id", "=", id)
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  return row && (JSON.parse(row.pinned_view_ids) as string[]);
}

/** A new active membership's row, with the documented defaults (the one place they are written; docs/compatibility.md, Memberships). */
export function newMembershipRow(
  organizationId: string,
  userId: string,
  roleId: string,
  stamp: string,
  names: { firstName?: string; lastName?: string } = {},
): MembershipRow {
  return {
    id: newId("membership"),
    organization_id: organizationId,
    user_id: userId,
    role_id: roleId,
    active: 1,
    auto_record_calls: "unset",
    default_caller_id: null,
    default_caller_id_mode: "fixed",
    hangup_recording_url: null,
    may_workflows_impersonate: 0,
    track_email_opens: 1,
    primary_personal_number: null,
    is_free: 0,
    onboarding_status: "in-progress",
    pinned_view_ids: "[]",
    user_first_name: names.firstName ?? "",
    user_last_name: names.lastName ?? "",
    date_created: stamp,
    date_updated: stamp,
  };
}

/** The users behind a page of the organization's memberships, by ID (the list's `_expand=user`), as it sees them. */
export async function findUsersByIds(
  tx: Tx,
  organizationId: string,
  ids: readonly string[],
): Promise<Map<string, User>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .select(organizationUserColumns)
    .where("memberships.organization_id", "=", organizationId)
    .where("users.id", "in", [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}
