import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import type { TestDatabase } from "./helpers/backend.ts";
import { assertMistake, cliDatabase, jsonResult, roster, withAppOn } from "./helpers/cli.ts";
import { basic, bearer } from "./helpers/harness.ts";

const API_KEY = /^api_[A-Za-z0-9]{22}\.[A-Za-z0-9]{43}$/;

describe("the roster CLI (real processes)", () => {
  let database: TestDatabase;
  let url: string;

  before(async () => {
    database = await cliDatabase();
    url = database.url;
  });

  after(async () => {
    await database.drop();
  });

  test("migrate --json prints {applied: [names]}; a second run applies nothing ([])", async () => {
    const first = jsonResult(await roster(url, "migrate", "--json"), ["applied"], "migrate");
    assert.ok(Array.isArray(first.applied), "a list");
    assert.ok((first.applied as unknown[]).length > 0, "a fresh database gets its migrations");
    for (const name of first.applied as unknown[]) assert.match(String(name), /^\d{4}_\w+$/);
    const second = jsonResult(await roster(url, "migrate", "--json"), ["applied"], "migrate again");
    assert.deepEqual(second.applied, []);
    const human = await roster(url, "migrate");
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^applied: none/);
  });

  test("org create, member add, key create|revoke, token create: one JSON object each, and the credentials work", async () => {
    const adminEmail = `cli-admin-${Date.now()}@example.com`;
    const org = jsonResult(
      await roster(url, "org", "create", "--name", "CLI Co", "--admin-email", adminEmail, "--json"),
      ["organization_id", "user_id", "membership_id", "api_key"],
      "org create",
    );
    assert.match(String(org.organization_id), /^orga_[A-Za-z0-9]{43}$/);
    assert.match(String(org.user_id), /^user_[A-Za-z0-9]{43}$/);
    assert.match(String(org.membership_id), /^memb_[A-Za-z0-9]{43}$/);
    assert.match(String(org.api_key), API_KEY);

    const member = jsonResult(
      await roster(
        url,
        "member",
        "add",
        "--org",
        String(org.organization_id),
        "--email",
        `cli-alice-${Date.now()}@example.com`,
        "--role",
        "user",
        "--first-name",
        "Alice",
        "--last-name",
        "Agent",
        "--json",
      ),
      ["membership_id", "user_id", "api_key"],
      "member add",
    );
    assert.match(String(member.membership_id), /^memb_/);
    assert.match(String(member.api_key), API_KEY);

    const extra = jsonResult(
      await roster(url, "key", "create", "--membership", String(member.membership_id), "--json"),
      ["id", "api_key"],
      "key create",
    );
    assert.equal(extra.id, String(extra.api_key).split(".")[0], "the ID key revoke takes");
    assert.match(String(extra.api_key), API_KEY);
    const doomed = jsonResult(
      await roster(url, "key", "create", "--membership", String(org.membership_id), "--json"),
      ["id", "api_key"],
      "key create (to revoke)",
    );
    const doomedId = String(doomed.id);
    const revoked = jsonResult(
      await roster(url, "key", "revoke", doomedId, "--json"),
      ["revoked", "date_revoked", "already_revoked"],
      "key revoke",
    );
    assert.equal(revoked.revoked, doomedId);
    assert.equal(revoked.already_revoked, false);
    const token = jsonResult(
      await roster(url, "token", "create", "--membership", String(org.membership_id), "--json"),
      ["access_token", "expires_in"],
      "token create",
    );
    assert.equal(token.expires_in, 3600);
    assert.match(String(token.access_token), /^[a-z0-9]+_[A-Za-z0-9]+\.[A-Za-z0-9]{43}$/);

    // Every process has exited: the app may open the same database now.
    await withAppOn(url, async (app) => {
      const me = (authorization: string) =>
        app.inject({ method: "GET", url: "/api/v1/me/", headers: { authorization } });

      const asAdmin = await me(basic(String(org.api_key)));
      assert.equal(asAdmin.statusCode, 200, asAdmin.body);
      assert.equal(asAdmin.json().id, org.user_id);
      assert.equal(asAdmin.json().email, adminEmail);
      assert.equal(asAdmin.json().memberships[0].role_id, "admin");

      const asMember = await me(basic(String(member.api_key)));
      assert.equal(asMember.statusCode, 200, asMember.body);
      assert.equal(asMember.json().id, member.user_id);
      assert.equal(asMember.json().first_name, "Alice");
      assert.equal(asMember.json().last_name, "Agent");
      assert.equal(asMember.json().memberships[0].role_id, "user");

      assert.equal((await me(basic(String(extra.api_key)))).statusCode, 200);
      assert.equal((await me(bearer(String(token.access_token)))).statusCode, 200);
      assert.equal((await me(basic(String(doomed.api_key)))).statusCode, 401, "revoked");

      const put = await app.inject({
        method: "PUT",
        url: `/api/v1/membership/${member.membership_id}/`,
        headers: { authorization: basic(String(org.api_key)), "content-type": "application/json" },
        payload: { role_id: "superuser", auto_record_calls: "enabled" },
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(put.json().role_id, "superuser");
    });
  });

  test("app create|list|delete: an OAuth app, its secret once, gone when deleted", async () => {
    const org = jsonResult(
      await roster(
        url,
        "org",
        "create",
        "--name",
        "Apps",
        "--admin-email",
        `apps-${Date.now()}@example.com`,
        "--json",
      ),
      ["organization_id", "user_id", "membership_id", "api_key"],
      "org create",
    );
    const orgId = org.organization_id as string;
    const created = jsonResult(
      await roster(
        url,
        "app",
        "create",
        "--org",
        orgId,
        "--name",
        "Sync",
        "--redirect-uri",
        "https://sync.example/cb",
        "--redirect-uri",
        "http://127.0.0.1:3000/cb",
        "--json",
      ),
      ["client_id", "client_secret"],
      "app create",
    );
    assert.match(created.client_id as string, /^oa2client_[A-Za-z0-9]{22}$/);
    assert.match(created.client_secret as string, /^[A-Za-z0-9]{43}$/);
    const listed = jsonResult(
      await roster(url, "app", "list", "--org", orgId, "--json"),
      ["data"],
      "app list",
    );
    assert.deepEqual(
      (listed.data as Array<Record<string, unknown>>).map((a) => [
        a.client_id,
        a.name,
        a.redirect_uris,
      ]),
      [[created.client_id, "Sync", ["https://sync.example/cb", "http://127.0.0.1:3000/cb"]]],
    );
    assert.doesNotMatch(JSON.stringify(listed), /secret/);
    for (const [label, args] of [
      ["no redirect URI", ["--org", orgId, "--name", "X"]],
      ["javascript: URI", ["--org", orgId, "--name", "X", "--redirect-uri", "javascript:alert(1)"]],
      ["relative URI", ["--org", orgId, "--name", "X", "--redirect-uri", "/cb"]],
      ["fragment", ["--org", orgId, "--name", "X", "--redirect-uri", "https://a.example/#x"]],
      [
        "unknown org",
        ["--org", "orga_nope", "--name", "X", "--redirect-uri", "https://a.example/"],
      ],
      ["blank name", ["--org", orgId, "--name", " ", "--redirect-uri", "https://a.example/"]],
    ] as const) {
      assertMistake(await roster(url, "app", "create", ...args, "--json"), `app create: ${label}`);
    }
    jsonResult(
      await roster(url, "app", "delete", created.client_id as string, "--json"),
      ["deleted"],
      "app delete",
    );
    assertMistake(await roster(url, "app", "delete", created.client_id as string), "delete twice");
    const after = jsonResult(
      await roster(url, "app", "list", "--org", orgId, "--json"),
      ["data"],
      "list",
    );
    assert.deepEqual(after.data, []);
  });

  test("mistakes: exit 1, one line on stderr, no stack trace, nothing on stdout, nothing written", async () => {
    const adminEmail = `cli-errors-${Date.now()}@example.com`;
    const org = jsonResult(
      await roster(
        url,
        "org",
        "create",
        "--name",
        "CLI Errors",
        "--admin-email",
        adminEmail,
        "--json",
      ),
      ["organization_id", "user_id", "membership_id", "api_key"],
      "org create",
    );
    const orgId = String(org.organization_id);
    const newcomer = `cli-newcomer-${Date.now()}@example.com`;
    const badOrgName = `CLI Bad ${Date.now()}`;
    const cases: Array<[string, string[]]> = [
      [
        "unknown org",
        [
          "member",
          "add",
          "--org",
          newId("organization"),
          "--email",
          newcomer,
          "--role",
          "user",
          "--json",
        ],
      ],
      [
        "bad email",
        ["member", "add", "--org", orgId, "--email", "not-an-email", "--role", "user", "--json"],
      ],
      [
        "bad role",
        ["member", "add", "--org", orgId, "--email", newcomer, "--role", "wizard", "--json"],
      ],
      ["missing --role", ["member", "add", "--org", orgId, "--email", newcomer, "--json"]],
      ["unknown membership", ["key", "create", "--membership", newId("membership"), "--json"]],
      ["unknown key", ["key", "revoke", `api_${"0".repeat(22)}`, "--json"]],
      [
        "bad admin email",
        ["org", "create", "--name", badOrgName, "--admin-email", "nobody", "--json"],
      ],
    ];
    for (const [label, args] of cases) {
      assertMistake(await roster(url, ...args), label);
    }

    await withAppOn(url, async (_app, store) => {
      const memberships = await store.db
        .selectFrom("memberships")
        .select("id")
        .where("organization_id", "=", orgId)
        .execute();
      assert.deepEqual(
        memberships.map((m) => m.id),
        [org.membership_id],
      );
      const strays = await store.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", newcomer)
        .execute();
      assert.equal(strays.length, 0, "no user was left behind");
      const badOrgs = await store.db
        .selectFrom("organizations")
        .select("id")
        .where("name", "=", badOrgName)
        .execute();
      assert.equal(badOrgs.length, 0, "no organization was left behind");
    });
  });
});
