import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import { RosterError } from "../src/errors.ts";
import { createOrganization } from "../src/operations/provisioning.ts";
import { openStore } from "../src/store/open.ts";
import type { Store } from "../src/store/store.ts";
import { findUserByEmail } from "../src/store/users.ts";
import {
  createTestDatabase,
  openTestStore,
  type TestDatabase,
  testBackend,
} from "./helpers/backend.ts";

/**
 * The storage contract every backend keeps: what a unit of work promises (all or nothing,
 * isolation from its neighbours in a group commit, durability once resolved), and safe
 * concurrent migration.
 */
describe(`store contract (${testBackend()})`, () => {
  let database: TestDatabase;
  let store: Store;

  before(async () => {
    database = await createTestDatabase();
    store = await openTestStore(database);
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  async function newOrganization(name: string) {
    return store.write((tx) =>
      createOrganization(
        tx,
        { name, admin: { email: `${newId("user").toLowerCase()}@example.com` } },
        new Date(),
      ),
    );
  }

  async function organizationNamed(name: string) {
    return store.db
      .selectFrom("organizations")
      .select("id")
      .where("name", "=", name)
      .executeTakeFirst();
  }

  test("a unit that throws rolls back its own writes and nobody else's", async () => {
    const tag = newId("request");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        store.write(async (tx) => {
          await createOrganization(
            tx,
            { name: `${tag}-${i}`, admin: { email: `${tag.toLowerCase()}-${i}@example.com` } },
            new Date(),
          );
          if (i % 3 === 0) throw new RosterError("bad_request", `unit ${i} refuses`);
          return i;
        }),
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      const stored = await organizationNamed(`${tag}-${i}`);
      if (i % 3 === 0) {
        assert.equal(outcome.status, "rejected", `unit ${i}`);
        assert.equal(stored, undefined, `unit ${i}'s write must be rolled back`);
        assert.equal(
          await findUserByEmail(store.db, `${tag.toLowerCase()}-${i}@example.com`),
          undefined,
        );
      } else {
        assert.deepEqual(outcome, { status: "fulfilled", value: i });
        assert.ok(stored, `unit ${i}'s write must be committed`);
      }
    }
  });

  test("a unit that fails inside the database (a unique violation) fails alone", async () => {
    const email = `${newId("user").toLowerCase()}@example.com`;
    const insertUser = (id: string) =>
      store.write((tx) =>
        tx
          .insertInto("users")
          .values({
            id,
            email,
            first_name: "",
            last_name: "",
            image: null,
            date_created: "2026-01-01T00:00:00.000000+00:00",
            date_updated: "2026-01-01T00:00:00.000000+00:00",
          })
          .execute(),
      );
    const results = await Promise.allSettled([
      insertUser(newId("user")),
      insertUser(newId("user")),
      newOrganization(email),
    ]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 2);
    const users = await store.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .execute();
    assert.equal(users.length, 1);
    assert.ok(await organizationNamed(email));
  });

  test("a resolved write is visible to a separate connection", async (t) => {
    if (testBackend() === "pglite") {
      t.skip("PGlite is in-process: there is no second connection to look through");
      return;
    }
    const name = newId("request");
    await newOrganization(name);
    const other = await openStore(database.url, { migrate: false, poolSize: 1 });
    try {
      const row = await other.db
        .selectFrom("organizations")
        .select("id")
        .where("name", "=", name)
        .executeTakeFirst();
      assert.ok(row);
    } finally {
      await other.close();
    }
  });

  test("many units in parallel all commit, each exactly once", async () => {
    const tag = newId("request");
    const count = 200;
    await Promise.all(Array.from({ length: count }, (_, i) => newOrganization(`${tag}-${i}`)));
    const rows = await store.db
      .selectFrom("organizations")
      .select("id")
      .where("name", "like", `${tag}-%`)
      .execute();
    assert.equal(rows.length, count);
  });
});

/** `roster migrate --json` in a process of its own. */
function migrateInProcess(
  url: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "migrate", "--json"],
      {
        env: { ...process.env, DATABASE_URL: url },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`concurrent migration (${testBackend()})`, () => {
  test("two processes migrating one fresh database at once both succeed, one applies", async (t) => {
    if (testBackend() === "pglite") {
      t.skip("PGlite is in-process: one process per database");
      return;
    }
    const database = await createTestDatabase();
    try {
      const runs = await Promise.all([
        migrateInProcess(database.url),
        migrateInProcess(database.url),
      ]);
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
      const applied = runs
        .map((run) => JSON.parse(run.stdout).applied as string[])
        .sort((a, b) => a.length - b.length);
      // One applies every migration (0001_core first), the other finds none left.
      assert.deepEqual(applied[0], []);
      assert.equal(applied[1]?.[0], "0001_core");
      for (const name of applied[1] ?? []) assert.match(name, /^\d{4}_\w+$/);
    } finally {
      await database.drop();
    }
  });
});
