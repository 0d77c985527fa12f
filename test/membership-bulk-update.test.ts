import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import { listEventsOfObject } from "../src/store/events.ts";
import { api, customRoleOf, eventsOfOrg, requestIdOf } from "./helpers/api.ts";
import {
  assertErrorBody,
  assertFieldErrors,
  membershipRow,
  snapshotOrg,
} from "./helpers/assertions.ts";
import { createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";
import { securitySuite } from "./helpers/security.ts";

/** `PUT /membership/` with `id__in` in the query (a string) and/or a body. */
function bulk(h: Harness, apiKey: string, body: unknown, idIn?: string) {
  const query = idIn === undefined ? "" : `?id__in=${encodeURIComponent(idIn)}`;
  return api(h, apiKey, "PUT", `/membership/${query}`, body);
}

/** Runs `request` and proves the organization (rows and events) is exactly as before. */
async function expectNothingChanged(h: Harness, org: Org, request: () => Promise<void>) {
  const before = await snapshotOrg(h, org.id);
  await request();
  assert.deepEqual(await snapshotOrg(h, org.id), before, "the refused request changed nothing");
}

async function roleOf(h: Harness, membershipId: string) {
  return (await membershipRow(h, membershipId))?.role_id;
}

describe("PUT /api/v1/membership/ — bulk update", () => {
  const h = useHarness();

  test("id__in in the query: every listed member changes, nobody else; {count: N}", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    const b = await org.add("user");
    const bystander = await org.add("user");
    const res = await bulk(
      h,
      org.admin.apiKey,
      { role_id: "restricteduser", auto_record_calls: "enabled" },
      `${a.membershipId},${b.membershipId}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { count: 2 });
    for (const m of [a, b]) {
      const row = await membershipRow(h, m.membershipId);
      assert.equal(row?.role_id, "restricteduser");
      assert.equal(row?.auto_record_calls, "enabled");
    }
    const untouched = await membershipRow(h, bystander.membershipId);
    assert.equal(untouched?.role_id, "user");
    assert.equal(untouched?.auto_record_calls, "unset");
  });

  test("id__in in _params of the body, as a string or a list", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    const b = await org.add("user");
    const asString = await bulk(h, org.admin.apiKey, {
      _params: { id__in: `${a.membershipId},${b.membershipId}` },
      track_email_opens: false,
    });
    assert.equal(asString.statusCode, 200, asString.body);
    assert.deepEqual(asString.json(), { count: 2 });
    assert.equal((await membershipRow(h, a.membershipId))?.track_email_opens, 0);
    assert.equal((await membershipRow(h, b.membershipId))?.track_email_opens, 0);

    const asList = await bulk(h, org.admin.apiKey, {
      _params: { id__in: [a.membershipId, b.membershipId] },
      may_workflows_impersonate: true,
    });
    assert.equal(asList.statusCode, 200, asList.body);
    assert.deepEqual(asList.json(), { count: 2 });
    assert.equal((await membershipRow(h, b.membershipId))?.may_workflows_impersonate, 1);
  });

  test("_params wins over the query", async () => {
    const org = await createOrg(h);
    const inQuery = await org.add("user");
    const inParams = await org.add("user");
    const res = await bulk(
      h,
      org.admin.apiKey,
      { _params: { id__in: inParams.membershipId }, role_id: "superuser" },
      inQuery.membershipId,
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { count: 1 });
    assert.equal(await roleOf(h, inParams.membershipId), "superuser");
    assert.equal(await roleOf(h, inQuery.membershipId), "user");
  });

  test("count is the number of members named, also those already at the value; only changes get events", async () => {
    const org = await createOrg(h);
    const changing = await org.add("user");
    const already = await org.add("restricteduser");
    const before = await listEventsOfObject(h.store.db, org.id, already.membershipId);
    const res = await bulk(
      h,
      org.admin.apiKey,
      { role_id: "restricteduser" },
      `${changing.membershipId},${already.membershipId}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { count: 2 });
    assert.deepEqual(await listEventsOfObject(h.store.db, org.id, already.membershipId), before);
    const changed = await listEventsOfObject(h.store.db, org.id, changing.membershipId);
    assert.equal(changed.filter((e) => e.action === "updated").length, 1);
  });

  test("{} is a no-op: 200 with the count, nothing written", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    await expectNothingChanged(h, org, async () => {
      const res = await bulk(h, org.admin.apiKey, {}, a.membershipId);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { count: 1 });
    });
  });

  test("every changed member gets one `updated` event, all with the request's ID", async () => {
    const org = await createOrg(h);
    const members = [await org.add("user"), await org.add("superuser"), await org.add("user")];
    const res = await bulk(
      h,
      org.admin.apiKey,
      { role_id: "restricteduser" },
      members.map((m) => m.membershipId).join(","),
    );
    assert.equal(res.statusCode, 200, res.body);
    const requestId = requestIdOf(res);
    const events = (await eventsOfOrg(h, org.id)).filter((e) => e.request_id === requestId);
    assert.equal(events.length, 3);
    assert.deepEqual(
      events.map((e) => e.object_id).sort(),
      members.map((m) => m.membershipId).sort(),
    );
    for (const event of events) {
      assert.equal(event.action, "updated");
      assert.equal(event.object_type, "membership");
      assert.equal(event.user_id, org.admin.userId);
      assert.equal(event.api_key_id, org.admin.apiKey.split(".")[0]);
      assert.equal(event.data?.role_id, "restricteduser");
      assert.deepEqual(event.meta, { request_method: "PUT", request_path: "/api/v1/membership/" });
    }
  });

  test("custom roles, predefined role IDs and the admin's own membership may be listed", async () => {
    const org = await createOrg(h);
    const second = await org.add("admin");
    const custom = await customRoleOf(h, org, ["calling"]);
    const a = await org.add("user");
    const toCustom = await bulk(
      h,
      org.admin.apiKey,
      { role_id: custom },
      `${a.membershipId},${second.membershipId}`,
    );
    assert.equal(toCustom.statusCode, 200, toCustom.body);
    assert.equal(await roleOf(h, second.membershipId), custom);
    // The caller demotes itself along with others: allowed while another admin remains.
    const promote = await bulk(h, org.admin.apiKey, { role_id: "admin" }, second.membershipId);
    assert.equal(promote.statusCode, 200, promote.body);
    const demoteSelf = await bulk(
      h,
      org.admin.apiKey,
      { role_id: "superuser" },
      `${org.admin.membershipId},${a.membershipId}`,
    );
    assert.equal(demoteSelf.statusCode, 200, demoteSelf.body);
    assert.equal(await roleOf(h, org.admin.membershipId), "superuser");
  });

  test("1000 IDs pass the size check (→ 404 for unknown ones); 1001 do not (→ 400)", async () => {
    const org = await createOrg(h);
    const ids = Array.from({ length: 1000 }, () => newId("membership"));
    await expectNothingChanged(h, org, async () => {
      const res = await bulk(h, org.admin.apiKey, {
        _params: { id__in: ids.join(",") },
        role_id: "user",
      });
      assert.equal(res.statusCode, 404, res.body);
      assertErrorBody(res);
    });
    await expectNothingChanged(h, org, async () => {
      const res = await bulk(h, org.admin.apiKey, {
        _params: { id__in: [...ids, newId("membership")].join(",") },
        role_id: "user",
      });
      assertFieldErrors(res, ["id__in"]);
    });
  });
});

