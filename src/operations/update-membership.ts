import type { Actor } from "../domain/actor.ts";
import {
  type Membership,
  type MembershipPatch,
  toPublicMembership,
} from "../domain/memberships.ts";
import { MANAGE_ORGANIZATION } from "../domain/permissions.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import { recordEvent } from "../store/events.ts";
import { findMembership, updateMembershipRow } from "../store/memberships.ts";
import { lockOrganization } from "../store/organizations.ts";
import type { MembershipRow } from "../store/schema.ts";
import type { Tx } from "../store/store.ts";
import { assertActorMay, assertAdminRemains, resolveRoleRef } from "./rules.ts";

/**
 * The seed endpoint's unit of work: `PUT /membership/{id}/`. Checks the actor, applies the
 * partial update, keeps the admin invariant and records the `updated` event, all in `tx`.
 * A patch that changes nothing writes nothing and records no event.
 */
export async function updateMembership(
  tx: Tx,
  actor: Actor,
  membershipId: string,
  patch: MembershipPatch,
  now: Date,
): Promise<Membership> {
  await lockOrganization(tx, actor.organizationId);
  await assertActorMay(tx, actor, MANAGE_ORGANIZATION);
  const before = await findMembership(tx, actor.organizationId, membershipId);
  if (!before) throw RosterError.notFound("Membership");
  if (!before.active) {
    throw new RosterError("bad_request", "This membership is inactive and cannot be updated.");
  }

  const changes: Partial<MembershipRow> = {};
  if (patch.role_id !== undefined) {
    const role = await resolveRoleRef(tx, actor.organizationId, patch.role_id);
    if (!role) throw RosterError.validation({ role_id: "Role does not exist." });
    changes.role_id = role.roleId;
  }
  if (patch.auto_record_calls !== undefined) changes.auto_record_calls = patch.auto_record_calls;
  if (patch.default_caller_id !== undefined) changes.default_caller_id = patch.default_caller_id;
  if (patch.default_caller_id_mode !== undefined)
    changes.default_caller_id_mode = patch.default_caller_id_mode;
  if (patch.hangup_recording_url !== undefined)
    changes.hangup_recording_url = patch.hangup_recording_url;
  if (patch.may_workflows_impersonate !== undefined) {
    changes.may_workflows_impersonate = patch.may_workflows_impersonate ? 1 : 0;
  }
  if (patch.track_email_opens !== undefined)
    changes.track_email_opens = patch.track_email_opens ? 1 : 0;

  const differing = Object.entries(changes).filter(
    ([field, value]) => rowValue(before, field as keyof MembershipRow) !== value,
  );
  if (differing.length === 0) return before;

  await updateMembershipRow(tx, membershipId, {
    ...Object.fromEntries(differing),
    date_updated: formatTimestamp(now),
  });
  if (changes.role_id !== undefined && changes.role_id !== before.role_id) {
    await assertAdminRemains(tx, actor.organizationId);
  }
  const after = await findMembership(tx, actor.organizationId, membershipId);
  if (!after) throw new RosterError("internal", "Membership vanished inside its own transaction.");
  await recordEvent(tx, actor, {
    objectType: "membership",
    objectId: membershipId,
    action: "updated",
    previous: toPublicMembership(before),
    data: toPublicMembership(after),
    now,
  });
  return after;
}

/** The stored form of a membership field, for comparing a requested change with the current value. */
function rowValue(membership: Membership, field: keyof MembershipRow): unknown {
  const value = membership[field as keyof Membership];
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}
