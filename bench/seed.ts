import { newId, randomBase62 } from "../src/domain/ids.ts";
import { formatTimestamp } from "../src/domain/time.ts";
import { createApiKey } from "../src/store/credentials.ts";
import { newMembershipRow } from "../src/store/memberships.ts";
import { insertOrganization } from "../src/store/organizations.ts";
import { insertPredefinedRoles } from "../src/store/roles.ts";
import type { MembershipRow, UserRow } from "../src/store/schema.ts";
import type { Store } from "../src/store/store.ts";

/**
 * Bulk seeding for the benchmark: one organization (with its predefined roles) whose first
 * member is an admin holding an API key (made by the store's own `createApiKey`, so it is
 * hashed as the server expects), plus `members` more members, written straight through
 * Kysely in multi-row INSERTs, many per `store.write` unit. Seed rows carry no events:
 * nothing in the benchmark reads them, and skipping them keeps a 1,000,000-member seed to
 * seconds rather than minutes.
 */

/** Rows per INSERT statement: 17 membership columns × 1,000 stays under both SQLite's
 * (32,766) and PostgreSQL's (65,535) bound-parameter limits. */
const ROWS_PER_INSERT = 1_000;
/** Rows per unit of work (one transaction, one COMMIT). */
const ROWS_PER_UNIT = 20_000;
/** The roles seeded members get, in rotation; never `admin`, so the admin stays the only one. */
const SEED_ROLES = ["user", "superuser", "restricteduser"] as const;

export interface SeedOptions {
  name: string;
  /** Members besides the admin. */
  members: number;
  /** How many member IDs to return (a uniform random sample when there are more). */
  sample?: number;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
}

export interface SeededOrganization {
  organizationId: string;
  adminMembershipId: string;
  /** The admin's API key: the Basic-auth username of every benchmark request. */
  apiKey: string;
  /** Member IDs (the admin excluded), sampled down to `sample`. */
  memberIds: string[];
  members: number;
}

export async function seedOrganization(
  store: Store,
  options: SeedOptions,
): Promise<SeededOrganization> {
  const now = options.now ?? new Date();
  const stamp = formatTimestamp(now);
  const tag = randomBase62(8).toLowerCase();
  const organizationId = newId("organization");

  const userRow = (i: number | "admin"): UserRow => ({
    id: newId("user"),
    email: `member-${i}-${tag}@bench.example`,
    first_name: "Member",
    last_name: String(i),
    image: null,
    date_created: stamp,
    date_updated: stamp,
  });
  const membershipRow = (user: UserRow, roleId: string): MembershipRow =>
    newMembershipRow(organizationId, user.id, roleId, stamp, {
      firstName: user.first_name,
      lastName: user.last_name,
    });

  const admin = await store.write(async (tx) => {
    const user = userRow("admin");
    await tx.insertInto("users").values(user).execute();
    await insertOrganization(tx, {
      id: organizationId,
      name: options.name,
      created_by: user.id,
      updated_by: user.id,
      restrict_new_users_to_verified_domains: 0,
      date_created: stamp,
      date_updated: stamp,
    });
    await insertPredefinedRoles(tx, organizationId, now);
    const membership = membershipRow(user, "admin");
    await tx.insertInto("memberships").values(membership).execute();
    const { key } = await createApiKey(tx, membership.id, now);
    return { membershipId: membership.id, apiKey: key };
  });

  const sampleSize = options.sample ?? Number.POSITIVE_INFINITY;
  const sample: string[] = [];
  let seen = 0;
  const keep = (id: string) => {
    // Reservoir sampling: every member ends up in the sample with equal probability.
    seen += 1;
    if (sample.length < sampleSize) sample.push(id);
    else {
      const slot = Math.floor(Math.random() * seen);
      if (slot < sampleSize) sample[slot] = id;
    }
  };

  for (let start = 0; start < options.members; start += ROWS_PER_UNIT) {
    const end = Math.min(options.members, start + ROWS_PER_UNIT);
    await store.write(async (tx) => {
      for (let from = start; from < end; from += ROWS_PER_INSERT) {
        const to = Math.min(end, from + ROWS_PER_INSERT);
        const users: UserRow[] = [];
        const memberships: MembershipRow[] = [];
        for (let i = from; i < to; i++) {
          const user = userRow(i);
          const membership = membershipRow(user, SEED_ROLES[i % SEED_ROLES.length] as string);
          users.push(user);
          memberships.push(membership);
          keep(membership.id);
        }
        await tx.insertInto("users").values(users).execute();
        await tx.insertInto("memberships").values(memberships).execute();
      }
    });
    options.onProgress?.(end, options.members);
  }

  return {
    organizationId,
    adminMembershipId: admin.membershipId,
    apiKey: admin.apiKey,
    memberIds: sample,
    members: options.members,
  };
}
