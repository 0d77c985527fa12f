import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { ConfigError, loadConfig } from "../src/config.ts";
import { randomBase62 } from "../src/domain/ids.ts";
import { DatabaseUrlError, parseDatabaseUrl } from "../src/store/database-url.ts";
import { openStore } from "../src/store/open.ts";
import { REPO_ROOT, runToExit, stopAllServers } from "./helpers/server-process.ts";

const dir = mkdtempSync(join(tmpdir(), "roster-dburl-"));
const notADatabase = join(dir, "notes.txt");
writeFileSync(notADatabase, "these are not the pages you are looking for\n");
const aDirectory = join(dir, "a-directory");
mkdirSync(aDirectory);
const marker = `roster-test-${randomBase62(8)}`;

/** DATABASE_URLs that must stop a start, and what the one line on stderr must say. */
const REFUSED: Array<[string, RegExp]> = [
  [`mysql://${marker}`, /unknown scheme "mysql:"/],
  [`file:${marker}.db`, /unknown scheme "file:"/],
  [`http://${marker}/db`, /unknown scheme "http:"/],
  ["postgres://", /not a valid PostgreSQL URL/],
  ["postgresql:nohost", /not a valid PostgreSQL URL/],
  ["sqlite:", /names no file/],
  [`sqlite:${notADatabase}`, /cannot be opened: file is not a database/],
  [`sqlite:${join(notADatabase, "roster.db")}`, /cannot be opened/],
  [aDirectory, /cannot be opened/],
  [`pglite:${notADatabase}`, /PGlite directory .* cannot be opened/],
];

/** A refused start: exit 1, one line on stderr naming the variable and the accepted forms. */
function assertRefused(
  run: { code: number | null; stdout: string; stderr: string },
  reason: RegExp,
  label: string,
): void {
  assert.equal(run.code, 1, `${label}: exit ${run.code}, stderr: ${run.stderr}`);
  assert.doesNotMatch(run.stdout, /listening/, label);
  const lines = run.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `${label}: one line on stderr: ${run.stderr}`);
  assert.match(run.stderr, /DATABASE_URL/, label);
  assert.match(run.stderr, reason, label);
  assert.match(run.stderr, /Accepted forms: sqlite:<path>.*postgres:\/\/.*pglite:/, label);
  assert.doesNotMatch(run.stderr, /^\s*at |\bat .+:\d+:\d+/m, `${label}: no stack trace`);
}

describe("DATABASE_URL: a clear refusal at start", () => {
  after(async () => {
    await stopAllServers();
    rmSync(dir, { recursive: true, force: true });
  });

  test("every refused form, as the server and the CLI read it", async () => {
    for (const [url, reason] of REFUSED) {
      const label = url.replace(dir, "<tmp>");
      const place = url.startsWith("pglite:") || url.startsWith("/") || url.startsWith("sqlite:/");
      if (!place) {
        // The form is wrong: refused as the configuration is read, before anything opens.
        assert.throws(
          () => loadConfig({ DATABASE_URL: url }),
          (error: Error) => error instanceof ConfigError && reason.test(error.message),
          label,
        );
      }
      // What loadConfig lets through (a place that cannot be opened) openStore refuses.
      await assert.rejects(
        () => openStore(url),
        (error: Error) =>
          error instanceof DatabaseUrlError &&
          reason.test(error.message) &&
          error.message.includes("Accepted forms"),
        label,
      );
    }
  });

  // Real processes, one per way of starting (each costs seconds): exit 1, one line.
  const STARTS: Array<[string, string[], number]> = [
    ["npm start (src/server.ts)", ["src/server.ts"], 0],
    ["roster serve", ["src/cli/main.ts", "serve"], 6],
    ["roster migrate", ["src/cli/main.ts", "migrate", "--json"], 9],
  ];
  for (const [label, command, which] of STARTS) {
    const [url, reason] = REFUSED[which] as [string, RegExp];
    test(`${label} with ${url.replace(dir, "<tmp>")} → exit 1 and one clear line`, async () => {
      const env = { DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false" };
      assertRefused(await runToExit(command, env, 60_000), reason, label);
    });
  }

  test("nothing was created for a refused URL (mysql://x once made a file ./mysql:/x)", () => {
    assert.equal(existsSync(join(REPO_ROOT, "mysql:", marker)), false);
    assert.equal(existsSync(join(REPO_ROOT, `file:${marker}.db`)), false);
    assert.equal(existsSync(join(REPO_ROOT, "http:", marker)), false);
  });
});

describe("DATABASE_URL: the accepted forms", () => {
  test("each names its backend and place", () => {
    assert.deepEqual(parseDatabaseUrl("sqlite:./data/roster.db"), {
      kind: "sqlite",
      path: "./data/roster.db",
    });
    assert.deepEqual(parseDatabaseUrl("sqlite::memory:"), { kind: "sqlite", path: ":memory:" });
    assert.deepEqual(parseDatabaseUrl("/var/lib/roster.db"), {
      kind: "sqlite",
      path: "/var/lib/roster.db",
    });
    assert.deepEqual(parseDatabaseUrl("data/with:colon.db"), {
      kind: "sqlite",
      path: "data/with:colon.db",
    });
    assert.deepEqual(parseDatabaseUrl("pglite:memory"), { kind: "pglite", dataDir: undefined });
    assert.deepEqual(parseDatabaseUrl("pglite:./pg"), { kind: "pglite", dataDir: "./pg" });
    for (const url of [
      "postgres://u:p@db.example.com:5432/roster",
      "postgresql://u@127.0.0.1/roster?sslmode=require",
      "postgres:///roster?host=/var/run/postgresql",
    ]) {
      assert.deepEqual(parseDatabaseUrl(url), { kind: "postgres", url });
    }
  });

  test("a refused PostgreSQL URL does not show its password", () => {
    assert.throws(
      () => parseDatabaseUrl("mysql://me:hunter2@db/x"),
      (error: Error) => !error.message.includes("hunter2") && /me:\*\*\*@/.test(error.message),
    );
  });
});
