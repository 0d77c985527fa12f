import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, describe, test } from "node:test";
import { promisify } from "node:util";
import { randomBase62 } from "../src/domain/ids.ts";
import { createOrganization } from "../src/operations/provisioning.ts";
import { createTestDatabase, openTestStore, testBackend } from "./helpers/backend.ts";
import { REPO_ROOT, startServer, stopAllServers } from "./helpers/server-process.ts";

/**
 * A client that backs off the way Close's official Python client does (a python3 script,
 * standard library only) sends a burst larger than the limit to a real server and finishes
 * it without an error: every 429 tells it how long to sleep, and that is long enough.
 */

const SKIP = testBackend() === "pglite" ? "PGlite is in-process; one process per database" : false;

after(stopAllServers);

describe("a Close client's backoff", { skip: SKIP }, () => {
  test("sleeping what RateLimit says on each 429 finishes a burst of 3× the limit", async () => {
    const database = await createTestDatabase();
    const setup = await openTestStore(database);
    const org = await setup.write((tx) =>
      createOrganization(
        tx,
        { name: "Backoff", admin: { email: `backoff-${randomBase62(8)}@example.com` } },
        new Date(),
      ),
    );
    await setup.close();
    const server = await startServer({
      databaseUrl: database.url,
      // 2 reads per 10 s: one comes back every 5 s, slower than even a loaded machine sends
      // them, so the burst meets the limit; the client then sleeps at most 10 s at a time.
      env: {
        ROSTER_RATE_LIMITS: "on",
        ROSTER_RATE_LIMIT_READ: "2",
        ROSTER_RATE_LIMIT_WINDOW: "10",
      },
      readyTimeoutMs: 180_000,
    });
    try {
      const { stdout } = await promisify(execFile)(
        "python3",
        [`${REPO_ROOT}test/helpers/close-client-retry.py`, server.api, org.api_key, "6"],
        { timeout: 120_000 },
      );
      const result = JSON.parse(stdout);
      assert.equal(result.ok, 6, stdout);
      assert.ok(result.rate_limited >= 1, `the burst met the limit: ${stdout}`);
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});
