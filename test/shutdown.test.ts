import assert from "node:assert/strict";
import { request } from "node:http";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { addMember, createOrganization } from "../src/operations/provisioning.ts";
import { createTestDatabase, openTestStore, testBackend } from "./helpers/backend.ts";
import { basic } from "./helpers/harness.ts";
import { startServer, stopAllServers } from "./helpers/server-process.ts";

/**
 * Graceful shutdown of a real server process under write load, alone and as a primary with
 * two workers (SIGTERM to the primary drains every worker): SIGTERM while clients keep
 * writing. Every request whose connection the server accepted gets a whole answer, every
 * acknowledged write is in the database with its event, and the process exits 0.
 */

const SKIP = testBackend() === "pglite" ? "PGlite is in-process; one process per database" : false;

interface Outcome {
  /** The answer's status and request ID, or the connection error's code. */
  status?: number;
  requestId?: string;
  error?: string;
}

/** One PUT on a connection of its own (no keep-alive), so a refused connect is told apart. */
function put(origin: string, apiKey: string, path: string, body: unknown): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = request(
      `${origin}${path}`,
      {
        method: "PUT",
        agent: false,
        headers: {
          authorization: basic(apiKey),
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
        timeout: 60_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          try {
            JSON.parse(text);
            resolve({ status: res.statusCode, requestId: String(res.headers["x-request-id"]) });
          } catch {
            resolve({ error: `incomplete body (${res.statusCode}): ${text.slice(0, 80)}` });
          }
        });
        res.on("error", (error: NodeJS.ErrnoException) =>
          resolve({ error: `cut mid-answer: ${error.code ?? error.message}` }),
        );
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
    req.end(payload);
  });
}

describe("graceful shutdown", { skip: SKIP }, () => {
  after(stopAllServers);

  for (const workers of [1, 2]) {
    test(`SIGTERM under write load (${workers === 1 ? "one process" : `${workers} workers`}): whole answers, no acknowledged write lost, exit 0`, async () => {
      const database = await createTestDatabase();
      const store = await openTestStore(database);
      const now = new Date();
      const org = await store.write((tx) =>
        createOrganization(
          tx,
          { name: "Shutdown", admin: { email: "admin@shutdown.example" } },
          now,
        ),
      );
      const members: string[] = [];
      for (let i = 0; i < 16; i++) {
        const member = await store.write((tx) =>
          addMember(
            tx,
            org.organization_id,
            { email: `m${i}@shutdown.example`, role: "user" },
            now,
          ),
        );
        members.push(member.membership_id);
      }
      await store.close();

      const server = await startServer({
        databaseUrl: database.url,
        env: { SHUTDOWN_TIMEOUT: "30000" },
        workers,
      });
      const outcomes: Outcome[] = [];
      let stop = false;
      // One client per member, each flipping its member's setting: every 200 is a real change
      // with its own event.
      const clients = members.map(async (membershipId) => {
        for (let i = 0; !stop; i++) {
          const outcome = await put(
            server.origin,
            org.api_key,
            `/api/v1/membership/${membershipId}/`,
            {
              auto_record_calls: i % 2 === 0 ? "enabled" : "disabled",
            },
          );
          outcomes.push(outcome);
          if (outcome.error !== undefined) return;
        }
      });
      // Load first, then the signal in the middle of it.
      while (outcomes.filter((o) => o.status === 200).length < 50) await sleep(20);
      const exited = server.stop("SIGTERM");
      const exit = await exited;
      stop = true;
      await Promise.all(clients);

      assert.equal(exit.code, 0, server.output());
      const answered = outcomes.filter((o) => o.status !== undefined);
      const failures = outcomes.filter((o) => o.error !== undefined);
      // A connection is refused (the server no longer listens), reset before any answer (it sat
      // in the kernel's backlog, never accepted), or answered in full: never cut mid-answer.
      for (const failure of failures)
        assert.ok(["ECONNREFUSED", "ECONNRESET"].includes(String(failure.error)), failure.error);
      assert.ok(
        answered.every((o) => o.status === 200),
        JSON.stringify(answered.find((o) => o.status !== 200)),
      );

      const reopened = await openTestStore(database);
      try {
        const events = await reopened.db
          .selectFrom("events")
          .select("request_id")
          .where("organization_id", "=", org.organization_id)
          .where("action", "=", "updated")
          .execute();
        const recorded = new Set(events.map((e) => e.request_id));
        const lost = answered.filter((o) => !recorded.has(o.requestId ?? ""));
        assert.deepEqual(lost, [], "acknowledged writes missing from the database");
        assert.equal(recorded.size, answered.length);
      } finally {
        await reopened.close();
        await database.drop();
      }
    });
  }
});
