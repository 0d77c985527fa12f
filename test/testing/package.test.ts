import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { testBackend } from "../helpers/backend.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * What an outside user does: `npm pack`, install the tarball into an empty project, run the
 * example integration test there with plain Node (no tsx, no sources). Dependencies come from
 * the machine's npm cache (`--prefer-offline`). The install skips scripts: better-sqlite3's
 * own install would download or compile its native binding, so the one this checkout already
 * built (same version, same Node) is copied in instead. Independent of the backend: runs once.
 */
test("the packed tarball installs into an empty project and its example passes", {
  skip: testBackend() !== "sqlite" && "runs on the sqlite backend",
  timeout: 20 * 60_000,
}, () => {
  const work = mkdtempSync(join(tmpdir(), "roster-pack-"));
  // Not a subtest of this run: without NODE_TEST_CONTEXT the inner `node --test` runs as usual.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  try {
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
        cwd: ROOT,
        env,
        encoding: "utf8",
      }),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const tarball = join(work, packed[0]?.filename ?? "");
    const files = new Set(packed[0]?.files.map((file) => file.path));
    for (const file of [
      "dist/testing.js",
      "dist/client.js",
      "dist/types/testing/index.d.ts",
      "dist/types/client/index.d.ts",
      "dist/web/app.js",
      "dist/web/app.css",
    ]) {
      assert.ok(files.has(file), `${file} is packed`);
    }

    const project = join(work, "consumer");
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    execFileSync(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        tarball,
      ],
      { cwd: project, env, stdio: "inherit" },
    );
    const installed = JSON.parse(
      readFileSync(join(project, "node_modules/better-sqlite3/package.json"), "utf8"),
    ) as { version: string };
    const ours = JSON.parse(
      readFileSync(join(ROOT, "node_modules/better-sqlite3/package.json"), "utf8"),
    ) as {
      version: string;
    };
    const binding = "node_modules/better-sqlite3/build/Release";
    if (installed.version === ours.version) {
      mkdirSync(join(project, binding), { recursive: true });
      copyFileSync(
        join(ROOT, binding, "better_sqlite3.node"),
        join(project, binding, "better_sqlite3.node"),
      );
    } else {
      execFileSync("npm", ["rebuild", "better-sqlite3"], { cwd: project, env, stdio: "inherit" });
    }

    copyFileSync(
      join(ROOT, "examples/close-integration.test.mjs"),
      join(project, "close-integration.test.mjs"),
    );
    // The report goes to a file: what a nested test run writes to a pipe is not reliable.
    const run = spawnSync(
      process.execPath,
      [
        "--test",
        "--test-reporter=tap",
        "--test-reporter-destination=report.tap",
        "close-integration.test.mjs",
      ],
      { cwd: project, env, encoding: "utf8" },
    );
    const report = readFileSync(join(project, "report.tap"), "utf8");
    assert.equal(run.status, 0, `${report}\n${run.stderr}`);
    assert.match(report, /^# pass 4$/m);
    assert.match(report, /^# fail 0$/m);

    // The packed double serves the team page from the assets packed beside it.
    writeFileSync(
      join(project, "team-page.mjs"),
      `import { startRoster } from "roster/testing";
const roster = await startRoster();
for (const path of ["/app/", "/app/assets/app.js", "/app/assets/app.css"]) {
  const res = await fetch(roster.url + path);
  console.log(path, res.status, res.headers.get("content-type"));
}
await roster.close();
`,
    );
    const page = spawnSync(process.execPath, ["team-page.mjs"], {
      cwd: project,
      env,
      encoding: "utf8",
    });
    assert.equal(page.status, 0, page.stderr);
    assert.match(page.stdout, /^\/app\/ 401 text\/html/m);
    assert.match(page.stdout, /^\/app\/assets\/app\.js 200 text\/javascript/m);
    assert.match(page.stdout, /^\/app\/assets\/app\.css 200 text\/css/m);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
