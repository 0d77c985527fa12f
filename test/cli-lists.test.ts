import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import type { TestDatabase } from "./helpers/backend.ts";
import { assertMistake, cliDatabase, jsonResult, roster, withAppOn } from "./helpers/cli.ts";
import { basic } from "./helpers/harness.ts";

/** The way back to a lost key: org list → member list → key list/create → key revoke. */

type Row = Record<string, unknown>;

function rows(result: Row): Row[] {
  assert.ok(Array.isArray(result.data), "data is a list");
  return result.data as Row[];
}

describe("roster org list, member list, key list (real processes)", () => {
  let database: TestDatabase;
  let url: string;

  before(async () => {
    database = await cliDatabase();
    url = database.url;
  });

  after(async () => {
    await database.drop();
  });

  async function createOrg(name: string, adminEmail: string): Promise<Row> {
    return jsonResult(
      await roster(url, "org", "create", "--name", name, "--admin-email", adminEmail, "--json"),
      ["organization_id", "user_id", "membership_id", "api_key"],
      `org create ${name}`,
    );
  }

  test("from nothing but the database back to a working key, with no secret ever shown", async () => {
    const stamp = Date.now();
    const acme = await createOrg(`Acme ${stamp}`, `admin-${stamp}@acme.example`);
    const other = await createOrg(`Other ${stamp}`, `admin-${stamp}@other.example`);
    const member = jsonResult(
      await roster(
        url,
        "member",
        "add",
        "--org",
        String(acme.organization_id),
        "--email",
        `bob-${stamp}@acme.example`,
        "--role",
        "user",
        "--json",
      ),
      ["membership_id", "user_id", "api_key"],
      "member add",
    );

    const orgs = rows(jsonResult(await roster(url, "org", "list", "--json"), ["data"], "org list"));
    for (const org of orgs)
      assert.deepEqual(Object.keys(org).sort(), ["date_created", "id", "name"]);
    const acmeListed = orgs.find((o) => o.id === acme.organization_id);
    assert.equal(acmeListed?.name, `Acme ${stamp}`);
    assert.match(String(acmeListed?.date_created), /^\d{4}-\d\d-\d\dT/);
    assert.ok(orgs.some((o) => o.id === other.organization_id));
    const humanOrgs = await roster(url, "org", "list");
    assert.equal(humanOrgs.code, 0, humanOrgs.stderr);
    assert.match(humanOrgs.stdout, /^ID\s+DATE_CREATED\s+NAME\n/);
    assert.match(
      humanOrgs.stdout,
      new RegExp(`^${acme.organization_id}\\s+\\S+\\s+Acme ${stamp}$`, "m"),
    );

    const members = rows(
      jsonResult(
        await roster(url, "member", "list", "--org", String(acme.organization_id), "--json"),
        ["data"],
        "member list",
      ),
    );
    assert.deepEqual(
      members.map((m) => [m.membership_id, m.user_id, m.email, m.role_id, m.active]),
      [
        [acme.membership_id, acme.user_id, `admin-${stamp}@acme.example`, "admin", true],
        [member.membership_id, member.user_id, `bob-${stamp}@acme.example`, "user", true],
      ],
      "this organization's memberships only, oldest first",
    );
    const humanMembers = await roster(url, "member", "list", "--org", String(acme.organization_id));
    assert.equal(humanMembers.code, 0, humanMembers.stderr);
    assert.equal(humanMembers.stdout.trimEnd().split("\n").length, 3, "header and two members");
    assert.match(humanMembers.stdout, new RegExp(`^${acme.membership_id}\\s+admin-${stamp}@`, "m"));

    const fresh = jsonResult(
      await roster(url, "key", "create", "--membership", String(acme.membership_id), "--json"),
      ["id", "api_key"],
      "key create",
    );
    jsonResult(
      await roster(url, "key", "revoke", String(acme.api_key), "--json"),
      ["revoked", "date_revoked", "already_revoked"],
      "revoke the first key, given whole",
    );
    const keyListRun = await roster(
      url,
      "key",
      "list",
      "--membership",
      String(acme.membership_id),
      "--json",
    );
    const keys = rows(jsonResult(keyListRun, ["data"], "key list"));
    const firstId = String(acme.api_key).split(".")[0];
    assert.deepEqual(
      keys.map((k) => [k.id, typeof k.date_created, k.date_revoked === null]),
      [
        [firstId, "string", false],
        [fresh.id, "string", true],
      ],
    );
    for (const key of keys)
      assert.deepEqual(Object.keys(key).sort(), ["date_created", "date_revoked", "id"]);
    const humanKeys = await roster(url, "key", "list", "--membership", String(acme.membership_id));
    assert.equal(humanKeys.code, 0, humanKeys.stderr);
    assert.match(
      humanKeys.stdout,
      new RegExp(`^${fresh.id}\\s+\\S+\\s+-$`, "m"),
      "active: no date",
    );
    for (const output of [keyListRun.stdout, humanKeys.stdout, humanMembers.stdout]) {
      for (const secret of [acme.api_key, fresh.api_key, member.api_key]) {
        assert.ok(!output.includes(String(secret).split(".")[1] as string), "no secret shown");
      }
      assert.doesNotMatch(output, /hash|secret/i);
    }

    await withAppOn(url, async (app) => {
      const me = async (key: unknown) =>
        (
          await app.inject({
            method: "GET",
            url: "/api/v1/me/",
            headers: { authorization: basic(String(key)) },
          })
        ).statusCode;
      assert.equal(await me(fresh.api_key), 200, "the key made from the listing works");
      assert.equal(await me(acme.api_key), 401, "the revoked one does not");
    });
  });

  test("key revoke twice: the second run says it was revoked already (exit 0), with the first date", async () => {
    const stamp = Date.now();
    const org = await createOrg(`Twice ${stamp}`, `twice-${stamp}@example.com`);
    const keyId = String(org.api_key).split(".")[0] as string;
    const first = jsonResult(
      await roster(url, "key", "revoke", keyId, "--json"),
      ["revoked", "date_revoked", "already_revoked"],
      "first revoke",
    );
    assert.equal(first.already_revoked, false);
    const second = jsonResult(
      await roster(url, "key", "revoke", keyId, "--json"),
      ["revoked", "date_revoked", "already_revoked"],
      "second revoke",
    );
    assert.deepEqual(second, {
      revoked: keyId,
      date_revoked: first.date_revoked,
      already_revoked: true,
    });
    const human = await roster(url, "key", "revoke", keyId);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, `${keyId} was already revoked (${first.date_revoked})\n`);
    assert.doesNotMatch(human.stdout + human.stderr, /does not exist/);
  });

  test("mistakes: unknown or malformed organization, membership and key → exit 1, one line", async () => {
    const cases: Array<[string, string[]]> = [
      ["member list, unknown org", ["member", "list", "--org", newId("organization"), "--json"]],
      ["member list, not an org ID", ["member", "list", "--org", "orga_x y", "--json"]],
      ["member list, no --org", ["member", "list", "--json"]],
      ["key list, unknown membership", ["key", "list", "--membership", newId("membership")]],
      ["key list, not a membership ID", ["key", "list", "--membership", "memb_é"]],
      ["key revoke, not a key ID", ["key", "revoke", "api_x;y"]],
    ];
    for (const [label, args] of cases) assertMistake(await roster(url, ...args), label);
  });
});
