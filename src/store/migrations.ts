import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  SqliteAdapter,
  sql,
} from "kysely";
import { domainVerification } from "./migration-domain-verification.ts";

/**
 * Forward-only migrations, written with Kysely's schema builder so that one text serves
 * SQLite and PostgreSQL. Add a new entry; never edit a shipped one.
 */
const MIGRATIONS: Record<string, Migration> = {
  // Its own file: it moves data, and this one is long enough.
  "0010_domain_verification": domainVerification,
  "0001_core": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("organizations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_by", "text")
        .addColumn("updated_by", "text")
        .addColumn("verified_email_domains", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("restrict_new_users_to_verified_domains", "integer", (c) =>
          c.notNull().defaultTo(0),
        )
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_updated", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("first_name", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("last_name", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("image", "text")
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_updated", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("roles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
        .addColumn("slug", "text")
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("name_key", "text", (c) => c.notNull())
        .addColumn("editable", "integer", (c) => c.notNull())
        .addColumn("permissions", "text", (c) => c.notNull())
        .addColumn("visibility_user_lcf_ids", "text")
        .addColumn("visibility_user_lcf_behavior", "text")
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_updated", "text", (c) => c.notNull())
        .addUniqueConstraint("roles_org_name_key", ["organization_id", "name_key"])
        .execute();

      await db.schema
        .createTable("memberships")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("role_id", "text", (c) => c.notNull())
        .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("auto_record_calls", "text", (c) => c.notNull().defaultTo("unset"))
        .addColumn("default_caller_id", "text")
        .addColumn("default_caller_id_mode", "text", (c) => c.notNull().defaultTo("fixed"))
        .addColumn("hangup_recording_url", "text")
        .addColumn("may_workflows_impersonate", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("track_email_opens", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("primary_personal_number", "text")
        .addColumn("is_free", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("onboarding_status", "text", (c) => c.notNull().defaultTo("in-progress"))
        .addColumn("pinned_view_ids", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_updated", "text", (c) => c.notNull())
        .addUniqueConstraint("memberships_org_user", ["organization_id", "user_id"])
        .execute();
      await db.schema.createIndex("memberships_user").on("memberships").column("user_id").execute();
      await db.schema
        .createIndex("memberships_org_role")
        .on("memberships")
        .columns(["organization_id", "role_id"])
        .execute();

      await db.schema
        .createTable("oauth_apps")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("client_secret_hash", "text")
        .addColumn("redirect_uris", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("date_created", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("credentials")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
        .addColumn("oauth_app_id", "text", (c) => c.references("oauth_apps.id"))
        .addColumn("secret_hash", "text", (c) => c.notNull())
        .addColumn("expires_at", "text")
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_revoked", "text")
        .execute();

      await db.schema
        .createTable("events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organization_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text")
        .addColumn("api_key_id", "text")
        .addColumn("oauth_app_id", "text")
        .addColumn("request_id", "text")
        .addColumn("object_type", "text", (c) => c.notNull())
        .addColumn("object_id", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("changed_fields", "text", (c) => c.notNull())
        .addColumn("previous_data", "text")
        .addColumn("data", "text")
        .addColumn("meta", "text", (c) => c.notNull())
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_updated", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("events_org_date")
        .on("events")
        .columns(["organization_id", "date_created", "id"])
        .execute();
      await db.schema
        .createIndex("events_object")
        .on("events")
        .columns(["object_id", "date_created"])
        .execute();
    },
  },
  "0014_oauth": {
    // OAuth 2.0: an app's owner and deletion, the grants (one per consent: its code, then its
    // token family), the rotating refresh tokens, and each access token's grant.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("oauth_apps")
        .addColumn("organization_id", "text", (c) => c.references("organizations.id"))
        .execute();
      await db.schema.alterTable("oauth_apps").addColumn("date_deleted", "text").execute();
      await db.schema
        .createTable("oauth_grants")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("oauth_app_id", "text", (c) => c.notNull().references("oauth_apps.id"))
        .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
        .addColumn("redirect_uri", "text", (c) => c.notNull())
        .addColumn("code_challenge", "text")
        .addColumn("code_hash", "text", (c) => c.notNull().unique())
        .addColumn("code_expires_at", "text", (c) => c.notNull())
        .addColumn("code_used_at", "text")
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_revoked", "text")
        .execute();
      await db.schema
        .createIndex("oauth_grants_membership")
        .on("oauth_grants")
        .column("membership_id")
        .execute();
      await db.schema
        .createIndex("oauth_grants_app")
        .on("oauth_grants")
        .column("oauth_app_id")
        .execute();
      await db.schema
        .createTable("oauth_refresh_tokens")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("grant_id", "text", (c) => c.notNull().references("oauth_grants.id"))
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_used", "text")
        .execute();
      await db.schema
        .createIndex("oauth_refresh_tokens_grant")
        .on("oauth_refresh_tokens")
        .column("grant_id")
        .execute();
      await db.schema
        .alterTable("credentials")
        .addColumn("oauth_grant_id", "text", (c) => c.references("oauth_grants.id"))
        .execute();
      await db.schema
        .createIndex("credentials_oauth_grant")
        .on("credentials")
        .column("oauth_grant_id")
        .execute();
      await db.schema
        .createIndex("credentials_oauth_app")
        .on("credentials")
        .column("oauth_app_id")
        .execute();
    },
  },
  "0012_webhooks": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("webhook_subscriptions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
        .addColumn("owner_membership_id", "text", (c) => c.references("memberships.id"))
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("events", "text", (c) => c.notNull())
        .addColumn("verify_ssl", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("paused_reason", "text")
        .addColumn("failing_since", "text")
        .addColumn("signature_key", "text", (c) => c.notNull())
        .addColumn("created_by", "text")
        .addColumn("updated_by", "text")
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_updated", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("webhook_subscriptions_org_status")
        .on("webhook_subscriptions")
        .columns(["organization_id", "status"])
        .execute();

      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organization_id", "text", (c) => c.notNull())
        .addColumn("subscription_id", "text", (c) =>
          c.notNull().references("webhook_subscriptions.id").onDelete("cascade"),
        )
        .addColumn("event_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "text")
        .addColumn("lease_until", "text")
        .addColumn("lease_owner", "text")
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("date_updated", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("webhook_deliveries_due")
        .on("webhook_deliveries")
        .columns(["status", "next_attempt_at"])
        .execute();
      await db.schema
        .createIndex("webhook_deliveries_subscription")
        .on("webhook_deliveries")
        .columns(["subscription_id", "date_created"])
        .execute();

      await db.schema
        .createTable("webhook_attempts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("delivery_id", "text", (c) =>
          c.notNull().references("webhook_deliveries.id").onDelete("cascade"),
        )
        .addColumn("subscription_id", "text", (c) => c.notNull())
        .addColumn("event_id", "text", (c) => c.notNull())
        .addColumn("status_code", "integer")
        .addColumn("error", "text")
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("next_retry_at", "text")
        .addColumn("date_created", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("webhook_attempts_subscription")
        .on("webhook_attempts")
        .columns(["subscription_id", "date_created", "id"])
        .execute();
    },
  },
  "0013_sessions": {
    // Browser sign-in sessions: the cookie's secret is stored only as its SHA-256.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
        .addColumn("api_key_id", "text", (c) => c.notNull().references("credentials.id"))
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("last_used_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("sessions_membership")
        .on("sessions")
        .column("membership_id")
        .execute();
    },
  },
  "0016_idempotency": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("idempotency_keys")
        .addColumn("organization_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("idempotency_key", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("status_code", "integer", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("date_created", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("idempotency_keys_pk", [
          "organization_id",
          "user_id",
          "idempotency_key",
        ])
        .execute();
      await db.schema
        .createIndex("idempotency_keys_expiry")
        .on("idempotency_keys")
        .column("expires_at")
        .execute();
    },
  },
  "0018_performance": {
    async up(db: Kysely<unknown>) {
      // An update's event keeps the previous values of the changed fields only (JSON), with
      // `previous_data` NULL: the previous object is `data` with these put back. Earlier rows
      // keep their full `previous_data`, and read as before.
      await db.schema.alterTable("events").addColumn("previous_changes", "text").execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Where Kysely keeps its migration table: PostgreSQL's current schema (see migrateToLatest). */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
async function migrationTableSchema(db: Kysely<any>): Promise<string | undefined> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}

/** The migrations this code knows that the database has not applied (for readiness). */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableSchema: await migrationTableSchema(db),
    allowUnorderedMigrations: true,
  });
  const migrations = await migrator.getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/**
 * Brings the schema up to date, safely when several processes start at once. On PostgreSQL
 * Kysely's migrator takes an advisory lock; on SQLite its lock is a no-op, so the whole run
 * happens inside one `BEGIN IMMEDIATE` transaction: the second process waits for the write
 * lock (busy timeout), then finds nothing left to do.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const run = async (
    target: Kysely<unknown>,
    disableTransactions: boolean,
    migrationTableSchema?: string,
  ) => {
    const migrator = new Migrator({
      db: target,
      provider,
      disableTransactions,
      migrationTableSchema,
      // Features land as independent migrations (each its own tables); a database that
      // already has a later-numbered one still takes an earlier-numbered newcomer.
      allowUnorderedMigrations: true,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  };
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    // Unless told the schema, Kysely takes a migration table in *any* schema for its own, so
    // a second database (schema) on the same PostgreSQL server would skip creating its own.
    return run(db, false, await migrationTableSchema(db));
  }
  return db.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    try {
      const applied = await run(connection, true);
      await sql`COMMIT`.execute(connection);
      return applied;
    } catch (error) {
      await sql`ROLLBACK`.execute(connection);
      throw error;
    }
  });
}
