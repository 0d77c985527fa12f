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

export async function findUsers(tx: Tx, ids: readonly string[]): Promise<Map<string, User>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom("users").selectAll().where("id", "in", ids).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export async function insertUser(tx: Tx, row: UserRow): Promise<void> {
  await tx
    .insertInto("users")
    .values({ ...row, email: row.email.toLowerCase() })
    .execute();
}
