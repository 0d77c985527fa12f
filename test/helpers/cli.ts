import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { systemClock } from "../../src/domain/time.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { createTestDatabase, type TestDatabase, testBackend } from "./backend.ts";

/** Running the `roster` CLI as its own process, and what its output contract is. */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `roster <args>` as its own process on `databaseUrl`. */
export function roster(databaseUrl: string, ...args: string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The `--json` contract: exit 0, exactly one JSON object on one line of stdout with exactly
 * `keys`, nothing on stderr.
 */
export function jsonResult(run: CliRun, keys: string[], label: string): Record<string, unknown> {
  assert.equal(run.code, 0, `${label}: exit ${run.code}, stderr: ${run.stderr}`);
  assert.equal(run.stderr, "", `${label}: stderr`);
  assert.ok(run.stdout.endsWith("\n"), `${label}: one line`);
  const lines = run.stdout.slice(0, -1).split("\n");
  assert.equal(lines.length, 1, `${label}: exactly one line: ${run.stdout}`);
  const parsed = JSON.parse(lines[0] as string) as unknown;
  assert.ok(parsed !== null && typeof parsed === "object" && !Array.isArray(parsed), label);
  const result = parsed as Record<string, unknown>;
  assert.deepEqual(Object.keys(result).sort(), [...keys].sort(), label);
  return result;
}

/** A mistake: exit 1, empty stdout, exactly one line on stderr and no stack trace. */
export function assertMistake(run: CliRun, label: string): void {
  assert.equal(run.code, 1, `${label}: exit ${run.code}, stdout: ${run.stdout}`);
  assert.equal(run.stdout, "", `${label}: stdout`);
  assert.ok(
    run.stderr.endsWith("\n"),
    `${label}: stderr ends its line: ${JSON.stringify(run.stderr)}`,
  );
  const lines = run.stderr.slice(0, -1).split("\n");
  assert.equal(lines.length, 1, `${label}: one line on stderr: ${run.stderr}`);
  assert.ok((lines[0] as string).trim().length > 0, label);
  assert.doesNotMatch(run.stderr, /^\s*at |\bat .+:\d+:\d+/m, `${label}: no stack trace`);
}

/**
 * A database that CLI processes (one at a time) and the test can all open: the backend's
 * test database, or for PGlite a directory (an in-memory PGlite lives in one process).
 */
export async function cliDatabase(): Promise<TestDatabase> {
  if (testBackend() !== "pglite") return createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), "roster-cli-"));
  // Removed at exit, not in after(): opening a PGlite directory leaves an un-awaited
  // mkdir of it behind (kysely-pglite), which must not find the directory gone.
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return { url: `pglite:${dir}`, drop: async () => {} };
}

/** Opens the app on the CLI's database; call only while no CLI process runs (PGlite). */
export async function withAppOn<T>(
  url: string,
  work: (app: Awaited<ReturnType<typeof buildApp>>, store: Store) => Promise<T>,
) {
  const store = await openStore(url, { poolSize: 2 });
  const app = await buildApp({
    config: loadConfig({ SEED_DEMO: "false" }),
    store,
    clock: systemClock,
  });
  try {
    await app.ready();
    return await work(app, store);
  } finally {
    await app.close();
    await store.close();
  }
}
