// Webhook subscriptions: who may see and change which, the 40-per-organization limit, and their stored form.
import type { Actor } from "../domain/actor.ts";
import { isIdOf, newId } from "../domain/ids.ts";
import { MANAGE_ORGANIZATION } from "../domain/permissions.ts";
import { formatTimestamp } from "../domain/time.ts";
import { type FieldErrors, RosterError } from "../errors.ts";
import { findMembership } from "../store/memberships.ts";
import { lockOrganization } from "../store/organizations.ts";
import type { WebhookSubscriptionRow } from "../store/schema.ts";
import type { Tx } from "../store/store.ts";
import { type DestinationPolicy, DestinationRefused, resolveDestination } from "./destinations.ts";
import { type EventSelector, isSubscribable } from "./event-types.ts";
import { subscriptionsChanging } from "./outbox.ts";
import { newSignatureKey } from "./signing.ts";

/** Close's limit: subscriptions per organization. */
export const MAX_SUBSCRIPTIONS_PER_ORGANIZATION = 40;

/** A subscription as the API shows it (Close's fields). */
export interface Subscription {
  id: string;
  url: string;
  events: EventSelector[];
  status: "active" | "paused";
  verify_ssl: boolean;
  signature_key: string;
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

export function subscriptionFromRow(row: WebhookSubscriptionRow): Subscription {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as EventSelector[],
    status: row.status,
    verify_ssl: row.verify_ssl === 1,
    signature_key: row.signature_key,
    created_by: row.created_by,
    updated_by: row.updated_by,
    date_created: row.date_created,
    date_updated: row.date_updated,
  };
}

/**
 * Whose subscriptions the actor manages: all of the organization's with `manage_organization`
 * (and for the CLI, the operator), otherwise only their own. Read inside the transaction, so
 * a demotion committed a moment ago counts.
 */
async function scopeOf(tx: Tx, actor: Actor): Promise<{ ownerMembershipId: string | null }> {
  if (actor.membershipId === null) return { ownerMembershipId: null };
  const membership = await findMembership(tx, actor.organizationId, actor.membershipId, "share");
  if (!membership?.active) throw new RosterError("unauthorized", "Your membership is not active.");
  return membership.permissions_granted.includes(MANAGE_ORGANIZATION)
    ? { ownerMembershipId: null }
    : { ownerMembershipId: membership.id };
}

function visibleSubscriptions(tx: Tx, organizationId: string, ownerMembershipId: string | null) {
  return tx
    .selectFrom("webhook_subscriptions")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .$if(ownerMembershipId !== null, (q) =>
      q.where("owner_membership_id", "=", ownerMembershipId as string),
    );
}

/** The subscriptions the actor may see, oldest first. */
export async function listSubscriptions(
  tx: Tx,
  actor: Actor,
  offset: number,
  limit: number,
): Promise<Subscription[]> {
  const { ownerMembershipId } = await scopeOf(tx, actor);
  const rows = await visibleSubscriptions(tx, actor.organizationId, ownerMembershipId)
    .orderBy("date_created")
    .orderBy("id")
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map(subscriptionFromRow);
}

