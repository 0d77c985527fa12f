import type { Actor } from "../domain/actor.ts";
import { MANAGE_ORGANIZATION } from "../domain/permissions.ts";
import { RosterError } from "../errors.ts";
import { findPinnedViews, updateMembershipRow } from "../store/memberships.ts";
import type { Tx } from "../store/store.ts";
import { assertActorMay } from "./rules.ts";

/** A member manages their own pinned views; someone else's need `manage_organization`. */
async function assertMayManage(tx: Tx, actor: Actor, membershipId: string): Promise<void> {
  if (actor.membershipId !== membershipId) await assertActorMay(tx, actor, MANAGE_ORGANIZATION);
}

export async function getPinnedViews(
  tx: Tx,
  actor: Actor,
  membershipId: string,
): Promise<string[]> {
  const views = await findPinnedViews(tx, actor.organizationId, membershipId);
  if (!views) throw RosterError.notFound("Membership");
  await assertMayManage(tx, actor, membershipId);
  return views;
}

/** Replaces the list, keeping the order given. */
export async function setPinnedViews(
  tx: Tx,
  actor: Actor,
  membershipId: string,
  ids: string[],
): Promise<string[]> {
  if (!(await findPinnedViews(tx, actor.organizationId, membershipId)))
    throw RosterError.notFound("Membership");
  await assertMayManage(tx, actor, membershipId);
  await updateMembershipRow(tx, membershipId, { pinned_view_ids: JSON.stringify(ids) });
  return ids;
}
