import type { Membership } from "../../domain/memberships.ts";
import { listMembershipsWithUsers } from "../../store/memberships.ts";
import type { Organization } from "../../store/organizations.ts";
import type { Tx } from "../../store/store.ts";
import type { User } from "../../store/users.ts";

/**
 * A membership as nested in its organization: its user flattened into `user_*`, or expanded.
 * The membership's own `active` stays on the object: the response schema does not list it, so
 * the serializer leaves it out (copying every member without it costs more than the rest).
 */
function nested(membership: Membership, user: User, expand: boolean) {
  if (expand) return Object.assign(membership, { user });
  return Object.assign(membership, {
    user_email: user.email,
    user_first_name: user.first_name,
    user_last_name: user.last_name,
    user_full_name: `${user.first_name} ${user.last_name}`.trim(),
  });
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
  const active = expanded.has("memberships__user");
  const inactive = expanded.has("inactive_memberships__user");
  const memberships = [];
  const inactiveMemberships = [];
  for (const { membership, user } of await listMembershipsWithUsers(tx, organization.id)) {
    if (membership.active) memberships.push(nested(membership, user, active));
    else inactiveMemberships.push(nested(membership, user, inactive));
  }
  return { ...organization, memberships, inactive_memberships: inactiveMemberships };
}
