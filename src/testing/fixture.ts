// Declarative fixtures: organizations, custom roles, members and API keys, checked and seeded in one unit.
import { normalizeEmail } from "../domain/emails.ts";
import { newId } from "../domain/ids.ts";
import { isPredefinedRoleSlug } from "../domain/permissions.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import { findOrCreateUser, insertMembershipWithEvent } from "../operations/membership-lifecycle.ts";
import { operatorActor } from "../operations/provisioning.ts";
import { createRole } from "../operations/roles.ts";
import { assertAdminRemains } from "../operations/rules.ts";
import { createApiKey } from "../store/credentials.ts";
import { insertOrganization } from "../store/organizations.ts";
import { insertPredefinedRoles } from "../store/roles.ts";
import type { Store, Tx } from "../store/store.ts";

export interface FixtureRole {
  name: string;
  permissions: string[];
  /** As in `POST /role/`: required when the role lacks `view_all_leads`. */
  visibility_user_lcf_ids?: string[] | null;
  visibility_user_lcf_behavior?: string | null;
}

export interface FixtureMember {
  email: string;
  first_name?: string;
  last_name?: string;
  /** A predefined role (`admin`, `superuser`, `user`, `restricteduser`) or a fixture role's name. */
  role: string;
  /** Chosen key values (`api_<id>.<secret>`); omitted: one generated key; `[]`: none. */
  api_keys?: string[];
}

export interface FixtureOrganization {
  name: string;
  roles?: FixtureRole[];
  /** At least one member must be an admin (or hold a role granting manage_organization). */
  members: FixtureMember[];
}

export interface Fixture {
  organizations: FixtureOrganization[];
}

export interface SeededMember {
  email: string;
  user_id: string;
  membership_id: string;
  role_id: string;
  api_keys: string[];
}

export interface SeededOrganization {
  id: string;
  name: string;
  roles: Record<string, string>;
  members: SeededMember[];
}

/** A fixture that does not fit the format; `path` names the place in the file. */
export class FixtureError extends Error {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`${path || "fixture"}: ${problem}`);
    this.name = "FixtureError";
    this.path = path;
  }
}

/** The fixture `startRoster` seeds when given none: one organization with one admin. */
export const DEFAULT_FIXTURE: Fixture = {
  organizations: [
    {
      name: "Roster Test Organization",
      members: [
        { email: "admin@example.com", first_name: "Ada", last_name: "Admin", role: "admin" },
      ],
    },
  ],
};

const KEY_FORMAT = /^api_[A-Za-z0-9]{1,100}\.[A-Za-z0-9]{16,100}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new FixtureError(
        `${path}.${key}`,
        `unknown field (expected one of: ${allowed.join(", ")})`,
      );
  }
}

function text(value: unknown, path: string, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== "string" || value.trim() === "")
    throw new FixtureError(path, "must be a non-empty string");
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new FixtureError(path, "must be a list");
  return value;
}

/**
 * Checks a parsed fixture (from JSON or YAML) and returns it typed. Every problem names its
 * path, e.g. `organizations[0].members[2].role`. Checks that need the database (an email
 * already taken by another seeded member is fine: users are shared) happen while seeding.
 */
export function parseFixture(input: unknown): Fixture {
  if (!isObject(input)) throw new FixtureError("", "must be an object with `organizations`");
  checkKeys(input, ["organizations"], "");
  const organizations = list(input.organizations, "organizations");
  if (organizations.length === 0) throw new FixtureError("organizations", "must not be empty");
  const keysSeen = new Map<string, string>();
  return {
    organizations: organizations.map((raw, i) => {
      const path = `organizations[${i}]`;
      if (!isObject(raw)) throw new FixtureError(path, "must be an object");
      checkKeys(raw, ["name", "roles", "members"], path);
      const roles = (raw.roles === undefined ? [] : list(raw.roles, `${path}.roles`)).map(
        (role, j) => parseRole(role, `${path}.roles[${j}]`),
      );
      const roleNames = new Set<string>();
      roles.forEach((role, j) => {
        const key = role.name.toLowerCase();
        if (isPredefinedRoleSlug(key) || roleNames.has(key))
          throw new FixtureError(`${path}.roles[${j}].name`, `"${role.name}" is already a role`);
        roleNames.add(key);
      });
      const members = list(raw.members, `${path}.members`);
      if (members.length === 0)
        throw new FixtureError(`${path}.members`, "must list at least one member (an admin)");
      const emails = new Set<string>();
      return {
        name: text(raw.name, `${path}.name`) as string,
        roles,
        members: members.map((member, j) => {
          const memberPath = `${path}.members[${j}]`;
          const parsed = parseMember(member, memberPath);
          const email = parsed.email.toLowerCase();
          if (emails.has(email))
            throw new FixtureError(`${memberPath}.email`, `${parsed.email} is listed twice`);
          emails.add(email);
          if (!isPredefinedRoleSlug(parsed.role) && !roleNames.has(parsed.role.toLowerCase()))
            throw new FixtureError(
              `${memberPath}.role`,
              `no role "${parsed.role}" (admin, superuser, user, restricteduser, or a name from ${path}.roles)`,
            );
          parsed.api_keys?.forEach((key, k) => {
            const id = key.slice(0, key.indexOf("."));
            const first = keysSeen.get(id);
            if (first)
              throw new FixtureError(
                `${memberPath}.api_keys[${k}]`,
                `key ID ${id} is also ${first}`,
              );
            keysSeen.set(id, `${memberPath}.api_keys[${k}]`);
          });
          return parsed;
        }),
      };
    }),
  };
}

