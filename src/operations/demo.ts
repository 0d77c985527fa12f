import { countOrganizations } from "../store/organizations.ts";
import type { Store } from "../store/store.ts";
import { addMember, createOrganization } from "./provisioning.ts";

export interface DemoOrganization {
  organization_id: string;
  admin_api_key: string;
  admin_membership_id: string;
  /** A non-admin member, the natural target of a first role change. */
  member_id: string;
}

/**
 * On an empty database, creates a demo organization with an admin and three members, so
 * that a fresh `npm start` has something to call. Does nothing (returns undefined) when any
 * organization exists.
 */
export async function seedDemoIfEmpty(
  store: Store,
  now: Date,
): Promise<DemoOrganization | undefined> {
  return store.write(async (tx) => {
    if ((await countOrganizations(tx)) > 0) return undefined;
    const org = await createOrganization(
      tx,
      {
        name: "Demo Co",
        admin: { email: "admin@demo.example", firstName: "Ada", lastName: "Admin" },
      },
      now,
    );
    const alice = await addMember(
      tx,
      org.organization_id,
      { email: "alice@demo.example", firstName: "Alice", lastName: "Agent", role: "user" },
      now,
    );
    await addMember(
      tx,
      org.organization_id,
      { email: "bob@demo.example", firstName: "Bob", lastName: "Boss", role: "superuser" },
      now,
    );
    await addMember(
      tx,
      org.organization_id,
      {
        email: "carol@demo.example",
        firstName: "Carol",
        lastName: "Contractor",
        role: "restricteduser",
      },
      now,
    );
    return {
      organization_id: org.organization_id,
      admin_api_key: org.api_key,
      admin_membership_id: org.membership_id,
      member_id: alice.membership_id,
    };
  });
}
