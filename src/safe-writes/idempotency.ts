// Idempotency keys: the stored answer of a keyed write, written in the write's own transaction.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import type { IdempotencyKeyRow } from "../store/schema.ts";
import { isPostgres, type Tx } from "../store/store.ts";
import { canonicalJson } from "./etag.ts";

/** How long a stored answer is kept and replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Keys are 1 to 255 printable ASCII characters (space through tilde). */
const KEY_FORM = /^[\x20-\x7e]{1,255}$/;

/** Whose key it is: a key means something only to the user who sent it, in one organization. */
export interface KeyScope {
  organizationId: string;
  userId: string;
  key: string;
}

/** The `Idempotency-Key` header, checked; undefined when it was not sent. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== "string" || !KEY_FORM.test(header)) {
    throw new RosterError(
      "bad_request",
      "Idempotency-Key must be one header of 1 to 255 printable ASCII characters.",
    );
  }
  return header;
}

/**
 * What makes two requests "the same" for a key: method, path (trailing slash aside), query
 * (with `_params` already merged in, so both spellings agree) and body, canonically ordered.
 */
export function fingerprintOf(method: string, path: string, query: unknown, body: unknown): string {
  const normalizedPath = path.length > 1 ? path.replace(/\/$/, "") : path;
  return createHash("sha256")
    .update(
      `${method} ${normalizedPath}\n${canonicalJson(query ?? {})}\n${canonicalJson(body ?? null)}`,
    )
    .digest("hex");
}

/**
 * Holds the key for the rest of the transaction, or answers 409 when another request with it
 * is running right now. On PostgreSQL that is a transaction-scoped advisory lock, taken
 * without waiting, so it holds across every instance on the database and dies with the
 * transaction (a crash cannot leave a key stuck). SQLite runs one writer at a time: a second
 * request with the key runs after the first has finished, and finds its answer.
 */
export async function holdKey(tx: Tx, scope: KeyScope): Promise<void> {
  if (!isPostgres(tx)) return;
  const digest = createHash("sha256")
    .update(`${scope.organizationId}\n${scope.userId}\n${scope.key}`)
    .digest();
  const { rows } = await sql<{
    held: boolean;
  }>`select pg_try_advisory_xact_lock(${digest.readInt32BE(0)}, ${digest.readInt32BE(4)}) as held`.execute(
    tx,
  );
  if (!rows[0]?.held) {
    throw new RosterError(
      "idempotency_in_flight",
      "A request with this Idempotency-Key is still being processed. Retry once it has finished.",
    );
  }
}

function scoped(tx: Tx, scope: KeyScope) {
  return tx
    .selectFrom("idempotency_keys")
    .where("organization_id", "=", scope.organizationId)
    .where("user_id", "=", scope.userId)
    .where("idempotency_key", "=", scope.key);
}

/** The answer stored under the key, unless it has expired. */
export async function findStoredAnswer(
  tx: Tx,
  scope: KeyScope,
  now: Date,
): Promise<IdempotencyKeyRow | undefined> {
  const row = await scoped(tx, scope).selectAll().executeTakeFirst();
  return row && row.expires_at > formatTimestamp(now) ? row : undefined;
}

/**
 * Stores the answer under the key, in the transaction of the write it answers: both commit,
 * or neither. The user's expired keys (this one too, if it had expired) go first.
 */
export async function storeAnswer(
  tx: Tx,
  scope: KeyScope,
  answer: { fingerprint: string; statusCode: number; body: unknown },
  now: Date,
): Promise<void> {
  const stamp = formatTimestamp(now);
  await tx
    .deleteFrom("idempotency_keys")
    .where("organization_id", "=", scope.organizationId)
    .where("user_id", "=", scope.userId)
    .where("expires_at", "<=", stamp)
    .execute();
  await tx
    .insertInto("idempotency_keys")
    .values({
      organization_id: scope.organizationId,
      user_id: scope.userId,
      idempotency_key: scope.key,
      fingerprint: answer.fingerprint,
      status_code: answer.statusCode,
      body: JSON.stringify(answer.body),
      date_created: stamp,
      expires_at: formatTimestamp(new Date(now.getTime() + IDEMPOTENCY_TTL_MS)),
    })
    .execute();
}

/** Deletes every expired key; returns how many. */
export async function sweepExpiredKeys(tx: Tx, now: Date): Promise<number> {
  const result = await tx
    .deleteFrom("idempotency_keys")
    .where("expires_at", "<=", formatTimestamp(now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
