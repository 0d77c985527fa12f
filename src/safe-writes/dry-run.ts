// Dry runs: the real unit of work, rolled back, and what it would have done to who can do what.
import type { Permission } from "../domain/permissions.ts";
import { membershipFromRow, selectMemberships } from "../store/memberships.ts";
import type { Tx } from "../store/store.ts";

/** One member's change in effective permissions (an inactive member has none). */
export interface PermissionChange {
  membership_id: string;
  gained: Permission[];
  lost: Permission[];
}

/**
 * Thrown at the end of a dry run's unit of work, carrying its answer: the store rolls the
 * unit back (its own transaction, or its SAVEPOINT under SQLite's group commit) with every
 * row it wrote — the change, its event, any outbox row — and the answer still gets out.
 */
export class DryRunRollback extends Error {
  constructor(readonly answer: { body: unknown; permissionDiff: PermissionChange[] }) {
    super("dry run: rolled back");
    this.name = "DryRunRollback";
  }
}

/** What each member of the organization may do right now: their role's permissions if active. */
export async function effectivePermissions(
  tx: Tx,
  organizationId: string,
): Promise<Map<string, readonly Permission[]>> {
  const rows = await selectMemberships(tx)
    .where("memberships.organization_id", "=", organizationId)
    .execute();
  const permissions = new Map<string, readonly Permission[]>();
  for (const row of rows) {
    const membership = membershipFromRow(row);
    permissions.set(membership.id, membership.active ? membership.permissions_granted : []);
  }
  return permissions;
}

/**
 * One entry per affected member: those the write names (`listed`, even when nothing changes
 * for them, in that order), then any other member whose permissions change, by ID.
 */
export function permissionDiff(
  before: Map<string, readonly Permission[]>,
  after: Map<string, readonly Permission[]>,
  listed: readonly string[],
): PermissionChange[] {
  const changeOf = (id: string): PermissionChange => {
    const was = new Set(before.get(id) ?? []);
    const is = new Set(after.get(id) ?? []);
    return {
      membership_id: id,
      gained: [...is].filter((p) => !was.has(p)).sort(),
      lost: [...was].filter((p) => !is.has(p)).sort(),
    };
  };
  const named = [...new Set(listed)].filter((id) => before.has(id) || after.has(id));
  const namedSet = new Set(named);
  const others = [...new Set([...before.keys(), ...after.keys()])]
    .filter((id) => !namedSet.has(id))
    .sort()
    .map(changeOf)
    .filter((change) => change.gained.length > 0 || change.lost.length > 0);
  return [...named.map(changeOf), ...others];
}

/** The active members on a role: whom a role edit affects. */
export async function activeMembersOnRole(
  tx: Tx,
  organizationId: string,
  roleId: string,
): Promise<string[]> {
  const rows = await tx
    .selectFrom("memberships")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("role_id", "=", roleId)
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}
