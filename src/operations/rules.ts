import type { Actor } from "../domain/actor.ts";
import { isIdOf } from "../domain/ids.ts";
import { permissionsOfRole } from "../domain/memberships.ts";
import {
  assertGranted,
  isPredefinedRoleSlug,
  MANAGE_ORGANIZATION,
  type Permission,
} from "../domain/permissions.ts";
import { RosterError } from "../errors.ts";
import { findMembership, hasActiveAdmin } from "../store/memberships.ts";
import { lockOrganization } from "../store/organizations.ts";
import { findRole } from "../store/roles.ts";
import type { Tx } from "../store/store.ts";

/**
 * The start of every write that needs `manage_organization` (memberships, roles, the
 * organization): lock the organization, so that writers of one organization run one at a
 * time and its cross-row rules hold, then re-check the actor inside that lock.
 */
export async function beginOrganizationWrite(tx: Tx, actor: Actor): Promise<void> {
  if (!(await lockOrganization(tx, actor.organizationId)))
    throw RosterError.notFound("Organization");
  await assertActorMay(tx, actor, MANAGE_ORGANIZATION);
}

/**
 * The authoritative permission check of a write: the actor's membership is read again inside
 * the unit's transaction, so a demotion committed a moment ago is seen (the check at the
 * route is only the early answer). On PostgreSQL the row stays share-locked until the end of
 * the transaction, so the actor cannot be demoted while their write is in flight. The CLI
 * acts without a membership and is not checked.
 */
export async function assertActorMay(tx: Tx, actor: Actor, permission: Permission): Promise<void> {
  if (actor.membershipId === null) return;
  if (actor.permissions) return assertGranted(actor.permissions, permission);
  const membership = await findMembership(tx, actor.organizationId, actor.membershipId, "share");
  if (!membership?.active) throw new RosterError("unauthorized", "Your membership is not active.");
  assertGranted(membership.permissions_granted, permission);
}

/**
 * The admin invariant (docs/compatibility.md, Permissions and roles): an organization keeps at least one active membership whose
 * role grants `manage_organization`. Called after the write, inside the same transaction
 * and with the organization locked, so that a violation rolls the write back.
 */
export async function assertAdminRemains(tx: Tx, organizationId: string): Promise<void> {
  if (!(await hasActiveAdmin(tx, organizationId))) {
    throw new RosterError(
      "invariant",
      "This change would leave the organization without an active member who can manage it (an admin). Make another member an admin first.",
    );
  }
}

/**
 * Resolves what a client may send as `role_id` — a predefined slug, the `role_...` ID of a
 * predefined role, or a custom role's ID of the same organization — to what a membership
 * stores (the slug, or the custom role's ID). Undefined when it names no role of this
 * organization.
 */
export async function resolveRoleRef(
  tx: Tx,
  organizationId: string,
  ref: string,
): Promise<{ roleId: string; permissions: Permission[] } | undefined> {
  if (isPredefinedRoleSlug(ref)) return { roleId: ref, permissions: permissionsOfRole(ref, null) };
  if (!isIdOf("role", ref)) return undefined;
  const role = await findRole(tx, organizationId, ref);
  if (!role) return undefined;
  return { roleId: role.slug ?? role.id, permissions: role.permissions };
}
