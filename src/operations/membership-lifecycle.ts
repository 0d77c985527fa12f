import type { Actor } from "../domain/actor.ts";
import { domainOf, normalizeEmail } from "../domain/emails.ts";
import { newId } from "../domain/ids.ts";
import {
  grantsManageOrganization,
  type Membership,
  toPublicMembership,
} from "../domain/memberships.ts";
import { formatTimestamp } from "../domain/time.ts";
import { collectFieldErrors, type FieldErrors, RosterError } from "../errors.ts";
import { revokeCredentialsOfMembership } from "../store/credentials.ts";
import { recordEvent } from "../store/events.ts";
import {
  findMembership,
  findMembershipOfUser,
  insertMembership,
  newMembershipRow,
  updateMembershipRow,
} from "../store/memberships.ts";
import { findOrganization, type Organization } from "../store/organizations.ts";
import type { Tx } from "../store/store.ts";
import { findUserByEmail, insertUser } from "../store/users.ts";
import { assertAdminRemains, beginOrganizationWrite, resolveRoleRef } from "./rules.ts";

/**
 * Joining and leaving: `POST /membership/` (create or re-activate) and
 * `DELETE /membership/{id}/` (deactivate), plus the pieces the CLI's provisioning shares.
 */

export interface NewPerson {
  email: string;
  firstName?: string;
  lastName?: string;
}

/**
 * The user with this email (compared case-insensitively), created if there is none. The same
 * statements run either way (an insert that yields to an existing user, then a read), so an
 * organization enrolling an email cannot tell from the answer or its timing whether the
 * person already has an account elsewhere.
 */
export async function findOrCreateUser(tx: Tx, person: NewPerson, now: Date): Promise<string> {
  const email = normalizeEmail(person.email);
  const stamp = formatTimestamp(now);
  await insertUser(tx, {
    id: newId("user"),
    email,
    first_name: person.firstName ?? "",
    last_name: person.lastName ?? "",
    image: null,
    date_created: stamp,
    date_updated: stamp,
  });
  const user = await findUserByEmail(tx, email);
  if (!user) throw new RosterError("internal", "User vanished inside its own transaction.");
  return user.id;
}

/**
 * A new active membership with the documented defaults (docs/compatibility.md, Memberships),
 * and its `created` event. `person` holds the names this organization gives the user.
 */
export async function insertMembershipWithEvent(
  tx: Tx,
  actor: Actor,
  userId: string,
  roleId: string,
  now: Date,
  person: Omit<NewPerson, "email"> = {},
): Promise<Membership> {
  const row = newMembershipRow(actor.organizationId, userId, roleId, formatTimestamp(now), person);
  const { id } = row;
  await insertMembership(tx, row);
  const created = await findMembership(tx, actor.organizationId, id);
  if (!created)
    throw new RosterError("internal", "Membership vanished inside its own transaction.");
  await recordEvent(tx, actor, {
    objectType: "membership",
    objectId: id,
    action: "created",
    previous: null,
    data: toPublicMembership(created),
    now,
  });
  return created;
}

/**
 * `POST /membership/` under Close's rules since 2026-07-16: the organization must restrict
 * new users to its verified email domains (else 403), the email's domain must be one of
 * them (else 400), and the role must not grant `manage_organization` (else 403). An unknown
 * email gets a new user; an inactive membership is re-activated with the given role; an
 * active one is returned unchanged.
 */
/**
 * The fields of a new member, all reported at once: an email on one of the organization's
 * verified domains and a role of the organization. Given only the fields that passed their
 * schema when others did not (`config.fieldChecks`), it checks those.
 */
export async function checkNewMember(
  tx: Tx,
  organization: Organization,
  input: { email?: string; role_id?: string },
) {
  const errors: FieldErrors = {};
  const email = collectFieldErrors(errors, input.email, normalizeEmail);
  if (email !== undefined && !organization.verified_email_domains.includes(domainOf(email))) {
    errors.email = "The email's domain is not one of the organization's verified domains.";
  }
  const role =
    input.role_id === undefined
      ? undefined
      : await resolveRoleRef(tx, organization.id, input.role_id);
  if (input.role_id !== undefined && !role) errors.role_id = "Role does not exist.";
  if (Object.keys(errors).length > 0) throw RosterError.validation(errors);
  return { email: email as string, role: role as NonNullable<typeof role> };
}

export async function createOrActivateMembership(
  tx: Tx,
  actor: Actor,
  input: { email: string; role_id: string },
  now: Date,
): Promise<Membership> {
  await beginOrganizationWrite(tx, actor);
  const organization = await findOrganization(tx, actor.organizationId);
  if (!organization) throw RosterError.notFound("Organization");
  if (!organization.restrict_new_users_to_verified_domains) {
    throw new RosterError(
      "forbidden",
      "Adding members through the API requires the organization to restrict new users to its verified email domains.",
    );
  }
  const { email, role } = await checkNewMember(tx, organization, input);
  if (grantsManageOrganization(role.permissions)) {
    throw new RosterError(
      "forbidden",
      "Members added through the API cannot get a role that grants manage_organization.",
    );
  }

  // One path whether or not the email has an account elsewhere (see findOrCreateUser).
  const userId = await findOrCreateUser(tx, { email }, now);
  const existing = await findMembershipOfUser(tx, actor.organizationId, userId);
  if (existing?.active) return existing;
  if (existing) {
    await updateMembershipRow(tx, existing.id, {
      active: 1,
      role_id: role.roleId,
      date_updated: formatTimestamp(now),
    });
    const activated = (await findMembership(tx, actor.organizationId, existing.id)) as Membership;
    await recordEvent(tx, actor, {
      objectType: "membership",
      objectId: existing.id,
      action: "activated",
      previous: toPublicMembership(existing),
      data: toPublicMembership(activated),
      now,
    });
    return activated;
  }
  return insertMembershipWithEvent(tx, actor, userId, role.roleId, now);
}

/**
 * `DELETE /membership/{id}/`: the user leaves the organization, their data stays. Their keys
 * and tokens are revoked in the same transaction. Repeating it is a no-op; leaving the
 * organization without an admin is refused.
 */
export async function deactivateMembership(
  tx: Tx,
  actor: Actor,
  membershipId: string,
  now: Date,
): Promise<void> {
  await beginOrganizationWrite(tx, actor);
  // The row lock too: updates of this member may hold only that (see updateMembership).
  const membership = await findMembership(tx, actor.organizationId, membershipId, "update");
  if (!membership) throw RosterError.notFound("Membership");
  if (!membership.active) return;
  await updateMembershipRow(tx, membershipId, { active: 0, date_updated: formatTimestamp(now) });
  if (grantsManageOrganization(membership.permissions_granted)) {
    await assertAdminRemains(tx, actor.organizationId);
  }
  await revokeCredentialsOfMembership(tx, membershipId, now);
  await recordEvent(tx, actor, {
    objectType: "membership",
    objectId: membershipId,
    action: "deactivated",
    previous: toPublicMembership(membership),
    data: null,
    now,
  });
}
