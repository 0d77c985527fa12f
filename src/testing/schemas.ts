// The shapes of the /_roster/ control routes, written once for validation, serialization and OpenAPI.
import { Type } from "typebox";

export const CONTROL_TAG = "Roster controls";

/** Control routes live at the server's root, not under the Close API's `/api/v1`. */
export const CONTROL_SERVERS = [{ url: "/" }];

export const EmptyObject = Type.Object({}, { additionalProperties: false });

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const FaultRuleInputSchema = Type.Object(
  {
    method: Type.String({ description: "An HTTP method, or * for any" }),
    route: Type.String({
      description: "OpenAPI route such as /api/v1/membership/{id}/, a concrete path, or *",
    }),
    status: Type.Optional(
      Type.Union([Type.Integer(), Type.Null()], {
        description: "400, 401, 403, 404, 409, 429, 500, 502, 503 or 504 (default 503); null: none",
      }),
    ),
    latency_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 60000 })),
    drop: Type.Optional(
      Type.Union([Type.Literal("before_body"), Type.Literal("after_body"), Type.Null()]),
    ),
    phase: Type.Optional(Type.Union([Type.Literal("before_commit"), Type.Literal("after_commit")])),
    count: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    probability: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    organization_id: Type.Optional(Nullable(Type.String())),
    credential_id: Type.Optional(Nullable(Type.String())),
    retry_after_seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 86400 })),
  },
  { additionalProperties: false },
);

export const FaultRuleSchema = Type.Object({
  id: Type.String(),
  method: Type.String(),
  route: Type.String(),
  status: Type.Union([Type.Integer(), Type.Null()]),
  latency_ms: Type.Integer(),
  drop: Type.Union([Type.Literal("before_body"), Type.Literal("after_body"), Type.Null()]),
  phase: Type.Union([Type.Literal("before_commit"), Type.Literal("after_commit")]),
  count: Type.Union([Type.Integer(), Type.Null()]),
  probability: Type.Number(),
  organization_id: Type.Union([Type.String(), Type.Null()]),
  credential_id: Type.Union([Type.String(), Type.Null()]),
  retry_after_seconds: Type.Integer(),
  fired: Type.Integer(),
});

export const FaultRulesBody = Type.Object(
  {
    rules: Type.Array(FaultRuleInputSchema),
    seed: Type.Optional(Type.Integer({ description: "Seeds the probability draws" })),
  },
  { additionalProperties: false },
);

export const FaultRulesResponse = Type.Object({ rules: Type.Array(FaultRuleSchema) });

const HeaderValue = Type.Union([Type.String(), Type.Array(Type.String())]);

export const JournalEntrySchema = Type.Object({
  method: Type.String(),
  path: Type.String(),
  route: Type.Union([Type.String(), Type.Null()]),
  query: Type.Record(Type.String(), HeaderValue),
  headers: Type.Record(Type.String(), HeaderValue),
  body: Type.Unknown(),
  status: Type.Union([Type.Integer(), Type.Null()]),
  response: Type.Unknown(),
  date: Type.String(),
  fault_id: Type.Union([Type.String(), Type.Null()]),
});

export const JournalQuery = Type.Object(
  {
    method: Type.Optional(Type.String()),
    route: Type.Optional(Type.String()),
    since: Type.Optional(Type.String({ description: "RFC 3339 time: entries at or after it" })),
  },
  { additionalProperties: false },
);

export const JournalResponse = Type.Object({ data: Type.Array(JournalEntrySchema) });

/** Exactly one of the three. */
export const ClockBody = Type.Object(
  {
    advance_seconds: Type.Optional(Type.Number({ description: "Move the clock forward" })),
    set: Type.Optional(Type.String({ description: "Pin the clock to this RFC 3339 time" })),
    real: Type.Optional(Type.Literal(true, { description: "Back to real time" })),
  },
  { additionalProperties: false },
);

export const ClockResponse = Type.Object({ now: Type.String({ description: "RFC 3339 time" }) });

export const SnapshotResponse = Type.Object({ id: Type.String() });

export const SnapshotParams = Type.Object({ id: Type.String() });
