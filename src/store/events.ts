import type { Actor } from "../domain/actor.ts";
import { newId } from "../domain/ids.ts";
import { changedFields } from "../domain/memberships.ts";
import { formatTimestamp } from "../domain/time.ts";
import type { EventRow } from "./schema.ts";
import type { Tx } from "./store.ts";

export type EventAction = "created" | "activated" | "updated" | "deactivated";

export interface Event {
  id: string;
  date_created: string;
  date_updated: string;
  organization_id: string;
  user_id: string | null;
  api_key_id: string | null;
  oauth_app_id: string | null;
  request_id: string | null;
  object_type: string;
  object_id: string;
  action: string;
  changed_fields: string[];
  previous_data: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
  meta: { request_method: string; request_path: string };
}

export function eventFromRow(row: EventRow): Event {
  return {
    ...row,
    changed_fields: JSON.parse(row.changed_fields) as string[],
    previous_data: row.previous_data
      ? (JSON.parse(row.previous_data) as Record<string, unknown>)
      : null,
    data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null,
    meta: JSON.parse(row.meta) as Event["meta"],
  };
}

/**
 * Writes the event of a change. Call it inside the unit of work that makes the change, so the
 * two commit or roll back together.
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
  },
): Promise<void> {
  const { previous, data } = change;
  const fields =
    previous && data
      ? changedFields(previous, data)
      : Object.keys((data ?? previous) as object).sort();
  const stamp = formatTimestamp(change.now);
  await tx
    .insertInto("events")
    .values({
      id: newId("event"),
      organization_id: actor.organizationId,
      user_id: actor.userId,
      api_key_id: actor.apiKeyId,
      oauth_app_id: actor.oauthAppId,
      request_id: actor.requestId,
      object_type: change.objectType,
      object_id: change.objectId,
      action: change.action,
      changed_fields: JSON.stringify(fields),
      previous_data: previous && JSON.stringify(previous),
      data: data && JSON.stringify(data),
      meta: JSON.stringify({
        request_method: actor.requestMethod,
        request_path: actor.requestPath,
      }),
      date_created: stamp,
      date_updated: stamp,
    })
    .execute();
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
