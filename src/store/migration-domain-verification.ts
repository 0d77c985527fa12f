import { type Kysely, type Migration, sql } from "kysely";
import { newVerificationToken } from "../domains/dns.ts";
import { isPublicMailDomain } from "../domains/public-mail.ts";

/**
 * `0010_domain_verification`: domains move from the organization's JSON list into
 * `email_domains`, each `pending` or `verified`, with a unique index that lets one domain be
 * verified by one organization only; memberships get the user's names as that organization
 * knows them.
 *
 * Existing data: a listed domain stays verified (an operator or admin set it before proof
 * existed), except a domain listed by several organizations (each gets it back `pending`:
 * none has proven it) and a public mail domain (dropped: it can never be verified). A user's
 * names go to their earliest membership (the organization that enrolled them); their other
 * memberships start with none.
 */
export const domainVerification: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("email_domains")
      .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
      .addColumn("domain", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("token", "text", (c) => c.notNull())
      .addColumn("date_created", "text", (c) => c.notNull())
      .addColumn("date_verified", "text")
      .addPrimaryKeyConstraint("email_domains_pk", ["organization_id", "domain"])
      .execute();
    await sql`create unique index email_domains_verified_once on email_domains (domain) where status = 'verified'`.execute(
      db,
    );

    const organizations: Array<{
      id: string;
      verified_email_domains: string;
      date_updated: string;
    }> = await db
      .selectFrom("organizations")
      .select(["id", "verified_email_domains", "date_updated"])
      .execute();
    const claims = organizations.flatMap((organization) =>
      (JSON.parse(organization.verified_email_domains) as string[])
        .filter((domain) => !isPublicMailDomain(domain))
        .map((domain) => ({ organization, domain })),
    );
    const claimants = new Map<string, number>();
    for (const { domain } of claims) claimants.set(domain, (claimants.get(domain) ?? 0) + 1);
    for (const { organization, domain } of claims) {
      const verified = claimants.get(domain) === 1;
      await db
        .insertInto("email_domains")
        .values({
          organization_id: organization.id,
          domain,
          status: verified ? "verified" : "pending",
          token: newVerificationToken(),
          date_created: organization.date_updated,
          date_verified: verified ? organization.date_updated : null,
        })
        .execute();
    }
    await db.schema.alterTable("organizations").dropColumn("verified_email_domains").execute();

    await db.schema
      .alterTable("memberships")
      .addColumn("user_first_name", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema
      .alterTable("memberships")
      .addColumn("user_last_name", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await sql`
      update memberships set
        user_first_name = (select users.first_name from users where users.id = memberships.user_id),
        user_last_name = (select users.last_name from users where users.id = memberships.user_id)
      where memberships.id = (
        select earliest.id from memberships earliest
        where earliest.user_id = memberships.user_id
        order by earliest.date_created, earliest.id
        limit 1
      )`.execute(db);
  },
};
