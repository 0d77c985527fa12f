import { type FieldErrors, RosterError } from "../errors.ts";
import { isPermission, type Permission, sortPermissions } from "./permissions.ts";

/** A role's editable content, as validated by `validateRoleContent`. */
export interface RoleContent {
  name: string;
  permissions: Permission[];
  visibility_user_lcf_ids: string[] | null;
  visibility_user_lcf_behavior: string | null;
}

export interface RoleInput {
  name?: string;
  permissions?: string[];
  visibility_user_lcf_ids?: string[] | null;
  visibility_user_lcf_behavior?: string | null;
}

/**
 * Merges a create/update body into a role and checks the rules Close sets on the result:
 * permissions only from the catalogue (the error names the unknown slug), a non-blank name,
 * and lead visibility that agrees with `view_all_leads` — none when the role sees all leads,
 * both fields set when it does not.
 */
export function validateRoleContent(current: RoleContent, input: RoleInput): RoleContent {
  const errors: FieldErrors = {};
  const name = (input.name ?? current.name).trim();
  if (name === "") errors.name = "This field may not be blank.";

  const unknown = (input.permissions ?? []).filter((slug) => !isPermission(slug));
  if (unknown.length > 0) errors.permissions = `Unknown permission: ${unknown.join(", ")}.`;
  const permissions = input.permissions ? sortPermissions(input.permissions) : current.permissions;

  let ids =
    input.visibility_user_lcf_ids === undefined
      ? current.visibility_user_lcf_ids
      : input.visibility_user_lcf_ids;
  let behavior =
    input.visibility_user_lcf_behavior === undefined
      ? current.visibility_user_lcf_behavior
      : input.visibility_user_lcf_behavior;
  if (permissions.includes("view_all_leads")) {
    // Seeing every lead makes visibility rules meaningless; an empty list means "none" too.
    if ((ids && ids.length > 0) || behavior !== null) {
      const message = "Must be empty when the role has the view_all_leads permission.";
      if (ids && ids.length > 0) errors.visibility_user_lcf_ids = message;
      if (behavior !== null) errors.visibility_user_lcf_behavior = message;
    }
    ids = null;
    behavior = null;
  } else {
    const message = "Required when the role lacks the view_all_leads permission.";
    if (ids === null || ids.length === 0) errors.visibility_user_lcf_ids = message;
    if (behavior === null) errors.visibility_user_lcf_behavior = message;
  }

  if (Object.keys(errors).length > 0) throw RosterError.validation(errors);
  return {
    name,
    permissions,
    visibility_user_lcf_ids: ids ? [...ids] : null,
    visibility_user_lcf_behavior: behavior,
  };
}
