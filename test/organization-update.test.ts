import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { newId } from "../src/domain/ids.ts";
import { openStore } from "../src/store/open.ts";
import { api, createMembership, freshEmail, userCount, verifyAsOperator } from "./helpers/api.ts";
import { assertErrorBody, assertFieldErrors, snapshotOrg } from "./helpers/assertions.ts";
import { createSharedDatabase, testBackend } from "./helpers/backend.ts";
import { createOrg, type Harness, type Org, TestClock, useHarness } from "./helpers/harness.ts";
import { securitySuite } from "./helpers/security.ts";

const ORGANIZATION_FIELDS = [
  "created_by",
  "date_created",
  "date_updated",
  "id",
  "inactive_memberships",
  "memberships",
  "name",
  "restrict_new_users_to_verified_domains",
  "updated_by",
  "verified_email_domains",
];

function putOrg(h: Harness, auth: string, org: Org, body: unknown, query = "") {
  return api(h, auth, "PUT", `/organization/${org.id}/${query}`, body);
}

async function expectNothingChanged(h: Harness, org: Org, request: () => Promise<void>) {
  const before = await snapshotOrg(h, org.id);
  await request();
  assert.deepEqual(await snapshotOrg(h, org.id), before, "the refused request changed nothing");
}

describe("PUT /api/v1/organization/{id}/", () => {
  const h = useHarness();

  test("changes the name and returns the organization as GET does", async () => {
    const org = await createOrg(h, "Before");
    const second = await org.add("admin");
    const original = await api(h, org.admin.apiKey, "GET", `/organization/${org.id}/`);
    h.clock.advance(2000);
    const res = await putOrg(h, second.apiKey, org, { name: "  After Inc.  " });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ORGANIZATION_FIELDS);
    assert.equal(body.name, "After Inc.", "stored trimmed");
    assert.equal(body.id, org.id);
    assert.equal(body.updated_by, second.userId);
    assert.equal(body.created_by, original.json().created_by);
    assert.equal(body.date_created, original.json().date_created);
    assert.notEqual(body.date_updated, original.json().date_updated);
    assert.equal(body.memberships.length, 2);
    assert.deepEqual(body.inactive_memberships, []);
    const get = await api(h, org.admin.apiKey, "GET", `/organization/${org.id}/`);
    assert.deepEqual(get.json(), body);
  });

  test("a new organization does not restrict new users and has no verified domains", async () => {
    const org = await createOrg(h);
    const res = await api(h, org.admin.apiKey, "GET", `/organization/${org.id}/`);
    assert.equal(res.json().restrict_new_users_to_verified_domains, false);
    assert.deepEqual(res.json().verified_email_domains, []);
  });

  test("domains are stored lower-case, as punycode, without a trailing dot, de-duplicated, pending until proven", async () => {
    const org = await createOrg(h);
    const res = await putOrg(h, org.admin.apiKey, org, {
      verified_email_domains: [
        "Acme.TEST",
        "bücher.example",
        "acme.test.",
        " ACME.test ",
        "XN--BCHER-KVA.example",
        "münchen.de",
        "sub.acme.test",
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().verified_email_domains, [], "none is proven yet");
    const canonical = ["acme.test", "sub.acme.test", "xn--bcher-kva.example", "xn--mnchen-3ya.de"];
    const claims = await api(h, org.admin.apiKey, "GET", `/organization/${org.id}/email_domains/`);
    assert.deepEqual(
      claims.json().data.map((d: { domain: string; status: string }) => [d.domain, d.status]),
      canonical.map((domain) => [domain, "pending"]),
    );
    assert.equal(res.json().restrict_new_users_to_verified_domains, false, "not sent, not changed");
    await verifyAsOperator(h, org, canonical);
    const shown = await api(h, org.admin.apiKey, "GET", `/organization/${org.id}/`);
    assert.deepEqual(shown.json().verified_email_domains, canonical, "sorted");
    const emptied = await putOrg(h, org.admin.apiKey, org, { verified_email_domains: [] });
    assert.deepEqual(emptied.json().verified_email_domains, []);
  });

  test("the settings are what POST /membership/ checks, at once", async () => {
    const org = await createOrg(h);
    const email = () => freshEmail("x", "bücher.example");
    const refused = async (status: number, address: string) =>
      expectNothingChanged(h, org, async () => {
        const users = await userCount(h);
        const res = await createMembership(h, org.admin.apiKey, address);
        assert.equal(res.statusCode, status, res.body);
        assert.equal(await userCount(h), users);
      });
    await refused(403, email());
    const on = await putOrg(h, org.admin.apiKey, org, {
      verified_email_domains: ["BÜCHER.example"],
      restrict_new_users_to_verified_domains: true,
    });
    assert.equal(on.statusCode, 200, on.body);
    assert.equal(on.json().restrict_new_users_to_verified_domains, true);
    await refused(400, email());
    await verifyAsOperator(h, org, ["bücher.example"]);
    assert.equal((await createMembership(h, org.admin.apiKey, email())).statusCode, 200);
    await putOrg(h, org.admin.apiKey, org, { verified_email_domains: ["other.example"] });
    await refused(400, email());
    await putOrg(h, org.admin.apiKey, org, { restrict_new_users_to_verified_domains: false });
    await refused(403, freshEmail("y", "other.example"));
  });

  test("{} and a repeat of current values write nothing", async () => {
    const org = await createOrg(h, "Same");
    await expectNothingChanged(h, org, async () => {
      const res = await putOrg(h, org.admin.apiKey, org, {});
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().name, "Same");
    });
  });

  test("_fields and _expand apply to the response", async () => {
    const org = await createOrg(h);
    const fields = await putOrg(h, org.admin.apiKey, org, { name: "F" }, "?_fields=id,name");
    assert.deepEqual(fields.json(), { id: org.id, name: "F" });
    const expanded = await putOrg(h, org.admin.apiKey, org, {}, "?_expand=memberships__user");
    assert.equal(expanded.json().memberships[0].user.id, org.admin.userId);
  });
});

