// A Roster server on a real socket, with two organizations to aim fuzzed and cross-tenant requests at.
import { buildApp } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { systemClock } from "../../../src/domain/time.ts";
import { operatorActor } from "../../../src/operations/provisioning.ts";
import type { Backend, Store } from "../../../src/store/store.ts";
import { createSubscription } from "../../../src/webhooks/subscriptions.ts";
import { createTestDatabase, openTestStore, type TestDatabase } from "../backend.ts";
import {
  basic,
  bearer,
  createOrg,
  type Harness,
  type Member,
  type Org,
  TestClock,
} from "../harness.ts";
import { startServer } from "../server-process.ts";

export interface Target {
  backend: Backend;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The server process's ID, or undefined when it runs in this process (PGlite). */
  pid: number | undefined;
  /** The store the test uses to seed and inspect (the server's own on PGlite). */
  store: Store;
  /** The server's recent output (empty in process). */
  output(): string;
  close(): Promise<void>;
}

/**
 * A server on a fresh database of `backend`: a separate process on SQLite and PostgreSQL, the
 * app listening on a real socket in this process on PGlite (an in-memory PGlite belongs to one
 * process). Rate limits are off: a fuzzer sends far more than a client would.
 */
export async function startTarget(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<Target> {
  const previous = process.env.TEST_BACKEND;
  process.env.TEST_BACKEND = backend;
  let database: TestDatabase;
  try {
    database = await createTestDatabase();
  } finally {
    if (previous === undefined) delete process.env.TEST_BACKEND;
    else process.env.TEST_BACKEND = previous;
  }
  const store = await openTestStore(database);
  const settings = { SEED_DEMO: "false", ROSTER_RATE_LIMITS: "off", ...env };
  if (backend === "pglite") {
    const app = await buildApp({ config: loadConfig(settings), store, clock: systemClock });
    const origin = await app.listen({ port: 0, host: "127.0.0.1" });
    return {
      backend,
      origin,
      pid: undefined,
      store,
      output: () => "",
      async close() {
        await app.close();
        await store.close();
        await database.drop();
      },
    };
  }
  const server = await startServer({
    databaseUrl: database.url,
    env: settings,
    // A busy machine can take a while to start a tsx process.
    readyTimeoutMs: 180_000,
  });
  return {
    backend,
    origin: server.origin,
    pid: server.pid,
    store,
    output: () => server.output(),
    async close() {
      await server.stop();
      await store.close();
      await database.drop();
    },
  };
}

/** An organization with an admin, a low-privilege member, a custom role and a webhook. */
export interface SeededOrg {
  org: Org;
  member: Member;
  roleId: string;
  webhookId: string;
  /** Every ID of the organization: itself, memberships, users, roles, events, webhooks. */
  ids(): Promise<string[]>;
}

/** Seeds one organization through the same code the CLI uses, writing to `target.store`. */
export async function seedOrg(target: Target, name: string): Promise<SeededOrg> {
  const h = { store: target.store, clock: new TestClock() } as Harness;
  const org = await createOrg(h, name);
  const member = await org.add("restricteduser", { firstName: "Low", lastName: "Privilege" });
  await org.add("user");
  const role = await target.store.db
    .selectFrom("roles")
    .select("id")
    .where("organization_id", "=", org.id)
    .where("slug", "=", "user")
    .executeTakeFirstOrThrow();
  const webhook = await target.store.write((tx) =>
    createSubscription(
      tx,
      operatorActor(org.id, "fuzz seed"),
      {
        url: "https://hooks.invalid/roster",
        events: [{ object_type: "membership", action: "updated" }],
      },
      new Date(),
    ),
  );
  return {
    org,
    member,
    roleId: role.id,
    webhookId: webhook.id,
    ids: () => idsOf(target.store, org.id),
  };
}

/** Every object ID an organization owns, read from the store. */
export async function idsOf(store: Store, organizationId: string): Promise<string[]> {
  const db = store.db;
  const [memberships, roles, events, webhooks] = await Promise.all([
    db
      .selectFrom("memberships")
      .select(["id", "user_id"])
      .where("organization_id", "=", organizationId)
      .execute(),
    db.selectFrom("roles").select("id").where("organization_id", "=", organizationId).execute(),
    db.selectFrom("events").select("id").where("organization_id", "=", organizationId).execute(),
    db
      .selectFrom("webhook_subscriptions")
      .select("id")
      .where("organization_id", "=", organizationId)
      .execute(),
  ]);
  return [
    organizationId,
    ...memberships.flatMap((m) => [m.id, m.user_id]),
    ...roles.map((r) => r.id),
    ...events.map((e) => e.id),
    ...webhooks.map((w) => w.id),
  ];
}

/** The Authorization headers of a fuzz run: A's admin, A's least member, B's admin, a token. */
export async function callersOf(a: SeededOrg, b: SeededOrg) {
  return {
    admin: basic(a.org.admin.apiKey),
    member: basic(a.member.apiKey),
    otherOrg: basic(b.org.admin.apiKey),
    bearer: bearer(await a.org.token(a.org.admin)),
  };
}
