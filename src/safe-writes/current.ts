// The stored objects as `If-Match` compares them, read under the organization's lock.
import { toPublicMembership } from "../domain/memberships.ts";
import { findMembership } from "../store/memberships.ts";
import { lockOrganization } from "../store/organizations.ts";
import { findRole } from "../store/roles.ts";
import type { Tx } from "../store/store.ts";

/**
 * A membership as served, for `If-Match`. The organization's lock comes first, as in every
 * unit that changes memberships under it, so locks are always taken in one order; the row
 * itself is then locked by the unit that follows in the same transaction.
 */
export async function currentMembership(
  tx: Tx,
  organizationId: string,
  id: string,
): Promise<unknown> {
  await lockOrganization(tx, organizationId);
  const membership = await findMembership(tx, organizationId, id, "update");
  return membership && toPublicMembership(membership);
}

/** A role as served, for `If-Match`; role writes all take the organization's lock. */
export async function currentRole(tx: Tx, organizationId: string, id: string): Promise<unknown> {
  await lockOrganization(tx, organizationId);
  return findRole(tx, organizationId, id);
}
