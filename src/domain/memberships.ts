import {
  isPredefinedRoleSlug,
  MANAGE_ORGANIZATION,
  type Permission,
  PREDEFINED_ROLES,
  sortPermissions,
} from "./permissions.ts";

export const AUTO_RECORD_CALLS = ["unset", "enabled", "disabled"] as const;
export type AutoRecordCalls = (typeof AUTO_RECORD_CALLS)[number];
export const CALLER_ID_MODES = ["fixed", "auto"] as const;
export type CallerIdMode = (typeof CALLER_ID_MODES)[number];

/** A membership as Close shows it (docs/compatibility.md, Memberships), plus whether it is active. */
export interface Membership {
  id: string;
  user_id: string;
  organization_id: string;
  role_id: string;
  role: string;
  permissions_granted: Permission[];
  auto_record_calls: AutoRecordCalls;
  default_caller_id: string | null;
  default_caller_id_mode: CallerIdMode;
  hangup_recording_url: string | null;
  may_workflows_impersonate: boolean;
  track_email_opens: boolean;
  primary_personal_number: string | null;
  is_free: boolean;
  onboarding_status: string;
  date_created: string;
  date_updated: string;
  active: boolean;
}

/** The fields a membership update may change (the seed's `role_id` and `auto_record_calls`, and the rest of the membership fields). */
export interface MembershipPatch {
  role_id?: string;
  auto_record_calls?: "enabled" | "disabled";
  default_caller_id?: string | null;
  default_caller_id_mode?: CallerIdMode;
  hangup_recording_url?: string | null;
  may_workflows_impersonate?: boolean;
  track_email_opens?: boolean;
}

export const MEMBERSHIP_PATCH_FIELDS = [
  "role_id",
  "auto_record_calls",
  "default_caller_id",
  "default_caller_id_mode",
  "hangup_recording_url",
  "may_workflows_impersonate",
  "track_email_opens",
] as const satisfies readonly (keyof MembershipPatch)[];

/**
 * A membership's permissions: a predefined role's from the catalogue, a custom role's from
 * the role itself (passed in by the caller, which read it in the same transaction).
 */
export function permissionsOfRole(
  roleId: string,
  customRolePermissions: readonly string[] | null,
): Permission[] {
  if (isPredefinedRoleSlug(roleId)) return [...PREDEFINED_ROLES[roleId].permissions];
  return sortPermissions(customRolePermissions ?? []);
}

export function grantsManageOrganization(permissions: readonly string[]): boolean {
  return permissions.includes(MANAGE_ORGANIZATION);
}

/**
 * The fields whose value differs between two versions of an object, in a stable order.
 * Used for the no-op rule (nothing differs: no write, no event) and for an event's
 * `changed_fields`.
 */
export function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = Object.keys(after) as (keyof T)[];
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(String)
    .sort();
}

/** A membership as a client sees it: everything but the internal `active` flag. */
export function toPublicMembership(membership: Membership): Omit<Membership, "active"> {
  const { active: _active, ...visible } = membership;
  return visible;
}
