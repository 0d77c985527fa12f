import { type CompiledQuery, sql } from "kysely";
import type { Actor } from "../domain/actor.ts";
import { isIdOf, newId } from "../domain/ids.ts";
import { changedFields } from "../domain/memberships.ts";
import { formatTimestamp } from "../domain/time.ts";
import {
  type ActiveSubscription,
  activeSubscriptionsQuery,
  enqueueDeliveries,
  knownActiveSubscriptions,
  rememberActiveSubscriptions,
} from "../webhooks/outbox.ts";
import { prepared, runCompiled, withWriteFirst } from "./prepared.ts";
import type { EventRow } from "./schema.ts";
import { isPostgres, type Tx } from "./store.ts";

export type EventAction = "created" | "activated" | "updated" | "deactivated";

/** An event as the API shows it: a row with its JSON columns parsed. */
export type Event = Omit<
  EventRow,
  "changed_fields" | "previous_data" | "previous_changes" | "data" | "meta"
> & {
  changed_fields: string[];
  previous_data: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
  meta: { request_method: string; request_path: string };
};

export function eventFromRow(row: EventRow): Event {
  const { previous_changes: changes, ...columns } = row;
  const data = row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null;
  return {
    ...columns,
    changed_fields: JSON.parse(row.changed_fields) as string[],
    previous_data: row.previous_data
      ? (JSON.parse(row.previous_data) as Record<string, unknown>)
      : changes && data
        ? { ...data, ...(JSON.parse(changes) as Record<string, unknown>) }
        : null,
    data,
    meta: JSON.parse(row.meta) as Event["meta"],
  };
}

/**
 * How an event stores the object before the change: when both versions have the same fields
 * in the same order (an update), only the previous values of the fields that changed
 * (`previous_changes`), which `eventFromRow` puts back into `data` — same fields, same order,
 * same values. Otherwise the whole previous object (`previous_data`).
 */
function storedPrevious(
  previous: object | null,
  data: object | null,
  fields: readonly string[],
): Pick<EventRow, "previous_data" | "previous_changes"> {
  if (!previous) return { previous_data: null, previous_changes: null };
  const before = previous as Record<string, unknown>;
  const keys = Object.keys(before);
  const afterKeys = data ? Object.keys(data) : [];
  const sameShape =
    keys.length === afterKeys.length &&
    keys.every((k, i) => k === afterKeys[i] && before[k] !== undefined);
  if (!sameShape) return { previous_data: JSON.stringify(previous), previous_changes: null };
  const changes: Record<string, unknown> = {};
  for (const field of fields) changes[field] = before[field];
  return { previous_data: null, previous_changes: JSON.stringify(changes) };
}

const latestEventQuery = prepared((tx: Tx, organizationId: string) =>
  tx
    .selectFrom("events")
    .select("date_created")
    .where("organization_id", "=", organizationId)
    .orderBy("date_created", "desc")
    .limit(1),
);

/**
 * The last stamp each transaction gave each organization's events. Inside one transaction
 * the next stamp follows from it without asking the database again; SQLite's group commit
 * runs a whole batch of units in one transaction, so most of them skip the query. A stamp
 * given by a unit that then rolled back only makes the next one a microsecond later.
 */
const stampsGiven = new WeakMap<Tx, Map<string, string>>();

function stampsGivenIn(tx: Tx): Map<string, string> {
  let given = stampsGiven.get(tx);
  if (!given) {
    given = new Map();
    stampsGiven.set(tx, given);
  }
  return given;
}

/**
 * The stamp of an organization's next event: `now`, or one microsecond after the
 * organization's latest event when that is not earlier. So `ORDER BY date_created` is the
 * order the changes were made in, also when many commit within one millisecond (group
 * commit), or when a unit that read the clock first waited for a lock and committed second:
 * strictly, for units that hold the organization's lock (and on SQLite, where writers are
 * serialized); for each member's own events, as every write of a member holds its row lock.
 * Two PostgreSQL updates of different members that lock only their rows may share a stamp.
 * (`stampedEventQuery` computes the same stamp in SQL.)
 */
async function nextEventStamp(tx: Tx, organizationId: string, now: Date): Promise<string> {
  const latest =
    stampsGivenIn(tx).get(organizationId) ??
    (await latestEventQuery(tx, organizationId))[0]?.date_created;
  return stampAfter(latest, formatTimestamp(now));
}

