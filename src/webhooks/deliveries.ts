// The delivery queue: claiming due deliveries under a lease, recording each attempt, retries, giving up and pausing.
import type { Kysely } from "kysely";
import { newId } from "../domain/ids.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import type { Database, WebhookAttemptRow, WebhookDeliveryRow } from "../store/schema.ts";
import { isPostgres, type Tx } from "../store/store.ts";
import { subscriptionsChanging } from "./outbox.ts";

const HOUR = 3_600_000;
/** Deliveries are retried this long after their event (Close: 72 hours). */
export const RETRY_WINDOW_MS = 72 * HOUR;
/** A subscription with nothing but failures for this long is paused (Close: 3 days). */
export const PAUSE_AFTER_MS = 72 * HOUR;
/** The first retry comes within seconds; the wait doubles up to this cap. */
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 20 * 60_000;

/**
 * The wait before retry number `failures` (1 after the first failure): exponential, capped
 * at 20 minutes, with jitter in its upper half so that a receiver coming back is not hit by
 * every retry at once.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function after(now: Date, ms: number): string {
  return formatTimestamp(new Date(now.getTime() + ms));
}

/** Subscriptions with deliveries due now and not held by a live lease. */
export async function subscriptionsWithDueDeliveries(
  db: Kysely<Database>,
  now: Date,
  limit: number,
): Promise<string[]> {
  const stamp = formatTimestamp(now);
  const rows = await db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_subscriptions as s", "s.id", "d.subscription_id")
    .select("d.subscription_id")
    .distinct()
    .where("d.status", "=", "pending")
    .where("d.next_attempt_at", "<=", stamp)
    .where((eb) => eb.or([eb("d.lease_until", "is", null), eb("d.lease_until", "<=", stamp)]))
    .where("s.status", "=", "active")
    .limit(limit)
    .execute();
  return rows.map((r) => r.subscription_id);
}

/**
 * Claims up to `limit` due deliveries of one subscription for `owner` until `leaseUntil`,
 * skipping `exclude` (deliveries this dispatcher has in flight). On PostgreSQL the rows are
 * picked `FOR UPDATE SKIP LOCKED`, so instances claiming at once take different rows; on
 * SQLite the unit holds the database write lock. Either way the lease is re-checked by the
 * UPDATE itself, so a delivery is held by one dispatcher at a time, and one whose holder
 * died is taken over once its lease has run out.
 */
export async function claimDeliveries(
  tx: Tx,
  subscriptionId: string,
  owner: string,
  now: Date,
  leaseMs: number,
  limit: number,
  exclude: readonly string[],
): Promise<WebhookDeliveryRow[]> {
  const stamp = formatTimestamp(now);
  const candidates = await tx
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_subscriptions as s", "s.id", "d.subscription_id")
    .select("d.id")
    .where("d.subscription_id", "=", subscriptionId)
    .where("s.status", "=", "active")
    .where("d.status", "=", "pending")
    .where("d.next_attempt_at", "<=", stamp)
    .where((eb) => eb.or([eb("d.lease_until", "is", null), eb("d.lease_until", "<=", stamp)]))
    .$if(exclude.length > 0, (q) => q.where("d.id", "not in", exclude))
    .orderBy("d.next_attempt_at")
    .limit(limit)
    .$if(isPostgres(tx), (q) => q.forUpdate("d").skipLocked())
    .execute();
  if (candidates.length === 0) return [];
  return tx
    .updateTable("webhook_deliveries")
    .set({ lease_until: after(now, leaseMs), lease_owner: owner })
    .where(
      "id",
      "in",
      candidates.map((c) => c.id),
    )
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", stamp)]))
    .returningAll()
    .execute();
}

/** What one attempt came to: a 2xx status is success, anything else (or an error) is not. */
export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export function succeeded(outcome: AttemptOutcome): boolean {
  return outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
}

/**
 * Records an attempt and moves the delivery on: delivered; or retried later with backoff;
 * or, 72 hours after its event, given up. A success clears the subscription's run of
 * failures; a failure that ends three days of nothing but failures pauses it.
 */