describe("PUT /api/v1/organization/{id}/ — refused, nothing changes", () => {
  const h = useHarness();

  test("a blank or overlong name → 400 on name", async () => {
    const org = await createOrg(h);
    for (const name of ["", "   ", "x".repeat(201), null, 5, ["a"]]) {
      await expectNothingChanged(h, org, async () => {
        const res = await putOrg(h, org.admin.apiKey, org, { name });
        assertFieldErrors(res, ["name"], JSON.stringify(name));
      });
    }
  });

  test("a domain that is not a domain → 400 on verified_email_domains", async () => {
    const org = await createOrg(h);
    await putOrg(h, org.admin.apiKey, org, { verified_email_domains: ["kept.example"] });
    const cases: unknown[] = [
      ["not a domain"],
      ["localhost"],
      [""],
      ["."],
      ["kept.example", "bad domain"],
      ["user@acme.test"],
      ["x".repeat(254)],
      [5],
      [null],
      "acme.test",
      null,
      Array.from({ length: 101 }, (_, i) => `d${i}.example`),
    ];
    for (const domains of cases) {
      await expectNothingChanged(h, org, async () => {
        const res = await putOrg(h, org.admin.apiKey, org, { verified_email_domains: domains });
        assertFieldErrors(res, ["verified_email_domains"], JSON.stringify(domains).slice(0, 60));
      });
    }
  });

  test("a restrict flag that is not a boolean → 400", async () => {
    const org = await createOrg(h);
    for (const flag of ["true", 1, null, "yes"]) {
      await expectNothingChanged(h, org, async () => {
        const res = await putOrg(h, org.admin.apiKey, org, {
          restrict_new_users_to_verified_domains: flag,
        });
        assertFieldErrors(res, ["restrict_new_users_to_verified_domains"], JSON.stringify(flag));
      });
    }
  });

  test("memberships and other fields are not editable here → 400 naming them", async () => {
    const org = await createOrg(h);
    const cases: Array<[unknown, string[]]> = [
      [{ memberships: [] }, ["memberships"]],
      [{ inactive_memberships: [] }, ["inactive_memberships"]],
      [{ id: newId("organization") }, ["id"]],
      [{ created_by: org.admin.userId, name: "Valid" }, ["created_by"]],
    ];
    for (const [body, fields] of cases) {
      await expectNothingChanged(h, org, async () => {
        assertFieldErrors(await putOrg(h, org.admin.apiKey, org, body), fields);
      });
    }
  });

  test("a body mixing valid and invalid fields names every invalid one and applies none", async () => {
    const org = await createOrg(h, "Unchanged");
    const cases: Array<[unknown, string[]]> = [
      [{ name: "New", verified_email_domains: ["bad domain"] }, ["verified_email_domains"]],
      [
        { name: "   ", verified_email_domains: ["ok.example", "bad domain"] },
        ["name", "verified_email_domains"],
      ],
      [
        { name: "New", restrict_new_users_to_verified_domains: "true", color: "red" },
        ["restrict_new_users_to_verified_domains", "color"],
      ],
      [
        {
          verified_email_domains: ["ok.example"],
          restrict_new_users_to_verified_domains: true,
          name: "",
        },
        ["name"],
      ],
    ];
    for (const [body, fields] of cases) {
      await expectNothingChanged(h, org, async () => {
        assertFieldErrors(
          await putOrg(h, org.admin.apiKey, org, body),
          fields,
          JSON.stringify(body),
        );
      });
    }
  });

  test("a body that is not an object → 400 {error}; not JSON → 415", async () => {
    const org = await createOrg(h);
    for (const body of [[], "name", 1]) {
      await expectNothingChanged(h, org, async () => {
        const res = await putOrg(h, org.admin.apiKey, org, body);
        assert.equal(res.statusCode, 400, res.body);
        assertErrorBody(res);
      });
    }
    await expectNothingChanged(h, org, async () => {
      const res = await h.app.inject({
        method: "PUT",
        url: `/api/v1/organization/${org.id}/`,
        headers: {
          authorization: `Basic ${Buffer.from(`${org.admin.apiKey}:`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: "name=X",
      });
      assert.equal(res.statusCode, 415, res.body);
      assertErrorBody(res);
    });
  });

  test("an unknown or malformed organization ID → 404", async () => {
    const org = await createOrg(h);
    for (const id of [newId("organization"), "nonsense", org.admin.userId]) {
      await expectNothingChanged(h, org, async () => {
        const res = await api(h, org.admin.apiKey, "PUT", `/organization/${id}/`, { name: "X" });
        assert.equal(res.statusCode, 404, res.body);
        assertErrorBody(res);
      });
    }
  });
});

describe("PUT /api/v1/organization/{id}/ — security", () => {
  const h = useHarness();

  securitySuite(h, {
    method: "PUT",
    path: (org) => `/api/v1/organization/${org.id}/`,
    body: { name: "Renamed", restrict_new_users_to_verified_domains: true },
    permission: "manage_organization",
  });

  test("a member without manage_organization cannot open member creation for themselves", async () => {
    const org = await createOrg(h);
    const superuser = await org.add("superuser");
    await expectNothingChanged(h, org, async () => {
      const res = await putOrg(h, superuser.apiKey, org, {
        verified_email_domains: ["evil.example"],
        restrict_new_users_to_verified_domains: true,
      });
      assert.equal(res.statusCode, 403, res.body);
      assertErrorBody(res);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// `roster org set` as a real process.

const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));
const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `roster <args>` in a child process on `databaseUrl`. */
async function roster(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env.NODE_TEST_CONTEXT;
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", ...args],
      { cwd: REPO_ROOT, env, timeout: 300_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** Opens the app on `url` (after the CLI has finished with it), runs `work`, closes it. */
async function withApp(
  url: string,
  work: (h: Pick<Harness, "app" | "store">) => Promise<void>,
): Promise<void> {
  const store = await openStore(url, { poolSize: 4 });
  const app = await buildApp({
    config: loadConfig({ SEED_DEMO: "false" }),
    store,
    clock: new TestClock(),
  });
  try {
    await work({ app, store });
  } finally {
    await app.close();
    await store.close();
  }
}

describe("roster org set (CLI)", () => {
  // One database for both tests (each makes its own organization): PGlite's first start in a
  // directory is slow.
  let database: { url: string; drop: () => Promise<void> };
  before(async () => {
    database = await createSharedDatabase();
  });
  after(async () => {
    await database.drop();
  });

  test("sets the name and the email-domain settings; the API sees them and create works", async () => {
    const created = await roster(
      database.url,
      "org",
      "create",
      "--name",
      "CLI Org",
      "--admin-email",
      freshEmail("cli-admin"),
      "--json",
    );
    assert.equal(created.code, 0, created.stderr);
    const { organization_id: orgId, api_key: apiKey } = JSON.parse(created.stdout);

    // Only the flags given change; without --json, one `key: value` line per field.
    const plain = await roster(
      database.url,
      "org",
      "set",
      "--org",
      orgId,
      "--name",
      "Renamed by CLI",
      "--restrict-new-users",
      "true",
    );
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /^name: Renamed by CLI$/m);
    assert.match(plain.stdout, /^restrict_new_users_to_verified_domains: true$/m);

    const set = await roster(
      database.url,
      "org",
      "set",
      "--org",
      orgId,
      "--verified-domains",
      "Acme.TEST,bücher.example,acme.test",
      "--json",
    );
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout.trim().split("\n").length, 1, "--json prints one line");
    assert.deepEqual(JSON.parse(set.stdout), {
      organization_id: orgId,
      name: "Renamed by CLI",
      verified_email_domains: ["acme.test", "xn--bcher-kva.example"],
      restrict_new_users_to_verified_domains: true,
    });

    await withApp(database.url, async (h) => {
      const get = await h.app.inject({
        method: "GET",
        url: `/api/v1/organization/${orgId}/`,
        headers: { authorization: `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}` },
      });
      assert.equal(get.statusCode, 200, get.body);
      assert.equal(get.json().name, "Renamed by CLI");
      assert.deepEqual(get.json().verified_email_domains, ["acme.test", "xn--bcher-kva.example"]);
      assert.equal(get.json().restrict_new_users_to_verified_domains, true);
      assert.equal(
        get.json().updated_by,
        get.json().created_by,
        "the operator is no user: updated_by is left as it was",
      );
      const create = await h.app.inject({
        method: "POST",
        url: "/api/v1/membership/",
        headers: {
          authorization: `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`,
          "content-type": "application/json",
        },
        payload: { email: freshEmail("joiner", "BÜCHER.example"), role_id: "user" },
      });
      assert.equal(create.statusCode, 200, create.body);
    });
  });

  test("bad input exits 1 with one line on stderr and changes nothing", async () => {
    const created = await roster(
      database.url,
      "org",
      "create",
      "--name",
      "Kept",
      "--admin-email",
      freshEmail("cli-admin"),
      "--json",
    );
    assert.equal(created.code, 0, created.stderr);
    const { organization_id: orgId } = JSON.parse(created.stdout);
    const bad: string[][] = [
      ["--restrict-new-users", "yes"],
      ["--verified-domains", "ok.example,not a domain", "--name", "Changed"],
    ];
    for (const flags of bad) {
      const res = await roster(database.url, "org", "set", "--org", orgId, ...flags);
      assert.equal(res.code, 1, `${flags.join(" ")}: ${res.stdout}`);
      assert.match(res.stderr, /^roster: .+\n$/, flags.join(" "));
      assert.equal(res.stdout, "");
    }
    const unknown = await roster(
      database.url,
      "org",
      "set",
      "--org",
      newId("organization"),
      "--name",
      "X",
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^roster: /);
    const missing = await roster(database.url, "org", "set", "--name", "X");
    assert.equal(missing.code, 1, "--org is required");

    await withApp(database.url, async (h) => {
      const row = await h.store.db
        .selectFrom("organizations")
        .selectAll()
        .where("id", "=", orgId)
        .executeTakeFirstOrThrow();
      assert.equal(row.name, "Kept");
      const domains = await h.store.db
        .selectFrom("email_domains")
        .select("domain")
        .where("organization_id", "=", orgId)
        .execute();
      assert.deepEqual(domains, []);
      assert.equal(row.restrict_new_users_to_verified_domains, 0);
    });
  });
});

describe("roster org set while a server runs on the same database", () => {
  const h = useHarness();

  test("the next API request sees the change", {
    skip: testBackend() === "pglite" && "PGlite serves one process at a time",
  }, async () => {
    const org = await createOrg(h);
    const email = freshEmail("live");
    assert.equal((await createMembership(h, org.admin.apiKey, email)).statusCode, 403);
    const users = await userCount(h);
    const set = await roster(
      h.database.url,
      "org",
      "set",
      "--org",
      org.id,
      "--verified-domains",
      "acme.test",
      "--restrict-new-users",
      "true",
    );
    assert.equal(set.code, 0, set.stderr);
    const res = await createMembership(h, org.admin.apiKey, email);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(await userCount(h), users + 1);
  });
});
