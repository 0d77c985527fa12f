import { Type } from "typebox";
import { NullableEnum, NullableString, Text, Timestamp } from "./common.ts";

export const VISIBILITY_BEHAVIORS = ["require_assignment", "allow_unassigned"] as const;

/** The Role object (docs/compatibility.md, Roles). */
export const RoleSchema = Type.Object(
  {
    id: Type.String(),
    organization_id: Type.String(),
    name: Type.String(),
    editable: Type.Boolean(),
    permissions: Type.Array(Type.String()),
    visibility_user_lcf_ids: Type.Union([Type.Array(Type.String()), Type.Null()]),
    visibility_user_lcf_behavior: NullableString(Type.String()),
    date_created: Timestamp,
    date_updated: Timestamp,
  },
  { title: "Role" },
);

const roleFields = {
  name: Text({ minLength: 1, maxLength: 100 }),
  // Slugs are checked against the catalogue by the domain, so the error can name the bad one.
  permissions: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 }),
  visibility_user_lcf_ids: Type.Union([
    Type.Array(Type.String({ pattern: "^cf_[A-Za-z0-9]{1,100}$" }), { maxItems: 1000 }),
    Type.Null(),
  ]),
  visibility_user_lcf_behavior: NullableEnum(VISIBILITY_BEHAVIORS),
};

export const RoleCreateSchema = Type.Object(
  {
    name: roleFields.name,
    permissions: Type.Optional(roleFields.permissions),
    visibility_user_lcf_ids: Type.Optional(roleFields.visibility_user_lcf_ids),
    visibility_user_lcf_behavior: Type.Optional(roleFields.visibility_user_lcf_behavior),
  },
  { additionalProperties: false, title: "RoleCreate" },
);

export const RoleUpdateSchema = Type.Partial(RoleCreateSchema, {
  additionalProperties: false,
  title: "RoleUpdate",
});

export const RoleIdParams = Type.Object({ id: Type.String() });
