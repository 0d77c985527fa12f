import type { Actor } from "../domain/actor.ts";
import { newId } from "../domain/ids.ts";
import { MANAGE_ORGANIZATION } from "../domain/permissions.ts";
import { type RoleContent, type RoleInput, validateRoleContent } from "../domain/roles.ts";
import { formatTimestamp } from "../domain/time.ts";
import { type FieldErrors, fieldErrorsOf, RosterError } from "../errors.ts";
import {
  countMembershipsOnRole,
  deleteRoleRow,
  findRole,
  insertRole,
  type Role,
  roleNameTaken,
  updateRoleRow,
} from "../store/roles.ts";
import type { Tx } from "../store/store.ts";
import { assertAdminRemains, beginOrganizationWrite } from "./rules.ts";

/**
 * The Roles API's units of work (docs/compatibility.md, Roles). Each locks the organization and re-checks the
 * actor first, so name uniqueness and the admin invariant hold under concurrent requests.
 */

const EMPTY_ROLE: RoleContent = {
  name: "",
  permissions: [],
  visibility_user_lcf_ids: null,
  visibility_user_lcf_behavior: null,
};

async function assertNameFree(
  tx: Tx,
  organizationId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  if (await roleNameTaken(tx, organizationId, name, exceptId)) {
    throw RosterError.validation({ name: "A role with this name already exists." });
  }
}

function contentColumns(content: RoleContent) {
  return {
    name: content.name,
    name_key: content.name.toLowerCase(),
    permissions: JSON.stringify(content.permissions),
    visibility_user_lcf_ids:
      content.visibility_user_lcf_ids && JSON.stringify(content.visibility_user_lcf_ids),
    visibility_user_lcf_behavior: content.visibility_user_lcf_behavior,
  };
}

async function findEditableRole(tx: Tx, actor: Actor, id: string, verb: string): Promise<Role> {
  const role = await findRole(tx, actor.organizationId, id);
  if (!role) throw RosterError.notFound("Role");
  if (!role.editable) throw new RosterError("bad_request", `Predefined roles cannot be ${verb}.`);
  return role;
}

export async function createRole(tx: Tx, actor: Actor, input: RoleInput, now: Date): Promise<Role> {
  await beginOrganizationWrite(tx, actor);
  const content = validateRoleContent(EMPTY_ROLE, input);
  await assertNameFree(tx, actor.organizationId, content.name);
  const id = newId("role");
  const stamp = formatTimestamp(now);
  await insertRole(tx, {
    id,
    organization_id: actor.organizationId,
    slug: null,
    editable: 1,
    ...contentColumns(content),
    date_created: stamp,
    date_updated: stamp,
  });
  return (await findRole(tx, actor.organizationId, id)) as Role;
}

/**
 * Edits a custom role. Its members' `permissions_granted` follow at once (they are derived
 * from the role); removing `manage_organization` from the last admins' role is refused.
 */
export async function updateRole(
  tx: Tx,
  actor: Actor,
  id: string,
  input: RoleInput,
  now: Date,
): Promise<Role> {
  await beginOrganizationWrite(tx, actor);
  const role = await findEditableRole(tx, actor, id, "edited");
  const content = validateRoleContent(role, input);
  // Close: `{}` (or a repeat of the current values) is a no-op — no write, no new date_updated.
  const keys = Object.keys(content) as (keyof RoleContent)[];
  if (keys.every((key) => JSON.stringify(content[key]) === JSON.stringify(role[key]))) return role;
  if (content.name.toLowerCase() !== role.name.toLowerCase()) {
    await assertNameFree(tx, actor.organizationId, content.name, id);
  }
  await updateRoleRow(tx, id, { ...contentColumns(content), date_updated: formatTimestamp(now) });
  if (
    role.permissions.includes(MANAGE_ORGANIZATION) &&
    !content.permissions.includes(MANAGE_ORGANIZATION)
  ) {
    await assertAdminRemains(tx, actor.organizationId);
  }
  return (await findRole(tx, actor.organizationId, id)) as Role;
}

/** Deletes a custom role that no membership, active or inactive, uses. */
export async function deleteRole(tx: Tx, actor: Actor, id: string): Promise<void> {
  await beginOrganizationWrite(tx, actor);
  await findEditableRole(tx, actor, id, "deleted");
  const members = await countMembershipsOnRole(tx, actor.organizationId, id);
  if (members > 0) {
    throw new RosterError(
      "bad_request",
      `This role is used by ${members} ${members === 1 ? "membership" : "memberships"}; move them to another role first.`,
    );
  }
  await deleteRoleRow(tx, id);
}

/** The fields whose values the lead-visibility rule reads together. */
const VISIBILITY_INPUTS = [
  "permissions",
  "visibility_user_lcf_ids",
  "visibility_user_lcf_behavior",
];

/**
 * A role body's checks beyond its schema, on the fields that passed it when others did not
 * (`config.fieldChecks`): catalogue permissions, a free name, and lead visibility unless one
 * of the fields that rule reads failed its schema. `roleId` is the role an update edits.
 */
export async function roleFieldErrors(
  tx: Tx,
  organizationId: string,
  roleId: string | undefined,
  passed: RoleInput,
  failed: ReadonlySet<string>,
): Promise<FieldErrors> {
  const current = roleId === undefined ? EMPTY_ROLE : await findRole(tx, organizationId, roleId);
  if (!current) return {};
  const errors = await fieldErrorsOf(() => validateRoleContent(current, passed));
  if (VISIBILITY_INPUTS.some((field) => failed.has(field))) {
    delete errors.visibility_user_lcf_ids;
    delete errors.visibility_user_lcf_behavior;
  }
  const name = passed.name?.trim();
  if (name && !errors.name) {
    Object.assign(
      errors,
      await fieldErrorsOf(() => assertNameFree(tx, organizationId, name, roleId)),
    );
  }
  return errors;
}
