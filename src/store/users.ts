import { type ExpressionBuilder, sql } from "kysely";
import { isIdOf } from "../domain/ids.ts";
import type { Database, MembershipRow, UserRow } from "./schema.ts";
import type { Tx } from "./store.ts";

export type User = UserRow;

export async function findUser(tx: Tx, id: string): Promise<User | undefined> {
  return tx.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Emails are stored lower-cased; look them up the same way. */
export async function findUserByEmail(tx: Tx, email: string): Promise<User | undefined> {
  return tx
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

/**
 * Inserts a user unless one with the email exists (another transaction may have committed it
 * since the caller looked): callers read the user back by email.
 */
export async function insertUser(tx: Tx, row: UserRow): Promise<void> {
  await tx
    .insertInto("users")
    .values({ ...row, email: row.email.toLowerCase() })
    .onConflict((oc) => oc.column("email").doNothing())
    .execute();
}

export const USER_ORDERS = ["first_name,last_name", "last_name,first_name"] as const;
export type UserOrder = (typeof USER_ORDERS)[number];

/**
 * A user as one organization sees them, from the user joined with their membership there:
 * the email (which the organization enrolled), the names the organization gave them, and the
 * membership's date as `date_created`/`date_updated` (when the organization came to know
 * them). Nothing another organization set: not its names, not when the account began.
 * Every place that shows a user to an organization selects these columns.
 */
export function organizationUserColumns(eb: ExpressionBuilder<Database, "users" | "memberships">) {
  return [
    eb.ref("users.id").as("id"),
    eb.ref("users.email").as("email"),
    eb.ref("memberships.user_first_name").as("first_name"),
    eb.ref("memberships.user_last_name").as("last_name"),
    sql<string | null>`null`.as("image"),
    eb.ref("memberships.date_created").as("date_created"),
    eb.ref("memberships.date_created").as("date_updated"),
  ] as const;
}

/** The same user as `organizationUserColumns` gives, from a membership row already read. */
export function organizationUser(
  membership: Pick<
    MembershipRow,
    "user_id" | "user_first_name" | "user_last_name" | "date_created"
  >,
  email: string,
): User {
  return {
    id: membership.user_id,
    email,
    first_name: membership.user_first_name,
    last_name: membership.user_last_name,
    image: null,
    date_created: membership.date_created,
    date_updated: membership.date_created,
  };
}

/** Users with an active membership in the organization, as it sees them. */
function usersOfOrganization(tx: Tx, organizationId: string) {
  return tx
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .select(organizationUserColumns)
    .where("memberships.organization_id", "=", organizationId)
    .where("memberships.active", "=", 1);
}

export async function listUsersOfOrganization(
  tx: Tx,
  organizationId: string,
  order: UserOrder,
  offset: number,
  limit: number,
): Promise<User[]> {
  const [first, second] = order.split(",") as [
    "first_name" | "last_name",
    "first_name" | "last_name",
  ];
  return usersOfOrganization(tx, organizationId)
    .orderBy(`memberships.user_${first}`)
    .orderBy(`memberships.user_${second}`)
    .orderBy("users.id")
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function findUserInOrganization(
  tx: Tx,
  organizationId: string,
  userId: string,
): Promise<User | undefined> {
  if (!isIdOf("user", userId)) return undefined;
  return usersOfOrganization(tx, organizationId).where("users.id", "=", userId).executeTakeFirst();
}
