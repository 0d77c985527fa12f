import type { Actor } from "../domain/actor.ts";
import { isIdOf } from "../domain/ids.ts";
import {
  grantsManageOrganization,
  type Membership,
  type MembershipPatch,
  toPublicMembership,
} from "../domain/memberships.ts";
import {
  isPredefinedRoleSlug,
  MANAGE_ORGANIZATION,
  type Permission,
} from "../domain/permissions.ts";
import { formatTimestamp } from "../domain/time.ts";
import { type FieldErrors, fieldErrorsOf, RosterError } from "../errors.ts";
import { recordEvent } from "../store/events.ts";
import { findMembership, findMemberships, membershipRowUpdate } from "../store/memberships.ts";
import { lockOrganization } from "../store/organizations.ts";
import type { MembershipRow } from "../store/schema.ts";
import { isPostgres, type Tx } from "../store/store.ts";
import {
  assertActorMay,
  assertAdminRemains,
  beginOrganizationWrite,
  resolveRoleRef,
} from "./rules.ts";

/** Most IDs one bulk update may name (docs/compatibility.md, Memberships). */
export const BULK_UPDATE_MAX_IDS = 1000;

/** A patch in stored columns, with its role (if any) resolved once for any number of members. */
interface ResolvedPatch {
  columns: Partial<MembershipRow>;
  /** The permissions of the role the patch assigns, when it assigns one. */
  rolePermissions?: Permission[];
}

async function resolvePatch(
  tx: Tx,
  organizationId: string,
  patch: MembershipPatch,
): Promise<ResolvedPatch> {
  const resolved: ResolvedPatch = { columns: {} };
  const { columns } = resolved;
  if (patch.role_id !== undefined) {
    const role = await resolveRoleRef(tx, organizationId, patch.role_id);
    if (!role) throw RosterError.validation({ role_id: "Role does not exist." });
    columns.role_id = role.roleId;
    resolved.rolePermissions = role.permissions;
  }
  if (patch.auto_record_calls !== undefined) columns.auto_record_calls = patch.auto_record_calls;
  if (patch.default_caller_id !== undefined) columns.default_caller_id = patch.default_caller_id;
  if (patch.default_caller_id_mode !== undefined) {
    columns.default_caller_id_mode = patch.default_caller_id_mode;
  }
  if (patch.hangup_recording_url !== undefined) {
    columns.hangup_recording_url = patch.hangup_recording_url;
  }
  if (patch.may_workflows_impersonate !== undefined) {
    columns.may_workflows_impersonate = patch.may_workflows_impersonate ? 1 : 0;
  }
  if (patch.track_email_opens !== undefined) {
    columns.track_email_opens = patch.track_email_opens ? 1 : 0;
  }
  return resolved;
}

/**
 * The checks of a patch beyond its schema (`role_id` names a role of the organization), for
 * a body whose other fields failed theirs (`config.fieldChecks`).
 */
export function patchFieldErrors(
  tx: Tx,
  organizationId: string,
  patch: MembershipPatch,
): Promise<FieldErrors> {
  return fieldErrorsOf(() => resolvePatch(tx, organizationId, patch));
}

/** Whether applying `patch` to `membership` could take away its `manage_organization`. */
function mayRemoveAdmin(membership: Membership, patch: ResolvedPatch): boolean {
  return (
    patch.rolePermissions !== undefined &&
    grantsManageOrganization(membership.permissions_granted) &&
    !grantsManageOrganization(patch.rolePermissions)
  );
}

/** The stored form of a membership field, to compare a requested value with the current one. */
function storedValue(membership: Membership, column: string): unknown {
  const value = membership[column as keyof Membership];
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}

function assertActive(membership: Membership): void {
  if (!membership.active) {
    throw new RosterError(
      "bad_request",
      `Membership ${membership.id} is inactive and cannot be updated.`,
    );
  }
}

/**
 * Writes the columns that differ from `before` and records the `updated` event. A repeat of
 * current values writes nothing and records nothing. The new version is derived from
 * `before` and the change, exactly as re-reading the row would give it.
 */
async function applyPatch(
  tx: Tx,
  actor: Actor,
  before: Membership,
  patch: ResolvedPatch,
  now: Date,
): Promise<Membership> {
  const differing = Object.entries(patch.columns).filter(
    ([column, value]) => storedValue(before, column) !== value,
  );
  if (differing.length === 0) return before;
  const dateUpdated = formatTimestamp(now);
  // Written with the event (one round trip on PostgreSQL).
  const write = membershipRowUpdate(tx, before.id, {
    ...Object.fromEntries(differing),
    date_updated: dateUpdated,
  });
  const after: Membership = { ...before, date_updated: dateUpdated };
  for (const [column, value] of differing) {
    const field = column as keyof Membership;
    Object.assign(after, { [field]: typeof before[field] === "boolean" ? value === 1 : value });
  }
  if (patch.columns.role_id !== undefined && patch.rolePermissions) {
    after.role = patch.columns.role_id;
    after.permissions_granted = patch.rolePermissions;
  }
  await recordEvent(tx, actor, {
    objectType: "membership",
    objectId: before.id,
    action: "updated",
    previous: toPublicMembership(before),
    data: toPublicMembership(after),
    now,
    write,
  });
  return after;
}

