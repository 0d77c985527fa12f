import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createTestDatabase, testBackend } from "../helpers/backend.ts";
import { basicAuth, type Double, startDouble } from "./helpers.ts";

const TOKEN = "control-token-for-tests-0123";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("HTTP controls with a control token", () => {
  let d: Double;
  const control = (method: string, path: string, body?: unknown, token: string | null = TOKEN) =>
    fetch(`${d.url}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  before(async () => {
    d = await startDouble({ controlToken: TOKEN });
  });
  after(() => d.stop());

  test("refused without the right Bearer token", async () => {
    for (const token of [null, "wrong-token-but-long-enough", `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const res = await control("POST", "/_roster/reset", undefined, token);
      assert.equal(res.status, 401, `token ${token}`);
      assert.ok(typeof ((await res.json()) as { error: string }).error === "string");
    }
    const basic = await fetch(`${d.url}/_roster/journal`, { headers: basicAuth(TOKEN) });
    assert.equal(basic.status, 401);
    // An organization's API key is no control token either.
    const withKey = await fetch(`${d.url}/_roster/journal`, {
      headers: { authorization: `Bearer ${d.adminKey}` },
    });
    assert.equal(withKey.status, 401);
  });

  test("never under /api/v1/", async () => {
    const res = await fetch(`${d.url}/api/v1/_roster/journal`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.status, 404);
  });

  test("reset, snapshots, faults, journal and clock speak the documented shapes", async () => {
    assert.deepEqual(await (await control("POST", "/_roster/reset")).json(), {});
    const snap = (await (await control("POST", "/_roster/snapshots")).json()) as { id: string };
    assert.match(snap.id, /^snap_/);
    assert.deepEqual(
      await (await control("POST", `/_roster/snapshots/${snap.id}/restore`)).json(),
      {},
    );
    assert.equal((await control("POST", "/_roster/snapshots/snap_nope/restore")).status, 404);

    const rule = { method: "PUT", route: "/api/v1/membership/{id}/", status: 503 };
    const put = await control("PUT", "/_roster/faults", { rules: [rule] });
    assert.equal(put.status, 200);
    const stored = ((await put.json()) as { rules: Array<Record<string, unknown>> }).rules;
    assert.equal(stored.length, 1);
    assert.match(String(stored[0]?.id), /^fault_/);
    assert.deepEqual(
      { ...stored[0], id: undefined },
      {
        ...rule,
        id: undefined,
        latency_ms: 0,
        drop: null,
        phase: "before_commit",
        count: 1,
        probability: 1,
        organization_id: null,
        credential_id: null,
        retry_after_seconds: 1,
        fired: 0,
      },
    );
    assert.deepEqual(
      ((await (await control("GET", "/_roster/faults")).json()) as { rules: unknown[] }).rules,
      stored,
    );
    const bad = await control("PUT", "/_roster/faults", {
      rules: [{ method: "PUT", route: "*", status: 418 }],
    });
    assert.equal(bad.status, 400);
    assert.ok(
      "rules[0].status" in ((await bad.json()) as { "field-errors": object })["field-errors"],
    );
    const unknownField = await control("PUT", "/_roster/faults", {
      rules: [{ ...rule, sometimes: true }],
    });
    assert.equal(unknownField.status, 400);
    assert.deepEqual(await (await control("DELETE", "/_roster/faults")).json(), {});
    assert.deepEqual(
      ((await (await control("GET", "/_roster/faults")).json()) as { rules: unknown[] }).rules,
      [],
    );

    const set = (await (
      await control("POST", "/_roster/clock", { set: "2030-01-02T03:04:05Z" })
    ).json()) as {
      now: string;
    };
    assert.equal(set.now, "2030-01-02T03:04:05.000Z");
    const moved = (await (
      await control("POST", "/_roster/clock", { advance_seconds: 60 })
    ).json()) as {
      now: string;
    };
    assert.equal(moved.now, "2030-01-02T03:05:05.000Z");
    assert.equal((await control("POST", "/_roster/clock", { set: "yesterday" })).status, 400);
    assert.equal(
      (await control("POST", "/_roster/clock", { set: "2030-01-01T00:00:00Z", real: true })).status,
      400,
    );
    const real = (await (await control("POST", "/_roster/clock", { real: true })).json()) as {
      now: string;
    };
    assert.ok(Math.abs(Date.parse(real.now) - Date.now()) < 60_000);

    await control("DELETE", "/_roster/journal");
    await fetch(`${d.url}/api/v1/me/?_fields=id`, { headers: basicAuth(d.adminKey) });
    await fetch(`${d.url}/api/v1/organization/${d.organizations[0]?.id}/`, {
      headers: basicAuth(d.adminKey),
    });
    const journal = (await (await control("GET", "/_roster/journal?route=/api/v1/me/")).json()) as {
      data: Array<Record<string, unknown>>;
    };
    assert.equal(journal.data.length, 1);
    const [entry] = journal.data;
    assert.equal(entry?.method, "GET");
    assert.equal(entry?.path, "/api/v1/me/");
    assert.equal(entry?.route, "/api/v1/me/");
    assert.deepEqual(entry?.query, { _fields: "id" });
    assert.equal(entry?.status, 200);
    assert.deepEqual(Object.keys(entry?.response as object), ["id"]);
    const all = (await (await control("GET", "/_roster/journal?method=get")).json()) as {
      data: unknown[];
    };
    assert.equal(all.data.length, 2);
    const future = (await (
      await control("GET", "/_roster/journal?since=2100-01-01T00:00:00Z")
    ).json()) as {
      data: unknown[];
    };
    assert.equal(future.data.length, 0);
    assert.equal((await control("GET", "/_roster/journal?since=soon")).status, 400);
    assert.deepEqual(await (await control("DELETE", "/_roster/journal")).json(), {});
  });

  test("documented in OpenAPI under their own tag, at the server's root", async () => {
    const doc = (await (await fetch(`${d.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags: string[]; servers?: Array<{ url: string }> }>>;
    };
    const controlPaths = Object.keys(doc.paths).filter((path) => path.startsWith("/_roster/"));
    assert.deepEqual(controlPaths.sort(), [
      "/_roster/clock",
      "/_roster/faults",
      "/_roster/journal",
      "/_roster/reset",
      "/_roster/snapshots",
      "/_roster/snapshots/{id}/restore",
    ]);
    for (const path of controlPaths) {
      // A path item also holds its description (the 405 note): only its operations count.
      const item = doc.paths[path] ?? {};
      for (const operation of Object.values(item).filter((value) => typeof value === "object")) {
        assert.deepEqual(operation.tags, ["Roster controls"]);
        assert.deepEqual(operation.servers, [{ url: "/" }]);
      }
    }
  });
});

describe("the journal never shows a secret", () => {
  let d: Double;
  before(async () => {
    d = await startDouble({ controlToken: TOKEN });
  });
  after(() => d.stop());

  test("keys, tokens and cookies are redacted in headers, bodies and responses", async () => {
    const secret = d.adminKey.slice(d.adminKey.indexOf(".") + 1);
    await fetch(`${d.url}/api/v1/me/`, { headers: basicAuth(d.adminKey) });
    await fetch(`${d.url}/api/v1/me/`, {
      headers: { authorization: `Bearer ${d.adminKey}`, cookie: `session=${secret}` },
    });
    await fetch(`${d.url}/api/v1/role/`, {
      method: "POST",
      headers: { ...basicAuth(d.adminKey), "content-type": "application/json" },
      body: JSON.stringify({
        name: d.adminKey,
        permissions: [],
        password: "hunter2",
        note: `key ${d.adminKey}`,
      }),
    });
    await fetch(`${d.url}/api/v1/me/?api_key=${d.adminKey}`, { headers: basicAuth(d.adminKey) });
    const served = await (
      await fetch(`${d.url}/_roster/journal`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    const held = JSON.stringify(d.double.journal.list());
    assert.equal(JSON.parse(served).data.length, 4, served);
    for (const text of [served, held]) {
      for (const needle of [
        secret,
        Buffer.from(`${d.adminKey}:`).toString("base64"),
        "hunter2",
        TOKEN,
      ]) {
        assert.ok(!text.includes(needle), `journal shows ${needle}`);
      }
      assert.ok(text.includes("Basic [redacted]"));
      assert.ok(text.includes("Bearer [redacted]"));
    }
  });
});

describe("without a control token", () => {
  test("the control routes do not exist, and are not documented", async () => {
    const d = await startDouble();
    try {
      for (const [method, path] of [
        ["POST", "/_roster/reset"],
        ["GET", "/_roster/journal"],
        ["PUT", "/_roster/faults"],
        ["POST", "/_roster/clock"],
      ] as const) {
        const res = await fetch(`${d.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        assert.equal(res.status, 404, `${method} ${path}`);
      }
      const doc = await (await fetch(`${d.url}/openapi.json`)).text();
      assert.ok(!doc.includes("/_roster/"));
    } finally {
      await d.stop();
    }
  });

  // The server's wiring is the same on every backend: one run (two processes) is enough.
  const otherBackend = testBackend() !== "sqlite" && "runs on the sqlite backend";
  test("roster serve enables them only with ROSTER_CONTROL_TOKEN", {
    skip: otherBackend,
  }, async () => {
    const database = await createTestDatabase();
    const serve = async (env: Record<string, string>) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_TEST_CONTEXT: "",
          DATABASE_URL: database.url,
          PORT: "0",
          SEED_DEMO: "false",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.setEncoding("utf8");
      while (!/listening on (\S+)\/api\/v1/.test(out)) {
        const [chunk] = (await Promise.race([once(child.stdout, "data"), once(child, "exit")])) as [
          string,
        ];
        if (typeof chunk !== "string") throw new Error(`server exited: ${out}`);
        out += chunk;
      }
      const base = /listening on (\S+)\/api\/v1/.exec(out)?.[1] as string;
      try {
        return (
          await fetch(`${base}/_roster/reset`, {
            method: "POST",
            headers: { authorization: `Bearer ${TOKEN}` },
          })
        ).status;
      } finally {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    };
    try {
      assert.equal(await serve({}), 404);
      assert.equal(await serve({ ROSTER_CONTROL_TOKEN: TOKEN }), 200);
    } finally {
      await database.drop();
    }
  });
});
