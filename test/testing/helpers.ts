import { sql } from "kysely";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { Store } from "../../src/store/store.ts";
import { TestDouble } from "../../src/testing/double.ts";
import {
  DEFAULT_FIXTURE,
  type Fixture,
  parseFixture,
  type SeededOrganization,
  seedFixture,
} from "../../src/testing/fixture.ts";
import { createTestDatabase, openTestStore } from "../helpers/backend.ts";

export interface Double {
  url: string;
  double: TestDouble;
  store: Store;
  organizations: SeededOrganization[];
  adminKey: string;
  stop(): Promise<void>;
}

/**
 * The pieces `startRoster` puts together, on a fresh database of the backend under test, with
 * the store at hand (whole-database comparisons read it; PGlite in memory has no other way in).
 */
export async function startDouble(
  options: { fixture?: Fixture; controlToken?: string; seed?: number } = {},
): Promise<Double> {
  const database = await createTestDatabase();
  const store = await openTestStore(database);
  const double = new TestDouble(store, { controlToken: options.controlToken, seed: options.seed });
  const organizations = await seedFixture(
    store,
    parseFixture(options.fixture ?? DEFAULT_FIXTURE),
    double.clock.now(),
  );
  const app = await buildApp({
    // Rate limits off, as startRoster has them: these suites drive one key hard.
    config: loadConfig({ SEED_DEMO: "false", ROSTER_RATE_LIMITS: "off" }),
    store,
    clock: double.clock,
    testDouble: double,
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  await double.markBaseline();
  return {
    url,
    double,
    store,
    organizations,
    adminKey: organizations[0]?.members[0]?.api_keys[0] as string,
    async stop() {
      await app.close();
      await store.close();
      await database.drop();
    },
  };
}

export function basicAuth(key: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` };
}

/** A fixture of one organization: an admin and `members` users. */
export function fixtureOf(members: number): Fixture {
  return {
    organizations: [
      {
        name: "Fixture Org",
        roles: [{ name: "Callers", permissions: ["calling", "view_all_leads"] }],
        members: [
          { email: "admin@fixture.test", role: "admin" },
          ...Array.from({ length: members }, (_, i) => ({
            email: `member${i}@fixture.test`,
            role: i % 2 === 0 ? "user" : "Callers",
          })),
        ],
      },
    ],
  };
}

/**
 * Every row of every table, read independently of the snapshot code (its own catalog query,
 * each table sorted by all its columns), for whole-database comparisons.
 */
export async function dumpDatabase(store: Store): Promise<Record<string, unknown[]>> {
  {
    const tables =
      store.backend === "sqlite"
        ? await sql<{
            name: string;
          }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
            store.db,
          )
        : await sql<{
            name: string;
          }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(
            store.db,
          );
    const dump: Record<string, unknown[]> = {};
    for (const { name } of tables.rows.sort((a, b) => a.name.localeCompare(b.name))) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(
        store.db,
      );
      dump[name] = rows
        .map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))))
        .sort();
    }
    return dump;
  }
}
