import { RosterError } from "../errors.ts";

/**
 * The permission catalogue: every slug Close knows, and the four predefined roles (docs/compatibility.md, Permissions and roles).
 * Everything that asks "may this member do X" goes through `permissionsOfRole`.
 */
export const PERMISSIONS = [
  "bulk_delete",
  "bulk_edit",
  "bulk_email",
  "bulk_import",
  "bulk_sequence_subscriptions",
  "calling",
  "delete_leads",
  "delete_own_activities",
  "delete_own_opportunities",
  "delete_own_tasks",
  "export",
  "manage_customizations",
  "manage_group_numbers",
  "manage_organization",
  "manage_others_activities",
  "manage_others_opportunities",
  "manage_others_tasks",
  "manage_team_smart_views",
  "merge_leads",
  "view_all_leads",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The permission that guards every membership write and the organization itself. */
export const MANAGE_ORGANIZATION: Permission = "manage_organization";

const PERMISSION_SET: ReadonlySet<string> = new Set(PERMISSIONS);

export function isPermission(slug: string): slug is Permission {
  return PERMISSION_SET.has(slug);
}

const RESTRICTED: readonly Permission[] = [
  "calling",
  "delete_own_activities",
  "delete_own_opportunities",
  "delete_own_tasks",
  "view_all_leads",
];
const USER: readonly Permission[] = [
  ...RESTRICTED,
  "bulk_email",
  "bulk_import",
  "bulk_sequence_subscriptions",
  "delete_leads",
  "manage_others_activities",
  "manage_others_opportunities",
  "manage_others_tasks",
  "merge_leads",
];
const SUPERUSER: readonly Permission[] = [
  ...USER,
  "bulk_delete",
  "bulk_edit",
  "export",
  "manage_customizations",
  "manage_group_numbers",
  "manage_team_smart_views",
];

export const PREDEFINED_ROLES = {
  admin: { name: "Admin", permissions: sortPermissions(PERMISSIONS) },
  superuser: { name: "Super User", permissions: sortPermissions(SUPERUSER) },
  user: { name: "User", permissions: sortPermissions(USER) },
  restricteduser: { name: "Restricted User", permissions: sortPermissions(RESTRICTED) },
} as const;

export type PredefinedRoleSlug = keyof typeof PREDEFINED_ROLES;

export const PREDEFINED_ROLE_SLUGS = Object.keys(PREDEFINED_ROLES) as PredefinedRoleSlug[];

export function isPredefinedRoleSlug(value: string): value is PredefinedRoleSlug {
  return Object.hasOwn(PREDEFINED_ROLES, value);
}

export function sortPermissions(permissions: readonly string[]): Permission[] {
  return [...new Set(permissions)].filter(isPermission).sort();
}

/** The one permission check: 403 unless `granted` includes `permission`. */
export function assertGranted(granted: readonly string[], permission: Permission): void {
  if (!granted.includes(permission)) {
    throw new RosterError("forbidden", `This action requires the ${permission} permission.`);
  }
}
