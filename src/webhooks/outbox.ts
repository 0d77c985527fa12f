// The webhook outbox: one delivery row per matching active subscription, written in the transaction that records the event.
import { newId } from "../domain/ids.ts";
import { prepared } from "../store/prepared.ts";
import type { EventRow, WebhookDeliveryRow } from "../store/schema.ts";
import type { Tx } from "../store/store.ts";
import { type EventSelector, selects } from "./event-types.ts";

/** What the outbox needs of a subscription: its ID and the events it asks for (JSON text). */
export interface ActiveSubscription {
  id: string;
  events: string;
}

/**
 * An organization's active subscriptions as this transaction has read them. Under SQLite's
 * group commit one transaction carries a whole batch of units, so the subscriptions are read
 * once per batch, not once per event; a bulk update's thousand events read them once.
 * Another process cannot change them meanwhile (the transaction holds the write lock on
 * SQLite; on PostgreSQL a subscription committed concurrently is simply concurrent with the
 * change, as it would be a moment earlier or later).
 */
const seen = new WeakMap<Tx, Map<string, ActiveSubscription[]>>();
/** Transactions that wrote a subscription: they read subscriptions afresh for every event. */
const changed = new WeakSet<Tx>();

export function knownActiveSubscriptions(
  tx: Tx,
  organizationId: string,
): ActiveSubscription[] | undefined {
  return changed.has(tx) ? undefined : seen.get(tx)?.get(organizationId);
}

export function rememberActiveSubscriptions(
  tx: Tx,
  organizationId: string,
  subscriptions: ActiveSubscription[],
): void {
  if (changed.has(tx)) return;
  let known = seen.get(tx);
  if (!known) {
    known = new Map();
    seen.set(tx, known);
  }
  known.set(organizationId, subscriptions);
}

/**
 * Every unit that writes a subscription calls this first. From then on its transaction reads
 * subscriptions for each event: a unit of the same batch may still roll back, and what it
 * wrote with it.
 */
export function subscriptionsChanging(tx: Tx): void {
  changed.add(tx);
  seen.delete(tx);
}

export const activeSubscriptionsQuery = prepared((tx: Tx, organizationId: string) =>
  tx
    .selectFrom("webhook_subscriptions")
    .select(["id", "events"])
    .where("organization_id", "=", organizationId)
    .where("status", "=", "active"),
);

/** Parsed selectors by their JSON text: subscriptions are few, their texts repeat. */
const parsedSelectors = new Map<string, EventSelector[]>();

function selectorsOf(events: string): EventSelector[] {
  let parsed = parsedSelectors.get(events);
  if (!parsed) {
    parsed = JSON.parse(events) as EventSelector[];
    if (parsedSelectors.size >= 1000) parsedSelectors.clear();
    parsedSelectors.set(events, parsed);
  }
  return parsed;
}

/**
 * Writes one pending delivery, due at once, for each of `subscriptions` that asks for the
 * event. Called by `recordEvent` right after the event row, in the same unit of work: the
 * deliveries commit, or roll back, with the change.
 */
export async function enqueueDeliveries(
  tx: Tx,
  event: EventRow,
  subscriptions: readonly ActiveSubscription[],
): Promise<void> {
  if (subscriptions.length === 0) return;
  const matching = subscriptions.filter((s) => selects(selectorsOf(s.events), event));
  if (matching.length === 0) return;
  // Due at the event's millisecond: its stamp may be a few microseconds past the clock's now.
  const due = `${event.date_created.slice(0, 23)}000+00:00`;
  const rows: WebhookDeliveryRow[] = matching.map((subscription) => ({
    id: newId("webhookDelivery"),
    organization_id: event.organization_id,
    subscription_id: subscription.id,
    event_id: event.id,
    status: "pending",
    attempts: 0,
    next_attempt_at: due,
    lease_until: null,
    lease_owner: null,
    date_created: event.date_created,
    date_updated: event.date_created,
  }));
  await tx.insertInto("webhook_deliveries").values(rows).execute();
}
