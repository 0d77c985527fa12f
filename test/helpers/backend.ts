import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { randomBase62 } from "../../src/domain/ids.ts";
import { openStore } from "../../src/store/open.ts";
import type { Backend, Store } from "../../src/store/store.ts";

/** The backend this test run uses: TEST_BACKEND=sqlite (default) | pglite | postgres. */
export function testBackend(): Backend {
  const name = process.env.TEST_BACKEND ?? "sqlite";
  if (name !== "sqlite" && name !== "pglite" && name !== "postgres") {
    throw new Error(`TEST_BACKEND must be sqlite, pglite or postgres, not ${name}`);
  }
  return name;
}

export interface TestDatabase {
  /** A DATABASE_URL for this database, usable by other processes (CLI, servers) too. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database of the current backend: a real SQLite file in a temporary folder,
 * an in-memory PGlite (private to the process that opens it), or a database of its own on the
 * PostgreSQL server of TEST_DATABASE_URL (dropped afterwards).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const backend = testBackend();
  if (backend === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "roster-test-"));
    return {
      url: `sqlite:${join(dir, "roster.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (backend === "pglite") {
    return { url: "pglite:memory", drop: async () => {} };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_BACKEND=postgres needs TEST_DATABASE_URL");
  // A database of its own (not just a schema): nothing a test does can reach another's.
  const name = `roster_test_${randomBase62(12).toLowerCase()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Opens (and migrates) a store on a test database. */
export async function openTestStore(database: TestDatabase): Promise<Store> {
  return openStore(database.url, { poolSize: 10 });
}

/**
 * A database that separate processes (the CLI, then this test) can open one after another:
 * the backend's own test database, except for PGlite, whose in-memory database is private to
 * one process — there a directory, used by one process at a time.
 */
export async function createSharedDatabase(): Promise<TestDatabase> {
  if (testBackend() !== "pglite") return createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), "roster-cli-"));
  // PGlite touches its directory once more after close() resolves (an unawaited mkdir inside
  // the library): remove the directory only when this process exits.
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return { url: `pglite:${dir}`, drop: async () => {} };
}
