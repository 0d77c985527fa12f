import type { Actor } from "../domain/actor.ts";
import { isIdOf, newId } from "../domain/ids.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import {
  type CredentialListing,
  createAccessToken,
  createApiKey,
  ensureCliOAuthApp,
  findCredentialListing,
  listApiKeysOfMembership,
  revokeCredential,
} from "../store/credentials.ts";
import { findMembershipOfUser, listMembershipsWithUsers } from "../store/memberships.ts";
import { findOrganization, insertOrganization, lockOrganization } from "../store/organizations.ts";
import { insertPredefinedRoles } from "../store/roles.ts";
import type { Tx } from "../store/store.ts";
import {
  findOrCreateUser,
  insertMembershipWithEvent,
  type NewPerson,
} from "./membership-lifecycle.ts";
import { resolveRoleRef } from "./rules.ts";

/**
 * Operator-side provisioning: the units of work behind `roster org create`, `member add`,
 * `key create|revoke` and `token create`, and the listings that lead an operator back to a
 * lost key (`member list`, `key list`). Tests and the demo seed use the same code.
 */

/** The CLI's actor: the installation's operator, acting in one organization. */
export function operatorActor(organizationId: string, command: string): Actor {
  return {
    organizationId,
    userId: null,
    membershipId: null,
    apiKeyId: null,
    oauthAppId: null,
    requestId: null,
    requestMethod: "CLI",
    requestPath: command,
  };
}

export async function createOrganization(
  tx: Tx,
  input: { name: string; admin: NewPerson },
  now: Date,
): Promise<{ organization_id: string; user_id: string; membership_id: string; api_key: string }> {
  const name = input.name.trim();
  if (name === "") throw RosterError.validation({ name: "This field may not be blank." });
  const organizationId = newId("organization");
  const userId = await findOrCreateUser(tx, input.admin, now);
  const stamp = formatTimestamp(now);
  await insertOrganization(tx, {
    id: organizationId,
    name,
    created_by: userId,
    updated_by: userId,
    restrict_new_users_to_verified_domains: 0,
    date_created: stamp,
    date_updated: stamp,
  });
  await insertPredefinedRoles(tx, organizationId, now);
  const actor = operatorActor(organizationId, "roster org create");
  const { id: membershipId } = await insertMembershipWithEvent(
    tx,
    actor,
    userId,
    "admin",
    now,
    input.admin,
  );
  const { key } = await createApiKey(tx, membershipId, now);
  return {
    organization_id: organizationId,
    user_id: userId,
    membership_id: membershipId,
    api_key: key,
  };
}

export async function addMember(
  tx: Tx,
  organizationId: string,
  input: NewPerson & { role: string },
  now: Date,
): Promise<{ membership_id: string; user_id: string; api_key: string }> {
  if (!(await lockOrganization(tx, organizationId))) throw RosterError.notFound("Organization");
  const role = await resolveRoleRef(tx, organizationId, input.role);
  if (!role) throw RosterError.validation({ role_id: "Role does not exist." });
  const userId = await findOrCreateUser(tx, input, now);
  if (await findMembershipOfUser(tx, organizationId, userId))
    throw new RosterError("bad_request", "This user is already a member of the organization.");
  const actor = operatorActor(organizationId, "roster member add");
  const { id: membershipId } = await insertMembershipWithEvent(
    tx,
    actor,
    userId,
    role.roleId,
    now,
    input,
  );
  const { key } = await createApiKey(tx, membershipId, now);
  return { membership_id: membershipId, user_id: userId, api_key: key };
}

async function requireMembership(tx: Tx, membershipId: string) {
  // What is not shaped like a membership ID names none (and a NUL would upset PostgreSQL).
  if (!isIdOf("membership", membershipId)) throw RosterError.notFound("Membership");
  const row = await tx
    .selectFrom("memberships")
    .select(["id", "organization_id", "active"])
    .where("id", "=", membershipId)
    .executeTakeFirst();
  if (!row) throw RosterError.notFound("Membership");
  return row;
}

export async function createKey(
  tx: Tx,
  membershipId: string,
  now: Date,
): Promise<{ api_key: string; id: string }> {
  await requireMembership(tx, membershipId);
  const { id, key } = await createApiKey(tx, membershipId, now);
  return { id, api_key: key };
}

/** What `key revoke` did: revoked it now, or found it revoked already (and when). */
export interface Revocation {
  id: string;
  date_revoked: string;
  already_revoked: boolean;
}

/**
 * Revokes a credential by ID. Revoking a revoked key changes nothing and says so (with the
 * date it was revoked), so that a repeated or scripted revoke is not mistaken for a typo.
 */
export async function revokeKey(tx: Tx, keyId: string, now: Date): Promise<Revocation> {
  // Credential IDs are a prefix and base62; anything else names none (see splitCredential).
  if (!/^[A-Za-z0-9_]{1,100}$/.test(keyId)) throw RosterError.notFound("API key");
  if (await revokeCredential(tx, keyId, now))
    return { id: keyId, date_revoked: formatTimestamp(now), already_revoked: false };
  const existing = await findCredentialListing(tx, keyId);
  if (!existing?.date_revoked) throw RosterError.notFound("API key");
  return { id: keyId, date_revoked: existing.date_revoked, already_revoked: true };
}

/** A membership's API keys: IDs and dates only (the secrets exist nowhere but with their holder). */
export async function listKeys(tx: Tx, membershipId: string): Promise<CredentialListing[]> {
  await requireMembership(tx, membershipId);
  return listApiKeysOfMembership(tx, membershipId);
}

/** One line of `roster member list`: who holds the membership, in which role, since when. */
export interface MemberListing {
  membership_id: string;
  user_id: string;
  email: string;
  first_name: string;
  last_name: string;
  role_id: string;
  active: boolean;
  date_created: string;
}

export async function listMembers(tx: Tx, organizationId: string): Promise<MemberListing[]> {
  if (!isIdOf("organization", organizationId) || !(await findOrganization(tx, organizationId)))
    throw RosterError.notFound("Organization");
  const members = await listMembershipsWithUsers(tx, organizationId);
  return members.map(({ membership, user }) => ({
    membership_id: membership.id,
    user_id: user.id,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    role_id: membership.role_id,
    active: membership.active,
    date_created: membership.date_created,
  }));
}

export async function createToken(
  tx: Tx,
  membershipId: string,
  now: Date,
): Promise<{ access_token: string; expires_in: number }> {
  await requireMembership(tx, membershipId);
  const appId = await ensureCliOAuthApp(tx, now);
  const { token, expiresIn } = await createAccessToken(tx, membershipId, appId, now);
  return { access_token: token, expires_in: expiresIn };
}