/** `stamp`, or one microsecond after `latest` when `stamp` is not later. */
function stampAfter(latest: string | undefined, stamp: string): string {
  if (latest === undefined || latest < stamp) return stamp;
  // Close's timestamps are fixed-width: milliseconds, then three more microsecond digits.
  const micros = Date.parse(`${latest.slice(0, 23)}Z`) * 1000 + Number(latest.slice(23, 26)) + 1;
  const millis = Math.floor(micros / 1000);
  return `${new Date(millis).toISOString().slice(0, 23)}${String(micros - millis * 1000).padStart(3, "0")}+00:00`;
}

const EVENT_COLUMNS = [
  "id",
  "organization_id",
  "user_id",
  "api_key_id",
  "oauth_app_id",
  "request_id",
  "object_type",
  "object_id",
  "action",
  "changed_fields",
  "previous_data",
  "previous_changes",
  "data",
  "meta",
  "date_created",
  "date_updated",
] as const satisfies readonly (keyof EventRow)[];

const insertEventColumns = prepared((tx: Tx, ...values: unknown[]) =>
  tx
    .insertInto("events")
    .values(
      Object.fromEntries(
        EVENT_COLUMNS.map((column, i) => [column, values[i]]),
      ) as unknown as EventRow,
    ),
);

/** Inserts one event row; every event has the same columns, so the statement is prepared. */
function insertEvent(tx: Tx, row: EventRow) {
  return insertEventColumns(tx, ...EVENT_COLUMNS.map((column) => row[column]));
}

/** The columns of an event row but its stamp (`date_created`, `date_updated`). */
const UNSTAMPED_COLUMNS = EVENT_COLUMNS.filter(
  (column) => column !== "date_created" && column !== "date_updated",
);

/**
 * PostgreSQL, a transaction's first event of an organization: one statement gives it its
 * stamp (as `nextEventStamp` would: `now`, or a microsecond past the organization's latest
 * event; the fixed-width stamps compare as text), inserts it and reads the organization's
 * active webhook subscriptions, so neither the stamp nor the outbox costs a round trip of its
 * own (nor the change's own write: `recordEvent`'s `write`, which the statement reads nothing
 * of). One row per subscription; a single row with a null `id` when there is none.
 */
