#!/usr/bin/env node
// Runs the whole test suite once per backend: SQLite and PGlite always, a real PostgreSQL
// server when TEST_DATABASE_URL is set. `npm test -- --backend sqlite` runs one backend;
// any other arguments are test files.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const args = process.argv.slice(2);
const only = args.indexOf("--backend");
const backends =
  only >= 0
    ? [args.splice(only, 2)[1]]
    : ["sqlite", "pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];
const files = args.length > 0 ? args : findTests("test").sort();

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
for (const backend of backends) {
  process.stdout.write(`\n=== backend: ${backend} (${files.length} files) ===\n`);
  const run = spawnSync(
    process.execPath,
    [
      "--conditions=roster-source",
      "--import",
      "tsx",
      "--test",
      "--test-concurrency=2",
      "--test-reporter=spec",
      ...files,
    ],
    {
      env: { ...process.env, TEST_BACKEND: backend },
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  const count = (name) => Number(run.stdout.match(new RegExp(`^ℹ ${name} (\\d+)$`, "m"))?.[1] ?? 0);
  const result = {
    passed: count("pass"),
    failed: count("fail"),
    skipped: count("skipped") + count("todo"),
  };
  if (run.status !== 0 && result.failed === 0) result.failed = 1;
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped;
  lines.push(
    `${backend}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`,
  );
}
process.stdout.write(`\n${lines.join("\n")}\n`);
process.stdout.write(
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
