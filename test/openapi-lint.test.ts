import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { systemClock } from "../src/domain/time.ts";
import { openStore } from "../src/store/open.ts";
import type { Store } from "../src/store/store.ts";
import { TestDouble } from "../src/testing/double.ts";
import { REPO_ROOT } from "./helpers/server-process.ts";

/**
 * The OpenAPI document as served (`GET /openapi.json` over a socket), judged by `redocly lint`
 * with its recommended rules (redocly.yaml says which rule is off, and why): any error or
 * warning fails. Both forms are linted: the API alone, and with the `/_roster/` controls.
 */

interface Served {
  document: Record<string, unknown>;
  file: string;
}

const dir = mkdtempSync(join(tmpdir(), "roster-openapi-"));

async function serve(label: string, withControls: boolean): Promise<Served> {
  const store: Store = await openStore("sqlite::memory:");
  const double = withControls
    ? new TestDouble(store, { controlToken: "openapi-lint-control-token" })
    : undefined;
  const app = await buildApp({
    config: loadConfig({ SEED_DEMO: "false" }),
    store,
    clock: double?.clock ?? systemClock,
    testDouble: double,
  });
  try {
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const response = await fetch(`${address}/openapi.json`);
    assert.equal(response.status, 200);
    const text = await response.text();
    const file = join(dir, `${label}.json`);
    writeFileSync(file, text);
    return { document: JSON.parse(text) as Record<string, unknown>, file };
  } finally {
    await app.close();
    await store.close();
  }
}

function redoclyLint(file: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(REPO_ROOT, "node_modules/.bin/redocly"),
      ["lint", "--config", join(REPO_ROOT, "redocly.yaml"), "--format=json", file],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

type Operation = {
  operationId?: string;
  servers?: unknown;
  responses: Record<string, { description?: string; headers?: Record<string, unknown> }>;
};

function operations(document: Record<string, unknown>): Array<[string, string, Operation]> {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    ["get", "put", "post", "delete", "patch"]
      .filter((method) => item[method])
      .map((method) => [path, method, item[method] as Operation] as [string, string, Operation]),
  );
}

describe("the served OpenAPI document", () => {
  let api: Served;
  let withControls: Served;

  before(async () => {
    api = await serve("api", false);
    withControls = await serve("with-controls", true);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test("redocly lint (recommended rules): no error, no warning", async () => {
    for (const { file } of [api, withControls]) {
      const { code, stdout } = await redoclyLint(file);
      const report = JSON.parse(stdout) as {
        totals: { errors: number; warnings: number };
        problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
      };
      const problems = report.problems.map(
        (p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`,
      );
      assert.deepEqual(problems, [], file);
      assert.deepEqual(report.totals, { ...report.totals, errors: 0, warnings: 0 }, file);
      assert.equal(code, 0, file);
    }
  });

  test("what generators use: unique operationIds, named schemas, described answers", () => {
    const ids = operations(withControls.document).map(([path, method, op]) => {
      assert.ok(op.operationId, `${method} ${path}: operationId`);
      for (const [status, response] of Object.entries(op.responses)) {
        assert.ok(response.description, `${method} ${path} ${status}: description`);
        assert.notEqual(response.description, "Default Response", `${method} ${path} ${status}`);
      }
      return op.operationId;
    });
    assert.equal(new Set(ids).size, ids.length, "operationIds are unique");
    const schemas = (api.document.components as { schemas: Record<string, unknown> }).schemas;
    for (const name of [
      "Membership",
      "Role",
      "User",
      "Organization",
      "Event",
      "Error",
      "ValidationError",
      "RateLimitError",
      "MembershipBulkUpdate",
    ])
      assert.ok(schemas[name], `components.schemas.${name}`);
    const bulk = schemas.MembershipBulkUpdate as { properties: Record<string, unknown> };
    assert.ok(bulk.properties._params, "the bulk body documents _params");
    const getMembership = JSON.stringify(
      (api.document.paths as Record<string, Record<string, unknown>>)["/membership/{id}/"]?.get,
    );
    assert.match(getMembership, /"\$ref":"#\/components\/schemas\/Membership"/);
  });

  test("every /api/v1 operation documents its 429 with RateLimit and Retry-After; each path its 405", () => {
    const paths = api.document.paths as Record<string, { description?: string }>;
    for (const [path, method, op] of operations(api.document)) {
      assert.match(String(paths[path]?.description), /405/, `${path}: 405`);
      if (op.servers !== undefined) continue; // outside /api/v1 (/health, /ready, /metrics)
      const tooMany = op.responses["429"];
      assert.ok(tooMany, `${method} ${path}: 429`);
      assert.deepEqual(Object.keys(tooMany.headers ?? {}).sort(), ["RateLimit", "Retry-After"]);
    }
    const health = (paths as Record<string, Record<string, Operation>>)["/health"]?.get;
    assert.deepEqual(health?.servers, [{ url: "/" }], "/health is not under /api/v1");
  });
});
