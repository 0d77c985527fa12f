import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, test } from "node:test";
import { createTestDatabase, testBackend } from "./helpers/backend.ts";
import { runBash, shellBlock } from "./helpers/bash.ts";
import { startServer, stopAllServers } from "./helpers/server-process.ts";

/**
 * The README's OAuth walk-through, run as written against a fresh server process: app
 * creation, consent, code, refresh, a membership update with the refreshed token, revoke.
 */

const SKIP = testBackend() === "pglite" ? "PGlite is in-process; one process per database" : false;

describe("the README's OAuth walk-through", { skip: SKIP }, () => {
  after(stopAllServers);

  test("runs as written and prints what its comments say", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const script = shellBlock(readme, "oauth-walkthrough");
    assert.ok(script, "README has no OAuth walk-through block");
    const database = await createTestDatabase();
    try {
      const server = await startServer({ databaseUrl: database.url });
      const run = await runBash(script.replaceAll("http://127.0.0.1:8080", server.origin), {
        DATABASE_URL: database.url,
      });
      assert.equal(run.code, 0, `walk-through failed:\n${run.stdout}\n${run.stderr}`);
      const lines = run.stdout.trim().split("\n");
      assert.equal(lines[0], `${server.origin}/oauth2/token/`);
      assert.equal(lines[1], "http://127.0.0.1:9999/callback?code=oa2code_...&state=xyz");
      assert.equal(
        lines[2],
        '{"token_type":"Bearer","expires_in":3600,"scope":"all.full_access offline_access"}',
      );
      assert.equal(lines[3], "enabled");
      assert.match(lines[4] ?? "", /^oa2client_/);
      assert.deepEqual(lines.slice(5), ["200", "401"]);
      await server.stop("SIGTERM");
    } finally {
      await database.drop();
    }
  });
});