function parseRole(raw: unknown, path: string): FixtureRole {
  if (!isObject(raw)) throw new FixtureError(path, "must be an object");
  checkKeys(
    raw,
    ["name", "permissions", "visibility_user_lcf_ids", "visibility_user_lcf_behavior"],
    path,
  );
  const permissions = list(raw.permissions, `${path}.permissions`).map(
    (permission, k) => text(permission, `${path}.permissions[${k}]`) as string,
  );
  const role: FixtureRole = {
    name: (text(raw.name, `${path}.name`) as string).trim(),
    permissions,
  };
  const ids = raw.visibility_user_lcf_ids;
  if (ids !== undefined && ids !== null) {
    role.visibility_user_lcf_ids = list(ids, `${path}.visibility_user_lcf_ids`).map(
      (id, k) => text(id, `${path}.visibility_user_lcf_ids[${k}]`) as string,
    );
  }
  const behavior = raw.visibility_user_lcf_behavior;
  if (behavior !== undefined && behavior !== null)
    role.visibility_user_lcf_behavior = text(behavior, `${path}.visibility_user_lcf_behavior`);
  return role;
}

function parseMember(raw: unknown, path: string): FixtureMember {
  if (!isObject(raw)) throw new FixtureError(path, "must be an object");
  checkKeys(raw, ["email", "first_name", "last_name", "role", "api_keys"], path);
  const email = text(raw.email, `${path}.email`) as string;
  try {
    normalizeEmail(email);
  } catch {
    throw new FixtureError(`${path}.email`, `"${email}" is not an email address`);
  }
  const member: FixtureMember = {
    email,
    first_name: text(raw.first_name, `${path}.first_name`, true),
    last_name: text(raw.last_name, `${path}.last_name`, true),
    role: text(raw.role, `${path}.role`) as string,
  };
  if (raw.api_keys !== undefined) {
    member.api_keys = list(raw.api_keys, `${path}.api_keys`).map((key, k) => {
      const value = text(key, `${path}.api_keys[${k}]`) as string;
      if (!KEY_FORMAT.test(value))
        throw new FixtureError(
          `${path}.api_keys[${k}]`,
          "must look like api_<letters and digits>.<16 or more letters and digits>",
        );
      return value;
    });
  }
  return member;
}

/**
 * Seeds a checked fixture in one unit of work: all of it, or (on any error) nothing. Returns
 * what was created, with every API key in clear (generated ones are shown only here).
 */
export function seedFixture(
  store: Store,
  fixture: Fixture,
  now: Date,
): Promise<SeededOrganization[]> {
  return store.write(async (tx) => {
    const seeded: SeededOrganization[] = [];
    for (const [i, organization] of fixture.organizations.entries()) {
      seeded.push(await seedOrganization(tx, organization, `organizations[${i}]`, now));
    }
    return seeded;
  });
}

async function seedOrganization(
  tx: Tx,
  fixture: FixtureOrganization,
  path: string,
  now: Date,
): Promise<SeededOrganization> {
  const id = newId("organization");
  const actor = operatorActor(id, "roster seed");
  const stamp = formatTimestamp(now);
  const userIds: string[] = [];
  for (const member of fixture.members) {
    userIds.push(
      await findOrCreateUser(
        tx,
        { email: member.email, firstName: member.first_name, lastName: member.last_name },
        now,
      ),
    );
  }
  await insertOrganization(tx, {
    id,
    name: fixture.name.trim(),
    created_by: userIds[0] ?? null,
    updated_by: userIds[0] ?? null,
    restrict_new_users_to_verified_domains: 0,
    date_created: stamp,
    date_updated: stamp,
  });
  await insertPredefinedRoles(tx, id, now);
  /** By name as written (returned), and by lower-cased name (members' lookups). */
  const roles: Record<string, string> = {};
  const roleIds = new Map<string, string>();
  for (const [j, role] of (fixture.roles ?? []).entries()) {
    try {
      const { id: roleId } = await createRole(tx, actor, role, now);
      roles[role.name] = roleId;
      roleIds.set(role.name.toLowerCase(), roleId);
    } catch (error) {
      throw asFixtureError(error, `${path}.roles[${j}]`);
    }
  }
  const members: SeededMember[] = [];
  for (const [j, member] of fixture.members.entries()) {
    const roleId = isPredefinedRoleSlug(member.role)
      ? member.role
      : (roleIds.get(member.role.toLowerCase()) as string);
    const userId = userIds[j] as string;
    const membership = await insertMembershipWithEvent(tx, actor, userId, roleId, now, {
      firstName: member.first_name,
      lastName: member.last_name,
    });
    const keys: string[] = [];
    if (member.api_keys === undefined) {
      keys.push((await createApiKey(tx, membership.id, now)).key);
    } else {
      for (const [k, value] of member.api_keys.entries()) {
        const id = value.slice(0, value.indexOf("."));
        const taken = await tx
          .selectFrom("credentials")
          .select("id")
          .where("id", "=", id)
          .executeTakeFirst();
        if (taken)
          throw new FixtureError(
            `${path}.members[${j}].api_keys[${k}]`,
            `key ID ${id} already exists`,
          );
        keys.push((await createApiKey(tx, membership.id, now, value)).key);
      }
    }
    members.push({
      email: member.email,
      user_id: userId,
      membership_id: membership.id,
      role_id: roleId,
      api_keys: keys,
    });
  }
  try {
    await assertAdminRemains(tx, id);
  } catch (error) {
    throw asFixtureError(error, `${path}.members`);
  }
  return { id, name: fixture.name.trim(), roles, members };
}

function asFixtureError(error: unknown, path: string): unknown {
  if (!(error instanceof RosterError)) return error;
  const fields = Object.entries(error.fieldErrors ?? {});
  if (fields.length > 0) {
    const [field, message] = fields[0] as [string, string];
    return new FixtureError(`${path}.${field}`, message);
  }
  return new FixtureError(path, error.message);
}
