import { Type } from "typebox";
import { NullableString, Timestamp } from "./common.ts";

const JsonObject = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

/** An event of the event log (docs/compatibility.md, Event log). */
export const EventSchema = Type.Object(
  {
    id: Type.String(),
    date_created: Timestamp,
    date_updated: Timestamp,
    organization_id: Type.String(),
    user_id: NullableString(Type.String()),
    api_key_id: NullableString(Type.String()),
    oauth_app_id: NullableString(Type.String()),
    request_id: NullableString(Type.String()),
    object_type: Type.String(),
    object_id: Type.String(),
    action: Type.String(),
    changed_fields: Type.Array(Type.String()),
    previous_data: JsonObject,
    data: JsonObject,
    meta: Type.Object({ request_method: Type.String(), request_path: Type.String() }),
  },
  { title: "Event" },
);

export const EVENT_PAGE_MAX = 50;

export const EventListQuery = Type.Object({
  object_type: Type.Optional(Type.String()),
  object_id: Type.Optional(Type.String()),
  action: Type.Optional(Type.String()),
  user_id: Type.Optional(Type.String()),
  request_id: Type.Optional(Type.String()),
  date_updated__gt: Type.Optional(Type.String({ format: "date-time" })),
  date_updated__gte: Type.Optional(Type.String({ format: "date-time" })),
  date_updated__lt: Type.Optional(Type.String({ format: "date-time" })),
  date_updated__lte: Type.Optional(Type.String({ format: "date-time" })),
  _cursor: Type.Optional(Type.String({ maxLength: 500 })),
  _limit: Type.Optional(
    Type.String({ description: `Events per page (default and max ${EVENT_PAGE_MAX})` }),
  ),
  _fields: Type.Optional(Type.String()),
});

export const EventPageSchema = Type.Object(
  {
    data: Type.Array(EventSchema),
    cursor_next: NullableString(Type.String()),
    cursor_previous: NullableString(Type.String()),
  },
  { title: "EventPage" },
);