/** One subscription the actor may see, or 404 (another member's or organization's alike). */
export async function getSubscriptionRow(
  tx: Tx,
  actor: Actor,
  id: string,
): Promise<WebhookSubscriptionRow> {
  const { ownerMembershipId } = await scopeOf(tx, actor);
  const row = isIdOf("webhook", id)
    ? await visibleSubscriptions(tx, actor.organizationId, ownerMembershipId)
        .where("id", "=", id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw RosterError.notFound("Webhook subscription");
  return row;
}

export interface SubscriptionInput {
  url: string;
  events: EventSelector[];
  verify_ssl?: boolean;
}

/** Creates a subscription owned by the actor; at most 40 per organization, counted under its lock. */
export async function createSubscription(
  tx: Tx,
  actor: Actor,
  input: SubscriptionInput,
  now: Date,
): Promise<Subscription> {
  subscriptionsChanging(tx);
  if (!(await lockOrganization(tx, actor.organizationId)))
    throw RosterError.notFound("Organization");
  await scopeOf(tx, actor);
  const { count } = await tx
    .selectFrom("webhook_subscriptions")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("organization_id", "=", actor.organizationId)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_SUBSCRIPTIONS_PER_ORGANIZATION) {
    throw new RosterError(
      "bad_request",
      `An organization may have at most ${MAX_SUBSCRIPTIONS_PER_ORGANIZATION} webhook subscriptions.`,
    );
  }
  const stamp = formatTimestamp(now);
  const row: WebhookSubscriptionRow = {
    id: newId("webhook"),
    organization_id: actor.organizationId,
    owner_membership_id: actor.membershipId,
    url: input.url,
    events: JSON.stringify(input.events),
    verify_ssl: input.verify_ssl === false ? 0 : 1,
    status: "active",
    paused_reason: null,
    failing_since: null,
    signature_key: newSignatureKey(),
    created_by: actor.userId,
    updated_by: actor.userId,
    date_created: stamp,
    date_updated: stamp,
  };
  await tx.insertInto("webhook_subscriptions").values(row).execute();
  return subscriptionFromRow(row);
}

export interface SubscriptionPatch {
  url?: string;
  events?: EventSelector[];
  status?: "active" | "paused";
  verify_ssl?: boolean;
}

/** A partial update; `{"status": "active"}` re-activates a paused subscription. */
export async function updateSubscription(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: SubscriptionPatch,
  now: Date,
): Promise<Subscription> {
  subscriptionsChanging(tx);
  const row = await getSubscriptionRow(tx, actor, id);
  const changes: Partial<WebhookSubscriptionRow> = {
    date_updated: formatTimestamp(now),
    updated_by: actor.userId,
  };
  if (patch.url !== undefined) changes.url = patch.url;
  if (patch.events !== undefined) changes.events = JSON.stringify(patch.events);
  if (patch.verify_ssl !== undefined) changes.verify_ssl = patch.verify_ssl ? 1 : 0;
  if (patch.status !== undefined && patch.status !== row.status) {
    changes.status = patch.status;
    changes.paused_reason = patch.status === "paused" ? "Paused by a user." : null;
    changes.failing_since = null;
  }
  await tx.updateTable("webhook_subscriptions").set(changes).where("id", "=", row.id).execute();
  return subscriptionFromRow({ ...row, ...changes });
}

/** Deletes a subscription with its pending deliveries and their log. */
export async function deleteSubscription(tx: Tx, actor: Actor, id: string): Promise<void> {
  subscriptionsChanging(tx);
  const row = await getSubscriptionRow(tx, actor, id);
  await tx.deleteFrom("webhook_subscriptions").where("id", "=", row.id).execute();
}

/**
 * The checks a subscription's fields need beyond their schema, all reported at once: a
 * usable http(s) URL whose host is an allowed destination (resolved now; checked again at
 * every delivery), and events Roster emits. Run before the unit of work: it may wait on DNS.
 */
export async function checkSubscriptionFields(
  fields: { url?: string; events?: Array<EventSelector & { extra_filter?: unknown }> },
  policy: DestinationPolicy,
): Promise<void> {
  const errors: FieldErrors = {};
  if (fields.url !== undefined) {
    try {
      await resolveDestination(fields.url, policy);
    } catch (error) {
      if (!(error instanceof DestinationRefused)) throw error;
      errors.url = error.message;
    }
  }
  for (const selector of fields.events ?? []) {
    if (!isSubscribable(selector)) {
      errors.events = `Unknown event: object_type "${selector.object_type}" with action "${selector.action}".`;
      break;
    }
    if (selector.extra_filter !== undefined && selector.extra_filter !== null) {
      errors.events = "extra_filter is not supported by Roster yet; leave it out or null.";
      break;
    }
  }
  if (Object.keys(errors).length > 0) throw RosterError.validation(errors);
}

/** The selectors as stored: object type and action only. */
export function storedSelectors(events: readonly EventSelector[]): EventSelector[] {
  return events.map(({ object_type, action }) => ({ object_type, action }));
}