describe("PUT /api/v1/membership/ — refused, nothing changes", () => {
  const h = useHarness();

  test("missing, empty, malformed or duplicate IDs → 400 on id__in", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    const b = await org.add("user");
    const cases: Array<string | undefined> = [
      undefined,
      "",
      ",",
      " , ",
      "memb_",
      "memb_!!!",
      "memb_abc-def",
      b.userId,
      org.id,
      `${a.membershipId},${b.membershipId},${a.membershipId}`,
      `${a.membershipId},not-an-id`,
      `memb_${"x".repeat(200)}`,
    ];
    for (const idIn of cases) {
      await expectNothingChanged(h, org, async () => {
        const res = await bulk(h, org.admin.apiKey, { role_id: "restricteduser" }, idIn);
        assertFieldErrors(res, ["id__in"], JSON.stringify(idIn));
      });
      await expectNothingChanged(h, org, async () => {
        const body = idIn === undefined ? {} : { _params: { id__in: idIn } };
        const res = await bulk(h, org.admin.apiKey, { ...body, role_id: "restricteduser" });
        assertFieldErrors(res, ["id__in"], `_params ${JSON.stringify(idIn)}`);
      });
    }
  });

  test("another organization's or an unknown ID → 404 naming it; the rest stays untouched", async () => {
    const org = await createOrg(h);
    const own = await org.add("user");
    const other = await createOrg(h);
    const foreign = await other.add("user");
    const unknown = newId("membership");
    for (const missing of [foreign.membershipId, unknown]) {
      await expectNothingChanged(h, org, async () => {
        const res = await bulk(
          h,
          org.admin.apiKey,
          { role_id: "restricteduser" },
          `${own.membershipId},${missing}`,
        );
        assert.equal(res.statusCode, 404, res.body);
        assertErrorBody(res);
        assert.ok(res.json().error.includes(missing), "the error names the missing ID");
        assert.ok(!res.json().error.includes(own.membershipId), "and not the found one");
      });
    }
    assert.equal(await roleOf(h, foreign.membershipId), "user", "the other organization untouched");
  });

  test("an inactive member among the IDs → 400, the active ones unchanged too", async () => {
    const org = await createOrg(h);
    const active = await org.add("user");
    const gone = await org.add("user");
    const del = await api(h, org.admin.apiKey, "DELETE", `/membership/${gone.membershipId}/`);
    assert.equal(del.statusCode, 200);
    for (const order of [
      `${active.membershipId},${gone.membershipId}`,
      `${gone.membershipId},${active.membershipId}`,
    ]) {
      await expectNothingChanged(h, org, async () => {
        const res = await bulk(h, org.admin.apiKey, { role_id: "superuser" }, order);
        assert.equal(res.statusCode, 400, res.body);
        assertErrorBody(res);
      });
    }
  });

  test("demoting every admin at once → 400 (the admin invariant), nothing changes", async () => {
    const org = await createOrg(h);
    const second = await org.add("admin");
    const user = await org.add("user");
    await expectNothingChanged(h, org, async () => {
      const res = await bulk(
        h,
        org.admin.apiKey,
        { role_id: "user", auto_record_calls: "enabled" },
        `${user.membershipId},${org.admin.membershipId},${second.membershipId}`,
      );
      assert.equal(res.statusCode, 400, res.body);
      assertErrorBody(res);
    });
    // Moving all admins to a custom role that grants manage_organization keeps the invariant.
    const custom = await customRoleOf(h, org, ["manage_organization"]);
    const ok = await bulk(
      h,
      org.admin.apiKey,
      { role_id: custom },
      `${org.admin.membershipId},${second.membershipId}`,
    );
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test("the body rules of PUT /membership/{id}/: every bad field named, valid ones not applied", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    const b = await org.add("user");
    const ids = `${a.membershipId},${b.membershipId}`;
    const cases: Array<[unknown, string[]]> = [
      [{ record_calls: true }, ["record_calls"]],
      [{ auto_record_calls: "unset" }, ["auto_record_calls"]],
      [{ role_id: "restricteduser", bogus: 1 }, ["bogus"]],
      [
        { role_id: "superuser", track_email_opens: "false", default_caller_id_mode: "manual" },
        ["track_email_opens", "default_caller_id_mode"],
      ],
      [
        { hangup_recording_url: "ftp://example.com/x.mp3", may_workflows_impersonate: 1 },
        ["hangup_recording_url", "may_workflows_impersonate"],
      ],
      [{ default_caller_id: "memb_abc" }, ["default_caller_id"]],
      [{ role_id: "manager", track_email_opens: false }, ["role_id"]],
      [{ role_id: "" }, ["role_id"]],
    ];
    for (const [body, fields] of cases) {
      await expectNothingChanged(h, org, async () => {
        const res = await bulk(h, org.admin.apiKey, body, ids);
        assertFieldErrors(res, fields, JSON.stringify(body));
      });
    }
    const deprecated = await bulk(h, org.admin.apiKey, { record_calls: false }, ids);
    assert.match(deprecated.json()["field-errors"].record_calls, /auto_record_calls/);
  });

  test("_params that is not an object, or a body that is not an object → 400", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    for (const params of ["x", 5, null, [a.membershipId]]) {
      await expectNothingChanged(h, org, async () => {
        const res = await bulk(h, org.admin.apiKey, { _params: params, role_id: "superuser" });
        assertFieldErrors(res, ["_params"], JSON.stringify(params));
      });
    }
    for (const body of [[], "x", 3]) {
      await expectNothingChanged(h, org, async () => {
        const res = await bulk(h, org.admin.apiKey, body, a.membershipId);
        assert.equal(res.statusCode, 400, res.body);
        assertErrorBody(res);
      });
    }
  });
});

describe("PUT /api/v1/membership/ — security", () => {
  const h = useHarness();

  securitySuite(h, {
    method: "PUT",
    path: (_org, target) => `/api/v1/membership/?id__in=${target.membershipId}`,
    body: { role_id: "restricteduser", auto_record_calls: "enabled" },
    permission: "manage_organization",
  });

  test("the same IDs by _params in another organization → 404, not 403", async () => {
    const org = await createOrg(h);
    const target = await org.add("user");
    const other = await createOrg(h);
    await expectNothingChanged(h, org, async () => {
      const res = await bulk(h, other.admin.apiKey, {
        _params: { id__in: target.membershipId },
        role_id: "admin",
      });
      assert.equal(res.statusCode, 404, res.body);
      assertErrorBody(res);
    });
  });

  test("a member cannot promote themselves through the bulk endpoint", async () => {
    const org = await createOrg(h);
    const self = await org.add("superuser");
    await expectNothingChanged(h, org, async () => {
      const res = await bulk(h, self.apiKey, { role_id: "admin" }, self.membershipId);
      assert.equal(res.statusCode, 403, res.body);
      assertErrorBody(res);
    });
  });
});
