import { type Membership, toPublicMembership } from "../../domain/memberships.ts";
import { listMembershipsOfOrganization } from "../../store/memberships.ts";
import type { Organization } from "../../store/organizations.ts";
import type { Tx } from "../../store/store.ts";
import { findUsers, type User } from "../../store/users.ts";

/** A membership as nested in its organization: its user flattened into `user_*`, or expanded. */
function nested(membership: Membership, user: User | undefined, expand: boolean) {
  const base = toPublicMembership(membership);
  if (!user) return base;
  if (expand) return { ...base, user };
  return {
    ...base,
    user_email: user.email,
    user_first_name: user.first_name,
    user_last_name: user.last_name,
    user_full_name: `${user.first_name} ${user.last_name}`.trim(),
  };
}

/**
 * The organization object of GET and PUT `/organization/{id}/`: its fields, active
 * `memberships` and `inactive_memberships`. `expand` holds the `_expand` names given
 * (`memberships__user`, `inactive_memberships__user`).
 */
export async function presentOrganization(
  tx: Tx,
  organization: Organization,
  expand: string | undefined,
) {
  const expanded = new Set((expand ?? "").split(",").map((name) => name.trim()));
  const memberships = await listMembershipsOfOrganization(tx, organization.id);
  const users = await findUsers(tx, [...new Set(memberships.map((m) => m.user_id))]);
  const render = (list: Membership[], key: string) =>
    list.map((m) => nested(m, users.get(m.user_id), expanded.has(`${key}__user`)));
  return {
    ...organization,
    memberships: render(
      memberships.filter((m) => m.active),
      "memberships",
    ),
    inactive_memberships: render(
      memberships.filter((m) => !m.active),
      "inactive_memberships",
    ),
  };
}
