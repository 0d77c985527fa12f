import { Type } from "typebox";
import { AUTO_RECORD_CALLS, CALLER_ID_MODES } from "../domain/memberships.ts";
import { PERMISSIONS } from "../domain/permissions.ts";
import { IdOf, NullableString, Timestamp } from "./common.ts";

/** The membership object (docs/compatibility.md, Memberships). Every response that returns a membership uses this. */
export const MembershipSchema = Type.Object(
  {
    id: Type.String(),
    user_id: Type.String(),
    organization_id: Type.String(),
    role_id: Type.String(),
    role: Type.String(),
    permissions_granted: Type.Array(Type.Enum([...PERMISSIONS])),
    auto_record_calls: Type.Enum([...AUTO_RECORD_CALLS]),
    default_caller_id: NullableString(Type.String()),
    default_caller_id_mode: Type.Enum([...CALLER_ID_MODES]),
    hangup_recording_url: NullableString(Type.String()),
    may_workflows_impersonate: Type.Boolean(),
    track_email_opens: Type.Boolean(),
    primary_personal_number: NullableString(Type.String()),
    is_free: Type.Boolean(),
    onboarding_status: Type.String(),
    date_created: Timestamp,
    date_updated: Timestamp,
  },
  { title: "Membership" },
);

/**
 * The body of `PUT /membership/{id}/` and of the bulk update: every field optional (partial
 * update), nothing else allowed. `auto_record_calls` cannot go back to `unset` (the seed).
 */
export const MembershipPatchSchema = Type.Object(
  {
    role_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    auto_record_calls: Type.Optional(Type.Enum(["enabled", "disabled"])),
    default_caller_id: Type.Optional(NullableString(IdOf("phon_"))),
    default_caller_id_mode: Type.Optional(Type.Enum([...CALLER_ID_MODES])),
    hangup_recording_url: Type.Optional(
      NullableString(
        Type.String({ format: "uri", pattern: "^https?://[^/?#\\s]", maxLength: 2048 }),
      ),
    ),
    may_workflows_impersonate: Type.Optional(Type.Boolean()),
    track_email_opens: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, title: "MembershipUpdate" },
);

/** Fields Close has retired, and what replaced them: named in the error a client gets. */
export const DEPRECATED_FIELDS: Record<string, string> = { record_calls: "auto_record_calls" };

export const MembershipIdParams = Type.Object({ id: Type.String() });
