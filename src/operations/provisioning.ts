import type { Actor } from "../domain/actor.ts";
import { newId } from "../domain/ids.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import {
  createAccessToken,
  createApiKey,
  ensureCliOAuthApp,
  revokeCredential,
} from "../store/credentials.ts";
import { findMembershipOfUser } from "../store/memberships.ts";
import { insertOrganization, lockOrganization } from "../store/organizations.ts";
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
 * `key create|revoke` and `token create`. Tests and the demo seed use the same code.
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
    verified_email_domains: "[]",
    restrict_new_users_to_verified_domains: 0,
    date_created: stamp,
    date_updated: stamp,
  });
  await insertPredefinedRoles(tx, organizationId, now);
  const actor = operatorActor(organizationId, "roster org create");
  const { id: membershipId } = await insertMembershipWithEvent(tx, actor, userId, "admin", now);
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
  const { id: membershipId } = await insertMembershipWithEvent(tx, actor, userId, role.roleId, now);
  const { key } = await createApiKey(tx, membershipId, now);
  return { membership_id: membershipId, user_id: userId, api_key: key };
}

async function requireMembership(tx: Tx, membershipId: string) {
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

export async function revokeKey(tx: Tx, keyId: string, now: Date): Promise<void> {
  if (!(await revokeCredential(tx, keyId, now))) throw RosterError.notFound("API key");
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
