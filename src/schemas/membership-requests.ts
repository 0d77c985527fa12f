import { Type } from "typebox";
import { PageQuery } from "../http/pagination.ts";
import { IdOf } from "./common.ts";
import { MembershipPatchSchema } from "./membership.ts";

/** `POST /membership/`: who joins, and as what. */
export const MembershipCreateSchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    role_id: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false, title: "MembershipCreate" },
);

/** `PUT /membership/`: which memberships, as a comma-separated list (query or `_params`). */
export const BulkUpdateQuery = Type.Object({
  id__in: Type.Optional(
    Type.String({ description: "Comma-separated membership IDs, at most 1000" }),
  ),
});

/**
 * `PUT /membership/`'s body: the patch, and Close's `_params` (query parameters sent in the
 * body, for ID lists too long for a URL). `_params` is merged into the query and taken out of
 * the body before validation (src/http/fields.ts), so here it only documents the form.
 */
export const BulkUpdateBodySchema = Type.Object(
  {
    ...MembershipPatchSchema.properties,
    _params: Type.Optional(
      Type.Object(
        {
          id__in: Type.Optional(
            Type.Union([Type.String(), Type.Array(Type.String())], {
              description: "The membership IDs: comma-separated, or a list; at most 1000",
            }),
          ),
        },
        {
          description:
            "Query parameters sent in the body (Close's form for long ID lists); they win over the query's",
        },
      ),
    ),
  },
  { additionalProperties: false, title: "MembershipBulkUpdate" },
);

export const BulkUpdateResult = Type.Object({ count: Type.Integer() });

/** `GET /membership/` (extension): filters and paging. */
export const MembershipListQuery = Type.Object({
  ...PageQuery,
  _fields: Type.Optional(Type.String()),
  role_id: Type.Optional(Type.String()),
  user_id: Type.Optional(Type.String()),
  status: Type.Optional(Type.Enum(["active", "inactive"])),
  /** Case-insensitive part of the member's email or name. */
  query: Type.Optional(Type.String({ maxLength: 200 })),
  /** `user`: each membership also carries its user's `{id, email, first_name, last_name}`. */
  _expand: Type.Optional(Type.Enum(["user"])),
});

export const PinnedViewsSchema = Type.Object(
  { saved_view_ids: Type.Array(IdOf("save_"), { maxItems: 100, uniqueItems: true }) },
  { additionalProperties: false },
);
