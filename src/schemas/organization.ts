import { Type } from "typebox";
import { Text, Timestamp } from "./common.ts";
import { MembershipSchema } from "./membership.ts";
import { UserSchema } from "./user.ts";

/**
 * A membership nested in an organization: the user flattened into `user_*` fields, or, with
 * `_expand=memberships__user`, nested as `user`.
 */
export const OrganizationMembershipSchema = Type.Object(
  {
    ...MembershipSchema.properties,
    user_email: Type.Optional(Type.String()),
    user_first_name: Type.Optional(Type.String()),
    user_last_name: Type.Optional(Type.String()),
    user_full_name: Type.Optional(Type.String()),
    user: Type.Optional(UserSchema),
  },
  { title: "OrganizationMembership" },
);

export const OrganizationSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  created_by: Type.Union([Type.String(), Type.Null()]),
  updated_by: Type.Union([Type.String(), Type.Null()]),
  date_created: Timestamp,
  date_updated: Timestamp,
});

export const OrganizationSchema = Type.Object(
  {
    ...OrganizationSummarySchema.properties,
    verified_email_domains: Type.Array(Type.String(), {
      description: "Roster's name: the domains membership create accepts emails from",
    }),
    restrict_new_users_to_verified_domains: Type.Boolean({
      description: "Roster's name: must be true for membership create to work",
    }),
    memberships: Type.Array(OrganizationMembershipSchema),
    inactive_memberships: Type.Array(OrganizationMembershipSchema),
  },
  { title: "Organization" },
);

export const OrganizationQuery = Type.Object({
  _fields: Type.Optional(Type.String()),
  _expand: Type.Optional(
    Type.String({
      description: "memberships__user,inactive_memberships__user nests each member's user",
    }),
  ),
});

export const OrganizationUpdateSchema = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    verified_email_domains: Type.Optional(
      Type.Array(Type.String({ maxLength: 253 }), { maxItems: 100 }),
    ),
    restrict_new_users_to_verified_domains: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, title: "OrganizationUpdate" },
);

/** An email domain the organization claims (Roster extension): `pending` until proven. */
export const EmailDomainSchema = Type.Object({
  domain: Type.String(),
  status: Type.Union([Type.Literal("pending"), Type.Literal("verified")]),
  verification_record: Type.String({
    description:
      "The TXT record to publish on the domain (roster-domain-verification=<token>) to prove it",
  }),
  date_created: Timestamp,
  date_verified: Type.Union([Timestamp, Type.Null()]),
});

export const EmailDomainParams = Type.Object({
  id: Type.String(),
  domain: Type.String({ maxLength: 253 }),
});
