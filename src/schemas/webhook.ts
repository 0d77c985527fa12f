import { Type } from "typebox";
import { NullableString, Timestamp } from "./common.ts";

/** One `{object_type, action}` a subscription asks for. */
const EventSelectorSchema = Type.Object(
  {
    object_type: Type.String({ maxLength: 100 }),
    action: Type.String({ maxLength: 100 }),
    extra_filter: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

/** Close's webhook subscription object. */
export const WebhookSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    events: Type.Array(Type.Object({ object_type: Type.String(), action: Type.String() })),
    status: Type.Union([Type.Literal("active"), Type.Literal("paused")]),
    verify_ssl: Type.Boolean(),
    signature_key: Type.String(),
    created_by: NullableString(Type.String()),
    updated_by: NullableString(Type.String()),
    date_created: Timestamp,
    date_updated: Timestamp,
  },
  { title: "WebhookSubscription" },
);

const webhookFields = {
  url: Type.String({ minLength: 1, maxLength: 2000 }),
  events: Type.Array(EventSelectorSchema, { minItems: 1, maxItems: 100 }),
  verify_ssl: Type.Boolean(),
};

export const WebhookCreateSchema = Type.Object(
  {
    url: webhookFields.url,
    events: webhookFields.events,
    verify_ssl: Type.Optional(webhookFields.verify_ssl),
  },
  { additionalProperties: false, title: "WebhookSubscriptionCreate" },
);

export const WebhookUpdateSchema = Type.Object(
  {
    url: Type.Optional(webhookFields.url),
    events: Type.Optional(webhookFields.events),
    status: Type.Optional(Type.Union([Type.Literal("active"), Type.Literal("paused")])),
    verify_ssl: Type.Optional(webhookFields.verify_ssl),
  },
  { additionalProperties: false, title: "WebhookSubscriptionUpdate" },
);

export const WebhookIdParams = Type.Object({ id: Type.String() });

/** One delivery attempt (Roster extension). */
export const WebhookAttemptSchema = Type.Object(
  {
    id: Type.String(),
    delivery_id: Type.String(),
    event_id: Type.String(),
    status_code: Type.Union([Type.Integer(), Type.Null()]),
    error: NullableString(Type.String()),
    duration_ms: Type.Integer(),
    next_retry: NullableString(Type.String()),
    date_created: Timestamp,
  },
  { title: "WebhookAttempt" },
);
