import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { FixtureError, parseFixture } from "../../src/testing/fixture.ts";
import { createTestDatabase, testBackend } from "../helpers/backend.ts";
import { basicAuth, startDouble } from "./helpers.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CHOSEN_KEY = "api_FixtureChosen01.abcdefghijklmnopqrstuvwxyz0123";

const fixture = {
  organizations: [
    {
      name: "Acme",
      roles: [{ name: "Support", permissions: ["calling", "view_all_leads"] }],
      members: [
        { email: "ada@acme.test", first_name: "Ada", role: "admin", api_keys: [CHOSEN_KEY] },
        { email: "bob@acme.test", role: "support" },
        { email: "cy@acme.test", role: "user", api_keys: [] },
      ],
    },
  ],
};

describe("fixtures", () => {
  test("bad fixtures are refused with the path of the mistake", () => {
    const cases: Array<[unknown, string]> = [
      [[], ""],
      [{ organizations: [] }, "organizations"],
      [{ organizations: [{ name: "A", members: [] }] }, "organizations[0].members"],
      [
        { organizations: [{ name: "", members: [{ email: "a@b.test", role: "admin" }] }] },
        "organizations[0].name",
      ],
      [
        { organizations: [{ name: "A", members: [{ email: "a@b.test", role: "boss" }] }] },
        "organizations[0].members[0].role",
      ],
      [
        { organizations: [{ name: "A", members: [{ email: "not an email", role: "admin" }] }] },
        "organizations[0].members[0].email",
      ],
      [
        {
          organizations: [
            { name: "A", members: [{ email: "a@b.test", role: "admin", api_keys: ["short"] }] },
          ],
        },
        "organizations[0].members[0].api_keys[0]",
      ],
      [
        {
          organizations: [
            { name: "A", members: [{ email: "a@b.test", role: "admin", colour: "red" }] },
          ],
        },
        "organizations[0].members[0].colour",
      ],
      [
        {
          organizations: [{ name: "A", roles: [{ name: "Admin", permissions: [] }], members: [] }],
        },
        "organizations[0].roles[0].name",
      ],
    ];
    for (const [input, path] of cases) {
      assert.throws(
        () => parseFixture(input),
        (error: unknown) => error instanceof FixtureError && error.path === path,
        `expected an error at "${path}" for ${JSON.stringify(input)}`,
      );
    }
  });

  test("seeds organizations, custom roles, members and chosen or generated keys", async () => {
    const d = await startDouble({ fixture });
    try {
      const [org] = d.organizations;
      assert.equal(org?.members[0]?.api_keys[0], CHOSEN_KEY);
      assert.equal(org?.members[1]?.role_id, org?.roles.Support);
      assert.match(org?.members[1]?.api_keys[0] ?? "", /^api_\w+\.\w{43}$/);
      assert.deepEqual(org?.members[2]?.api_keys, []);
      const me = await fetch(`${d.url}/api/v1/me/`, { headers: basicAuth(CHOSEN_KEY) });
      assert.equal(me.status, 200);
      const bob = await fetch(`${d.url}/api/v1/me/`, {
        headers: basicAuth(org?.members[1]?.api_keys[0] ?? ""),
      });
      assert.equal(bob.status, 200);
    } finally {
      await d.stop();
    }
  });

  test("an organization without an admin is refused, and nothing is written", async () => {
    const noAdmin = {
      organizations: [{ name: "A", members: [{ email: "a@b.test", role: "user" }] }],
    };
    await assert.rejects(startDouble({ fixture: noAdmin }), (error: unknown) => {
      return error instanceof FixtureError && error.path === "organizations[0].members";
    });
  });

  test("roster seed --file reads JSON and YAML, and names the bad path", {
    skip: testBackend() === "pglite" && "PGlite in memory is private to one process",
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "roster-fixture-"));
    const database = await createTestDatabase();
    const seed = (file: string) =>
      spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "seed", "--file", file], {
        cwd: ROOT,
        env: { ...process.env, NODE_TEST_CONTEXT: "", DATABASE_URL: database.url },
        encoding: "utf8",
      });
    try {
      const yamlFile = join(dir, "fixture.yaml");
      writeFileSync(
        yamlFile,
        [
          "organizations:",
          "  - name: Yaml Org",
          "    members:",
          "      - email: y@yaml.test",
          "        role: admin",
          "",
        ].join("\n"),
      );
      const fromYaml = seed(yamlFile);
      assert.equal(fromYaml.status, 0, fromYaml.stderr);
      const seeded = JSON.parse(fromYaml.stdout) as {
        organizations: Array<{ name: string; members: unknown[] }>;
      };
      assert.equal(seeded.organizations[0]?.name, "Yaml Org");

      const badJson = join(dir, "bad.json");
      writeFileSync(
        badJson,
        JSON.stringify({
          organizations: [{ name: "J", members: [{ email: "j@json.test", role: "admn" }] }],
        }),
      );
      const refused = seed(badJson);
      assert.equal(refused.status, 1);
      assert.match(
        refused.stderr,
        /bad\.json: organizations\[0\]\.members\[0\]\.role: no role "admn"/,
      );

      const broken = join(dir, "broken.json");
      writeFileSync(broken, "{ organizations: ");
      assert.match(seed(broken).stderr, /broken\.json is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    }
  });
});