/**
 * `PUT /membership/{id}/` (the seed): a partial update of one active membership, keeping the
 * admin invariant, with its `updated` event — all in `tx`.
 *
 * Locking (it matters on PostgreSQL; SQLite serializes writers): a change that could remove
 * an admin, or that assigns a custom role, locks the organization first, so such changes run
 * one at a time with role edits and deletes, and the invariant check sees every earlier one.
 * Any other change — the common case — locks only
 * the actor's membership (shared) and the target's (exclusive), so writes to different
 * members of one organization run in parallel.
 */
export async function updateMembership(
  tx: Tx,
  actor: Actor,
  membershipId: string,
  patch: MembershipPatch,
  now: Date,
): Promise<Membership> {
  // A custom role's permissions, and its existence, change only under the organization's
  // lock (role edits and deletes take it): assigning one takes that lock first, so the role
  // cannot lose manage_organization, or vanish, between this read and the commit.
  let organizationLocked = patch.role_id !== undefined && !isPredefinedRoleSlug(patch.role_id);
  if (organizationLocked) await lockOrganization(tx, actor.organizationId);
  const resolved = await resolvePatch(tx, actor.organizationId, patch);
  // Only PostgreSQL runs writers of one organization concurrently; SQLite needs no glance.
  const glance =
    !organizationLocked && resolved.rolePermissions && isPostgres(tx)
      ? await findMembership(tx, actor.organizationId, membershipId)
      : undefined;
  if (glance && mayRemoveAdmin(glance, resolved)) {
    await lockOrganization(tx, actor.organizationId);
    organizationLocked = true;
  }
  // An actor authenticated inside this unit was read before the organization's lock; under
  // that lock (custom roles, admins) read again, so a role edit committed meanwhile is seen.
  await assertActorMay(
    tx,
    organizationLocked ? { ...actor, permissions: undefined } : actor,
    MANAGE_ORGANIZATION,
  );
  const before = await findMembership(tx, actor.organizationId, membershipId, "update");
  if (!before) throw RosterError.notFound("Membership");
  assertActive(before);
  if (mayRemoveAdmin(before, resolved) && !organizationLocked) {
    // The member became an admin since the glance: take the invariant's lock after all.
    await lockOrganization(tx, actor.organizationId);
    organizationLocked = true;
  }
  const after = await applyPatch(tx, actor, before, resolved, now);
  if (organizationLocked && after !== before) await assertAdminRemains(tx, actor.organizationId);
  return after;
}

/** Splits and checks `id__in`: present, well-formed, no duplicates, at most 1000. */
export function parseIdList(raw: string | undefined): string[] {
  const ids = (raw ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) throw RosterError.validation({ id__in: "This field is required." });
  if (ids.length > BULK_UPDATE_MAX_IDS) {
    throw RosterError.validation({
      id__in: `Ensure this field has no more than ${BULK_UPDATE_MAX_IDS} IDs.`,
    });
  }
  const malformed = ids.filter((id) => !isIdOf("membership", id));
  if (malformed.length > 0) {
    throw RosterError.validation({
      id__in: `Not membership IDs: ${malformed.slice(0, 10).join(", ")}.`,
    });
  }
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length > 0) {
    throw RosterError.validation({
      id__in: `Duplicate IDs: ${[...new Set(duplicates)].slice(0, 10).join(", ")}.`,
    });
  }
  return ids;
}

/**
 * `PUT /membership/` (bulk): the same patch on every listed membership, all or nothing. Any
 * unknown (or other organization's) ID → 404 naming it; any inactive one → 400; the admin
 * invariant is checked once, on the result. Every changed member gets its own event, all
 * with the request's ID.
 */
export async function bulkUpdateMemberships(
  tx: Tx,
  actor: Actor,
  ids: readonly string[],
  patch: MembershipPatch,
  now: Date,
): Promise<{ count: number }> {
  await beginOrganizationWrite(tx, actor);
  // Row locks too: other updates of these members may hold only those (see updateMembership).
  const found = await findMemberships(tx, actor.organizationId, ids, "update");
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new RosterError(
      "not_found",
      `Memberships do not exist: ${missing.slice(0, 10).join(", ")}.`,
    );
  }
  const resolved = await resolvePatch(tx, actor.organizationId, patch);
  let removesAdmin = false;
  for (const id of ids) {
    const before = found.get(id) as Membership;
    assertActive(before);
    removesAdmin ||= mayRemoveAdmin(before, resolved);
    await applyPatch(tx, actor, before, resolved, now);
  }
  if (removesAdmin) await assertAdminRemains(tx, actor.organizationId);
  return { count: ids.length };
}
