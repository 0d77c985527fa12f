import { type TSchema, Type } from "typebox";
import { PLAIN_TEXT_PATTERN } from "../domain/text.ts";

/*
 * A `title` names a schema in the OpenAPI document: each object schema with one becomes a
 * component (`#/components/schemas/<title>`) and every use of it a `$ref` (src/openapi).
 */

/** `{"error": "..."}`: every non-validation error (docs/compatibility.md, Errors). */
export const ErrorBody = Type.Object({ error: Type.String() }, { title: "Error" });

/** `{"errors": [...], "field-errors": {...}}`: validation errors (docs/compatibility.md, Errors). */
export const ValidationErrorBody = Type.Object(
  {
    errors: Type.Array(Type.String()),
    "field-errors": Type.Record(Type.String(), Type.String()),
  },
  { title: "ValidationError" },
);

/**
 * A 429's body, as older Close clients read it (docs/rate-limits.md). Documentation only:
 * the error mapper writes it (src/http/errors.ts).
 */
export const RateLimitErrorBody = Type.Object(
  {
    error: Type.Object({
      message: Type.String(),
      rate_reset: Type.Number({ description: "Seconds until one more request is admitted" }),
      rate_limit: Type.Integer(),
      rate_window: Type.Number({ description: "Seconds" }),
      rate_limit_type: Type.Enum(["key", "organization"]),
    }),
  },
  { title: "RateLimitError" },
);

/** A string field that also accepts null. One `type` keyword, so a bad value yields one error. */
export function NullableString<T extends TSchema>(schema: T) {
  return Type.Unsafe<string | null>({ ...schema, type: ["string", "null"] });
}

/** A text field: a string of plain text (see `PLAIN_TEXT_PATTERN`). */
export function Text(options: { minLength?: number; maxLength?: number } = {}) {
  return Type.String({ ...options, pattern: PLAIN_TEXT_PATTERN });
}

/** A Close object ID of one kind, e.g. `IdOf("phon_")`. */
export function IdOf(prefix: string) {
  return Type.String({ pattern: `^${prefix}[A-Za-z0-9]{1,100}$` });
}

export const Timestamp = Type.String({ description: "ISO 8601, UTC, microseconds" });

/** Query parameters every object response accepts. */
export const ObjectQuery = Type.Object({
  _fields: Type.Optional(
    Type.String({ description: "Comma-separated top-level fields to return" }),
  ),
});

/** The errors a route can answer with, for the OpenAPI document. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      status === 400 ? Type.Union([ValidationErrorBody, ErrorBody]) : ErrorBody,
    ]),
  );
}

/** One of `values`, or null. */
export function NullableEnum<T extends string>(values: readonly T[]) {
  return Type.Unsafe<T | null>({ type: ["string", "null"], enum: [...values, null] });
}
