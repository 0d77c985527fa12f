import { isIdOf } from "../domain/ids.ts";
import type { UserRow } from "./schema.ts";
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

/** Users with an active membership in the organization. */
function usersOfOrganization(tx: Tx, organizationId: string) {
  return tx
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .selectAll("users")
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
    .orderBy(`users.${first}`)
    .orderBy(`users.${second}`)
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