export async function recordAttempt(
  tx: Tx,
  delivery: WebhookDeliveryRow,
  outcome: AttemptOutcome,
  now: Date,
  random: () => number = Math.random,
): Promise<{ paused: boolean; nextRetryAt: string | null }> {
  const stamp = formatTimestamp(now);
  const ok = succeeded(outcome);
  const failures = delivery.attempts + 1;
  const givingUp = !ok && now.getTime() - Date.parse(delivery.date_created) >= RETRY_WINDOW_MS;
  const nextRetryAt = ok || givingUp ? null : after(now, retryDelayMs(failures, random));
  const attempt: WebhookAttemptRow = {
    id: newId("webhookAttempt", now),
    delivery_id: delivery.id,
    subscription_id: delivery.subscription_id,
    event_id: delivery.event_id,
    status_code: outcome.statusCode,
    error: outcome.error?.slice(0, 500) ?? null,
    duration_ms: Math.max(0, Math.round(outcome.durationMs)),
    next_retry_at: nextRetryAt,
    date_created: stamp,
  };
  await tx.insertInto("webhook_attempts").values(attempt).execute();
  await tx
    .updateTable("webhook_deliveries")
    .set({
      status: ok ? "delivered" : givingUp ? "failed" : "pending",
      attempts: failures,
      next_attempt_at: nextRetryAt,
      lease_until: null,
      lease_owner: null,
      date_updated: stamp,
    })
    .where("id", "=", delivery.id)
    .execute();
  return {
    paused: await trackFailures(tx, delivery.subscription_id, ok, outcome, now),
    nextRetryAt,
  };
}

async function trackFailures(
  tx: Tx,
  subscriptionId: string,
  ok: boolean,
  outcome: AttemptOutcome,
  now: Date,
): Promise<boolean> {
  const stamp = formatTimestamp(now);
  if (ok) {
    await tx
      .updateTable("webhook_subscriptions")
      .set({ failing_since: null })
      .where("id", "=", subscriptionId)
      .where("failing_since", "is not", null)
      .execute();
    return false;
  }
  const subscription = await tx
    .selectFrom("webhook_subscriptions")
    .select(["failing_since", "status"])
    .where("id", "=", subscriptionId)
    .executeTakeFirst();
  if (!subscription) return false;
  if (subscription.failing_since === null) {
    await tx
      .updateTable("webhook_subscriptions")
      .set({ failing_since: stamp })
      .where("id", "=", subscriptionId)
      .execute();
    return false;
  }
  if (subscription.status !== "active") return false;
  if (now.getTime() - Date.parse(subscription.failing_since) < PAUSE_AFTER_MS) return false;
  subscriptionsChanging(tx);
  const last = outcome.statusCode === null ? outcome.error : `HTTP ${outcome.statusCode}`;
  await tx
    .updateTable("webhook_subscriptions")
    .set({
      status: "paused",
      paused_reason: `Every delivery failed since ${subscription.failing_since} (last: ${last}).`,
      date_updated: stamp,
    })
    .where("id", "=", subscriptionId)
    .execute();
  return true;
}

/** Gives a claimed delivery back untried (the dispatcher is stopping). */
export async function releaseDeliveries(tx: Tx, owner: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await tx
    .updateTable("webhook_deliveries")
    .set({ lease_until: null, lease_owner: null })
    .where("id", "in", ids)
    .where("lease_owner", "=", owner)
    .where("status", "=", "pending")
    .execute();
}

/** A delivery attempt as the delivery log shows it (a Roster extension). */
export interface Attempt {
  id: string;
  delivery_id: string;
  event_id: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  next_retry: string | null;
  date_created: string;
}

/** A subscription's attempts, newest first. */
export async function listAttempts(
  tx: Tx,
  subscriptionId: string,
  offset: number,
  limit: number,
): Promise<Attempt[]> {
  const rows = await tx
    .selectFrom("webhook_attempts")
    .selectAll()
    .where("subscription_id", "=", subscriptionId)
    .orderBy("date_created", "desc")
    .orderBy("id", "desc")
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    delivery_id: row.delivery_id,
    event_id: row.event_id,
    status_code: row.status_code,
    error: row.error,
    duration_ms: row.duration_ms,
    next_retry: row.next_retry_at,
    date_created: row.date_created,
  }));
}

/**
 * Queues a delivery again, due at once, whatever became of it (the operator's
 * `roster webhook redeliver`). It then has a full 72 hours of retries again.
 */
export async function redeliver(
  tx: Tx,
  deliveryId: string,
  now: Date,
): Promise<WebhookDeliveryRow> {
  const stamp = formatTimestamp(now);
  const [row] = await tx
    .updateTable("webhook_deliveries")
    .set({
      status: "pending",
      next_attempt_at: stamp,
      lease_until: null,
      lease_owner: null,
      date_created: stamp,
      date_updated: stamp,
    })
    .where("id", "=", deliveryId)
    .returningAll()
    .execute();
  if (!row) throw RosterError.notFound("Delivery");
  return row;
}
