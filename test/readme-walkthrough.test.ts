import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, test } from "node:test";
import { createTestDatabase, testBackend } from "./helpers/backend.ts";
import { runBash, shellBlock } from "./helpers/bash.ts";
import { startServer, stopAllServers } from "./helpers/server-process.ts";

/**
 * The README's walk-through, run as written: its shell block (between the
 * `walkthrough:start` / `walkthrough:end` markers) goes to bash against a fresh server
 * process, with only the address changed to the test server's. The CLI commands in it work on
 * the server's database, as they would beside `npm start`.
 */

const SKIP = testBackend() === "pglite" ? "PGlite is in-process; one process per database" : false;

/** The shell commands of the README's walk-through block. */
export function walkthroughScript(readme: string): string {
  const script = shellBlock(readme, "walkthrough");
  assert.ok(script, "README has no walk-through block between its markers");
  return script;
}

describe("the README walk-through", { skip: SKIP }, () => {
  after(stopAllServers);

  test("runs as written against a fresh server and does what its comments say", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const script = walkthroughScript(readme);
    assert.match(script, /http:\/\/127\.0\.0\.1:8080\/api\/v1/);
    const database = await createTestDatabase();
    try {
      const server = await startServer({ databaseUrl: database.url });
      const run = await runBash(script.replaceAll("http://127.0.0.1:8080", server.origin), {
        DATABASE_URL: database.url,
      });
      assert.equal(run.code, 0, `walk-through failed:\n${run.stdout}\n${run.stderr}`);
      const lines = run.stdout.trim().split("\n");
      assert.ok(lines.includes('{"count":2}'), run.stdout);
      assert.ok(lines.includes("{}"), run.stdout);
      // The last command lists the membership events, newest first.
      assert.deepEqual(lines.slice(-6), [
        "deactivated",
        "updated",
        "updated",
        "created",
        "created",
        "created",
      ]);
      await server.stop("SIGTERM");
    } finally {
      await database.drop();
    }
  });
});