const stampedEventQuery = prepared(
  (tx: Tx, organizationId: string, now: string, ...values: unknown[]) =>
    tx
      .with("stamp", (db) =>
        db.selectNoFrom(
          sql<string>`GREATEST(${now}, (${db
            .selectFrom("events")
            .select(
              sql<string>`to_char(left(date_created, 26)::timestamp + interval '1 microsecond', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')`.as(
                "next",
              ),
            )
            .where("organization_id", "=", organizationId)
            .orderBy("date_created", "desc")
            .limit(1)}))`.as("value"),
        ),
      )
      .with("recorded", (db) =>
        db
          .insertInto("events")
          .values({
            ...(Object.fromEntries(
              UNSTAMPED_COLUMNS.map((column, i) => [column, values[i]]),
            ) as unknown as EventRow),
            date_created: db.selectFrom("stamp").select("value"),
            date_updated: db.selectFrom("stamp").select("value"),
          })
          .returning("date_created"),
      )
      .selectFrom("recorded")
      .leftJoin("webhook_subscriptions as s", (join) =>
        join.on("s.organization_id", "=", organizationId).on("s.status", "=", "active"),
      )
      .select(["recorded.date_created", "s.id", "s.events"]),
);

/**
 * Writes the event of a change, and a webhook delivery for each active subscription that asks
 * for it. Call it inside the unit of work that makes the change, so they all commit or roll
 * back together, after locking the organization or the member's row.
 */
export async function recordEvent<T extends object>(
  tx: Tx,
  actor: Actor,
  change: {
    objectType: string;
    objectId: string;
    action: EventAction;
    previous: T | null;
    data: T | null;
    now: Date;
    /**
     * The change's own write, when it is still to be made: on PostgreSQL it goes in the
     * event's statement (one round trip for both), elsewhere it runs first.
     */
    write?: CompiledQuery;
  },
): Promise<void> {
  const { previous, data } = change;
  const fields =
    previous && data
      ? changedFields(previous, data)
      : Object.keys((data ?? previous) as object).sort();
  const organizationId = actor.organizationId;
  const row: EventRow = {
    id: newId("event", change.now),
    organization_id: organizationId,
    user_id: actor.userId,
    api_key_id: actor.apiKeyId,
    oauth_app_id: actor.oauthAppId,
    request_id: actor.requestId,
    object_type: change.objectType,
    object_id: change.objectId,
    action: change.action,
    changed_fields: JSON.stringify(fields),
    ...storedPrevious(previous, data, fields),
    data: data && JSON.stringify(data),
    meta: JSON.stringify({
      request_method: actor.requestMethod,
      request_path: actor.requestPath,
    }),
    date_created: "", // stamped below
    date_updated: "",
  };
  const given = stampsGivenIn(tx);
  let subscriptions: ActiveSubscription[] | undefined = knownActiveSubscriptions(
    tx,
    organizationId,
  );
  if (isPostgres(tx) && !given.has(organizationId)) {
    // One round trip: the change's write, the stamp, the event and the subscriptions.
    const event = stampedEventQuery.compiled(
      tx,
      organizationId,
      formatTimestamp(change.now),
      ...UNSTAMPED_COLUMNS.map((column) => row[column]),
    );
    const rows = await runCompiled(tx, change.write ? withWriteFirst(change.write, event) : event);
    row.date_created = row.date_updated = (rows[0] as { date_created: string }).date_created;
    subscriptions = rows.flatMap(({ id, events }) =>
      id === null || events === null ? [] : [{ id, events }],
    );
  } else {
    if (change.write) await runCompiled(tx, change.write);
    row.date_created = row.date_updated = await nextEventStamp(tx, organizationId, change.now);
    await insertEvent(tx, row);
    subscriptions ??= await activeSubscriptionsQuery(tx, organizationId);
  }
  given.set(organizationId, row.date_created);
  rememberActiveSubscriptions(tx, organizationId, subscriptions);
  await enqueueDeliveries(tx, row, subscriptions);
}

export async function listEventsOfObject(
  tx: Tx,
  organizationId: string,
  objectId: string,
): Promise<Event[]> {
  const rows = await tx
    .selectFrom("events")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("object_id", "=", objectId)
    .orderBy("date_created")
    .orderBy("id")
    .execute();
  return rows.map(eventFromRow);
}

/** Events older than this are not served (Close keeps them 30 days). */
export const EVENT_RETENTION_DAYS = 30;

export interface EventFilter {
  object_type?: string;
  object_id?: string;
  action?: string;
  user_id?: string;
  request_id?: string;
  date_updated__gt?: string;
  date_updated__gte?: string;
  date_updated__lt?: string;
  date_updated__lte?: string;
}

/**
 * A position in the newest-first order: `older` pages on past an event (the last of the page
 * before), `newer` pages back from one (the first of the page after).
 */
export interface EventCursor {
  date_created: string;
  id: string;
  direction: "older" | "newer";
}

/** The oldest moment whose events are still served. */
function retentionStart(now: Date): string {
  return formatTimestamp(new Date(now.getTime() - EVENT_RETENTION_DAYS * 86_400_000));
}

/**
 * Events of an organization within the retention window: newest first past an `older`
 * cursor (or from the newest), oldest first past a `newer` one.
 */
export async function listEvents(
  tx: Tx,
  organizationId: string,
  filter: EventFilter,
  cursor: EventCursor | undefined,
  limit: number,
  now: Date,
): Promise<Event[]> {
  const equal = ["object_type", "object_id", "action", "user_id", "request_id"] as const;
  const range = [
    ["date_updated__gt", ">"],
    ["date_updated__gte", ">="],
    ["date_updated__lt", "<"],
    ["date_updated__lte", "<="],
  ] as const;
  let query = tx
    .selectFrom("events")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("date_created", ">=", retentionStart(now));
  for (const field of equal) {
    const value = filter[field];
    if (value !== undefined) query = query.where(field, "=", value);
  }
  for (const [field, operator] of range) {
    const value = filter[field];
    if (value !== undefined) query = query.where("date_updated", operator, value);
  }
  const newer = cursor?.direction === "newer";
  const past = newer ? ">" : "<";
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb("date_created", past, cursor.date_created),
        eb.and([eb("date_created", "=", cursor.date_created), eb("id", past, cursor.id)]),
      ]),
    );
  }
  const order = newer ? "asc" : "desc";
  const rows = await query
    .orderBy("date_created", order)
    .orderBy("id", order)
    .limit(limit)
    .execute();
  return rows.map(eventFromRow);
}

export async function findEvent(
  tx: Tx,
  organizationId: string,
  id: string,
  now: Date,
): Promise<Event | undefined> {
  if (!isIdOf("event", id)) return undefined;
  const row = await tx
    .selectFrom("events")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .where("date_created", ">=", retentionStart(now))
    .executeTakeFirst();
  return row && eventFromRow(row);
}
