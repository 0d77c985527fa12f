import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { membershipFromRow, selectMemberships } from "../src/store/memberships.ts";
import { allowCreate, customRoleOf, DOMAIN, freshEmail } from "./helpers/api.ts";
import { createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";
import { ALL_PERMISSIONS } from "./helpers/roles.ts";
import { send, snapshotDatabase } from "./helpers/safe-writes.ts";

/**
 * `?dry_run=true` runs the real unit of work and rolls it back: it changes nothing anywhere in
 * the database, answers exactly the error the real request would get, and otherwise predicts
 * exactly what the real request then does — its answer and `permission_diff`. The property
 * test draws organizations (custom roles with random permissions, members on random roles,
 * some inactive) and requests (single and bulk patches, creates, deactivations, role edits);
 * FC_SEED=<n> replays, DRY_RUN_RUNS=<n> sets how many organizations are drawn.
 */

const RUNS = Number(process.env.DRY_RUN_RUNS ?? 25);

type Perms = Map<string, string[]>;

/** Who may do what, as stored: an active member's permissions, [] for the others. */
async function effective(h: Harness, org: Org): Promise<Perms> {
  const rows = await selectMemberships(h.store.db)
    .where("memberships.organization_id", "=", org.id)
    .execute();
  const perms: Perms = new Map();
  for (const row of rows) {
    const m = membershipFromRow(row);
    perms.set(m.id, m.active ? [...m.permissions_granted] : []);
  }
  return perms;
}

/** The permission_diff a write should have predicted, from the states before and after it. */
function expectedDiff(before: Perms, after: Perms, listed: string[]) {
  const change = (id: string) => {
    const was = before.get(id) ?? [];
    const is = after.get(id) ?? [];
    return {
      membership_id: id,
      gained: is.filter((p) => !was.includes(p)).sort(),
      lost: was.filter((p) => !is.includes(p)).sort(),
    };
  };
  const others = [...new Set([...before.keys(), ...after.keys()])]
    .filter((id) => !listed.includes(id))
    .sort()
    .map(change)
    .filter((c) => c.gained.length + c.lost.length > 0);
  return [...listed.map(change), ...others];
}

function withDryRun(path: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}dry_run=true`;
}

describe("dry runs", () => {
  const h = useHarness();

  test("a dry run of every write changes nothing in the database and records nothing", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const member = await org.add("user");
    const roleId = await customRoleOf(h, org, ["calling"]);
    const onRole = await org.add(roleId);
    const key = org.admin.apiKey;
    const writes: Array<[string, "POST" | "PUT" | "DELETE", string, unknown]> = [
      ["update", "PUT", `/membership/${member.membershipId}/`, { role_id: "superuser" }],
      [
        "bulk",
        "PUT",
        `/membership/?id__in=${member.membershipId},${onRole.membershipId}`,
        { role_id: "restricteduser" },
      ],
      ["create", "POST", "/membership/", { email: freshEmail(), role_id: "user" }],
      ["delete", "DELETE", `/membership/${member.membershipId}/`, undefined],
      [
        "role create",
        "POST",
        "/role/",
        { name: "Dry", permissions: ["calling", "view_all_leads"] },
      ],
      [
        "role update",
        "PUT",
        `/role/${roleId}/`,
        { permissions: ["calling", "export", "view_all_leads"] },
      ],
      ["role delete", "DELETE", `/role/${await customRoleOf(h, org, ["export"])}/`, undefined],
    ];
    for (const [label, method, path, body] of writes) {
      const before = await snapshotDatabase(h);
      const res = await send(h, key, method, withDryRun(path), {
        body,
        headers: { "idempotency-key": `dry-${label}` },
      });
      assert.equal(res.statusCode, 200, `${label}: ${res.body}`);
      assert.ok(Array.isArray(res.json().permission_diff), label);
      assert.equal(res.headers.etag, undefined, `${label}: a prediction has no ETag`);
      assert.deepEqual(await snapshotDatabase(h), before, `${label}: the database changed`);
      // The key was not consumed: the real request with it runs.
      const real = await send(h, key, method, path, {
        body,
        headers: { "idempotency-key": `dry-${label}` },
      });
      assert.ok(real.statusCode < 300, `${label}: ${real.body}`);
      assert.equal(real.headers["idempotent-replayed"], undefined, label);
      if (label === "delete")
        await send(h, key, "POST", "/membership/", {
          body: {
            email: (await send(h, key, "GET", `/user/${member.userId}/`)).json().email,
            role_id: "user",
          },
        });
    }
  });

  test("answers: the would-be object plus permission_diff, one entry per affected member", async () => {
    const org = await createOrg(h);
    const roleId = await customRoleOf(h, org, ["calling"]);
    const a = await org.add(roleId);
    const b = await org.add(roleId);
    const key = org.admin.apiKey;
    const edit = await send(h, key, "PUT", withDryRun(`/role/${roleId}/`), {
      body: { permissions: ["export", "view_all_leads"] },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const body = edit.json();
    assert.deepEqual(body.permissions, ["export", "view_all_leads"]);
    assert.deepEqual(
      body.permission_diff,
      [a.membershipId, b.membershipId].sort().map((id) => ({
        membership_id: id,
        gained: ["export"],
        lost: ["calling"],
      })),
    );
    const noop = await send(h, key, "PUT", withDryRun(`/membership/${a.membershipId}/`), {
      body: {},
    });
    assert.deepEqual(noop.json().permission_diff, [
      { membership_id: a.membershipId, gained: [], lost: [] },
    ]);
    const leave = await send(h, key, "DELETE", withDryRun(`/membership/${a.membershipId}/`));
    assert.deepEqual(leave.json(), {
      permission_diff: [
        { membership_id: a.membershipId, gained: [], lost: ["calling", "view_all_leads"] },
      ],
    });
    const off = await send(h, key, "PUT", `/membership/${a.membershipId}/?dry_run=false`, {
      body: { auto_record_calls: "enabled" },
    });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().permission_diff, undefined, "dry_run=false is the real write");
    assert.equal(off.json().auto_record_calls, "enabled");
  });

  test("a refused dry run answers exactly the real request's error", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const cases: Array<[string, string, "PUT" | "POST" | "DELETE", string, unknown]> = [
      [
        "last admin",
        org.admin.apiKey,
        "PUT",
        `/membership/${org.admin.membershipId}/`,
        { role_id: "user" },
      ],
      [
        "bad field",
        org.admin.apiKey,
        "PUT",
        `/membership/${member.membershipId}/`,
        { auto_record_calls: "unset" },
      ],
      ["unknown", org.admin.apiKey, "PUT", "/membership/memb_unknown/", {}],
      [
        "no permission",
        member.apiKey,
        "PUT",
        `/membership/${member.membershipId}/`,
        { role_id: "admin" },
      ],
      [
        "create not allowed",
        org.admin.apiKey,
        "POST",
        "/membership/",
        { email: freshEmail(), role_id: "user" },
      ],
      [
        "last admin leaves",
        org.admin.apiKey,
        "DELETE",
        `/membership/${org.admin.membershipId}/`,
        undefined,
      ],
      [
        "bulk with a stranger",
        org.admin.apiKey,
        "PUT",
        `/membership/?id__in=${member.membershipId},memb_stranger`,
        {},
      ],
    ];
    for (const [label, key, method, path, body] of cases) {
      const dry = await send(h, key, method, withDryRun(path), { body });
      const real = await send(h, key, method, path, { body });
      assert.ok(real.statusCode >= 400, `${label}: the real request is refused`);
      assert.equal(dry.statusCode, real.statusCode, label);
      assert.equal(dry.body, real.body, label);
    }
  });

  test("dry_run where it does not apply is a 400; a bad value is a 400", async () => {
    const org = await createOrg(h);
    const key = org.admin.apiKey;
    const orgUpdate = await send(h, key, "PUT", `/organization/${org.id}/?dry_run=true`, {
      body: { name: "X" },
    });
    assert.equal(orgUpdate.statusCode, 400, orgUpdate.body);
    assert.deepEqual(Object.keys(orgUpdate.json()["field-errors"]), ["dry_run"]);
    assert.notEqual((await send(h, key, "GET", `/organization/${org.id}/`)).json().name, "X");
    const bad = await send(h, key, "PUT", `/membership/${org.admin.membershipId}/?dry_run=yes`, {
      body: {},
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(Object.keys(bad.json()["field-errors"]), ["dry_run"]);
  });

  test("property: a dry run predicts exactly what the real request does", async () => {
    const patchArb = (roles: string[]) =>
      fc.record(
        {
          role_id: fc.constantFrom(...roles),
          auto_record_calls: fc.constantFrom("enabled", "disabled"),
          track_email_opens: fc.boolean(),
          default_caller_id_mode: fc.constantFrom("fixed", "auto"),
        },
        { requiredKeys: [] },
      );
    const scenarioArb = fc.record({
      customRoles: fc.array(fc.subarray(ALL_PERMISSIONS), { minLength: 1, maxLength: 3 }),
      members: fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 5 }),
      request: fc.record({
        kind: fc.constantFrom("update", "bulk", "delete", "create", "reactivate", "role"),
        target: fc.nat(),
        subset: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        permissions: fc.subarray(ALL_PERMISSIONS),
        patchSeed: fc.nat(),
      }),
    });
    await fc.assert(
      fc.asyncProperty(
        scenarioArb,
        patchArb(["admin", "superuser", "user", "restricteduser"]),
        async (scenario, basePatch) => {
          const org = await createOrg(h);
          await allowCreate(h, org);
          const key = org.admin.apiKey;
          const roleIds: string[] = [];
          for (const permissions of scenario.customRoles) {
            const view = permissions.includes("view_all_leads")
              ? {}
              : {
                  visibility_user_lcf_ids: ["cf_x"],
                  visibility_user_lcf_behavior: "require_assignment",
                };
            const res = await send(h, key, "POST", "/role/", {
              body: { name: `R${roleIds.length}`, permissions, ...view },
            });
            assert.equal(res.statusCode, 201, res.body);
            roleIds.push(res.json().id);
          }
          const roles = ["admin", "superuser", "user", "restricteduser", ...roleIds];
          const members = [org.admin.membershipId];
          const emails: string[] = [];
          for (const [roleIndex, active] of scenario.members) {
            const m = await org.add(roles[roleIndex % roles.length] as string);
            members.push(m.membershipId);
            if (!active) {
              emails.push((await send(h, key, "GET", `/user/${m.userId}/`)).json().email);
              await send(h, key, "DELETE", `/membership/${m.membershipId}/`);
            }
          }
          const { request } = scenario;
          const patch = { ...basePatch };
          if (patch.role_id !== undefined && request.patchSeed % 2 === 0 && roleIds.length > 0) {
            patch.role_id = roleIds[request.patchSeed % roleIds.length] as string;
          }
          const target = members[request.target % members.length] as string;
          let method: "PUT" | "POST" | "DELETE" = "PUT";
          let path = `/membership/${target}/`;
          let body: unknown = patch;
          let listed: (created?: string) => Promise<string[]> = async () => [target];
          if (request.kind === "bulk") {
            const ids = [
              ...new Set(request.subset.map((i) => members[i % members.length] as string)),
            ];
            path = `/membership/?id__in=${ids.join(",")}`;
            listed = async () => ids;
          } else if (request.kind === "delete") {
            method = "DELETE";
            body = undefined;
          } else if (request.kind === "create" || request.kind === "reactivate") {
            method = "POST";
            path = "/membership/";
            const email =
              request.kind === "reactivate" && emails.length > 0
                ? (emails[0] as string)
                : freshEmail("p", DOMAIN);
            body = { email, role_id: roles[request.target % roles.length] };
            listed = async (created) => (created ? [created] : []);
          } else if (request.kind === "role") {
            const roleId = roleIds[request.target % roleIds.length] as string;
            path = `/role/${roleId}/`;
            const view = request.permissions.includes("view_all_leads")
              ? {}
              : {
                  visibility_user_lcf_ids: ["cf_x"],
                  visibility_user_lcf_behavior: "require_assignment",
                };
            body = { permissions: request.permissions, ...view };
            listed = async () => {
              const res = await send(
                h,
                key,
                "GET",
                `/membership/?role_id=${roleId}&status=active&_limit=100`,
              );
              return res
                .json()
                .data.map((m: { id: string }) => m.id)
                .sort();
            };
          }

          const databaseBefore = await snapshotDatabase(h);
          const permsBefore = await effective(h, org);
          const dry = await send(h, key, method, withDryRun(path), { body });
          assert.deepEqual(
            await snapshotDatabase(h),
            databaseBefore,
            "the dry run changed the database",
          );
          const real = await send(h, key, method, path, { body });
          assert.equal(
            dry.statusCode === 200 ? real.statusCode < 300 : true,
            true,
            `${dry.body} vs ${real.body}`,
          );
          if (real.statusCode >= 400) {
            assert.equal(dry.statusCode, real.statusCode);
            assert.equal(dry.body, real.body);
            return;
          }
          assert.equal(dry.statusCode, 200, dry.body);
          const { permission_diff: predicted, ...wouldBe } = dry.json();
          let answer = real.json();
          const createdId = method === "POST" ? (answer.id as string) : undefined;
          let prediction = wouldBe;
          if (createdId && wouldBe.id !== createdId) {
            // A new member's IDs are drawn when it is created: everything else must agree.
            prediction = JSON.parse(
              JSON.stringify(wouldBe)
                .replaceAll(wouldBe.id, createdId)
                .replaceAll(wouldBe.user_id, answer.user_id),
            );
            answer = JSON.parse(JSON.stringify(answer));
          }
          assert.deepEqual(prediction, answer, "the dry run's answer is the real answer");
          const permsAfter = await effective(h, org);
          const expected = expectedDiff(permsBefore, permsAfter, await listed(createdId));
          const predictedDiff = createdId
            ? JSON.parse(JSON.stringify(predicted).replaceAll(wouldBe.id, createdId))
            : predicted;
          assert.deepEqual(predictedDiff, expected, "permission_diff is what happened");
        },
      ),
      { numRuns: RUNS, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );
  });
});
