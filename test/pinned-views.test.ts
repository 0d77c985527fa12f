import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import { api } from "./helpers/api.ts";
import { assertErrorBody, assertFieldErrors, snapshotOrg } from "./helpers/assertions.ts";
import { createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";
import { securitySuite } from "./helpers/security.ts";

function getViews(h: Harness, auth: string, membershipId: string) {
  return api(h, auth, "GET", `/membership/${membershipId}/pinned_views/`);
}

function putViews(h: Harness, auth: string, membershipId: string, body: unknown) {
  return api(h, auth, "PUT", `/membership/${membershipId}/pinned_views/`, body);
}

async function expectNothingChanged(h: Harness, org: Org, request: () => Promise<void>) {
  const before = await snapshotOrg(h, org.id);
  await request();
  assert.deepEqual(await snapshotOrg(h, org.id), before, "the refused request changed nothing");
}

const views = (n: number) => Array.from({ length: n }, () => newId("savedView"));

describe("GET/PUT /api/v1/membership/{id}/pinned_views/", () => {
  const h = useHarness();

  test("a new membership has none: {saved_view_ids: []}", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const res = await getViews(h, org.admin.apiKey, bob.membershipId);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { saved_view_ids: [] });
  });

  test("PUT replaces the list and keeps the order; GET returns it", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const [a, b, c] = views(3) as [string, string, string];
    const first = await putViews(h, org.admin.apiKey, bob.membershipId, {
      saved_view_ids: [c, a, b],
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { saved_view_ids: [c, a, b] });
    assert.deepEqual((await getViews(h, org.admin.apiKey, bob.membershipId)).json(), {
      saved_view_ids: [c, a, b],
    });

    const second = await putViews(h, org.admin.apiKey, bob.membershipId, { saved_view_ids: [b] });
    assert.deepEqual(second.json(), { saved_view_ids: [b] });
    assert.deepEqual((await getViews(h, org.admin.apiKey, bob.membershipId)).json(), {
      saved_view_ids: [b],
    });

    const emptied = await putViews(h, org.admin.apiKey, bob.membershipId, { saved_view_ids: [] });
    assert.equal(emptied.statusCode, 200);
    assert.deepEqual((await getViews(h, org.admin.apiKey, bob.membershipId)).json(), {
      saved_view_ids: [],
    });
  });

  test("up to 100 IDs, in order; each membership has its own list", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const carol = await org.add("user");
    const hundred = views(100);
    const res = await putViews(h, org.admin.apiKey, bob.membershipId, { saved_view_ids: hundred });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((await getViews(h, org.admin.apiKey, bob.membershipId)).json(), {
      saved_view_ids: hundred,
    });
    assert.deepEqual((await getViews(h, org.admin.apiKey, carol.membershipId)).json(), {
      saved_view_ids: [],
    });
  });

  test("pinning changes neither the membership object nor the event log", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const before = await api(h, org.admin.apiKey, "GET", `/membership/${bob.membershipId}/`);
    const eventsBefore = (await snapshotOrg(h, org.id)).events;
    h.clock.advance(1000);
    const res = await putViews(h, org.admin.apiKey, bob.membershipId, { saved_view_ids: views(2) });
    assert.equal(res.statusCode, 200);
    const after = await api(h, org.admin.apiKey, "GET", `/membership/${bob.membershipId}/`);
    assert.deepEqual(after.json(), before.json());
    assert.deepEqual((await snapshotOrg(h, org.id)).events, eventsBefore);
  });

  test("a member reads and replaces their own list without manage_organization", async () => {
    const org = await createOrg(h);
    for (const role of ["restricteduser", "user", "superuser"]) {
      const self = await org.add(role);
      const mine = views(2);
      const put = await putViews(h, self.apiKey, self.membershipId, { saved_view_ids: mine });
      assert.equal(put.statusCode, 200, `${role}: ${put.body}`);
      const get = await getViews(h, self.apiKey, self.membershipId);
      assert.equal(get.statusCode, 200, `${role}: ${get.body}`);
      assert.deepEqual(get.json(), { saved_view_ids: mine });
    }
  });

  test("an admin manages another member's list", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const mine = views(1);
    const put = await putViews(h, org.admin.apiKey, bob.membershipId, { saved_view_ids: mine });
    assert.equal(put.statusCode, 200);
    const seen = await getViews(h, bob.apiKey, bob.membershipId);
    assert.deepEqual(seen.json(), { saved_view_ids: mine });
  });

  test("without a trailing slash, and with a trailing slash, the same resource", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const mine = views(2);
    const put = await api(
      h,
      org.admin.apiKey,
      "PUT",
      `/membership/${bob.membershipId}/pinned_views`,
      {
        saved_view_ids: mine,
      },
    );
    assert.equal(put.statusCode, 200, put.body);
    const get = await api(
      h,
      org.admin.apiKey,
      "GET",
      `/membership/${bob.membershipId}/pinned_views`,
    );
    assert.deepEqual(get.json(), { saved_view_ids: mine });
  });
});

describe("PUT /api/v1/membership/{id}/pinned_views/ — refused, nothing changes", () => {
  const h = useHarness();

  test("more than 100, malformed or duplicate IDs → 400 on saved_view_ids", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const kept = views(3);
    await putViews(h, org.admin.apiKey, bob.membershipId, { saved_view_ids: kept });
    const [a] = kept as [string];
    const cases: unknown[] = [
      views(101),
      ["save_"],
      ["nonsense"],
      [newId("membership")],
      ["save_abc-def"],
      ["SAVE_abc"],
      [` ${a}`],
      [a, a],
      [5],
      [null],
      [[a]],
      a,
      null,
      {},
    ];
    for (const ids of cases) {
      await expectNothingChanged(h, org, async () => {
        const res = await putViews(h, org.admin.apiKey, bob.membershipId, { saved_view_ids: ids });
        assertFieldErrors(res, ["saved_view_ids"], JSON.stringify(ids).slice(0, 80));
      });
    }
    assert.deepEqual((await getViews(h, org.admin.apiKey, bob.membershipId)).json(), {
      saved_view_ids: kept,
    });
  });

  test("missing or unknown fields → 400 naming them; a non-object body → 400 {error}", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const cases: Array<[unknown, string[]]> = [
      [{}, ["saved_view_ids"]],
      [{ saved_view_ids: views(1), pinned: true }, ["pinned"]],
      [{ saved_view_ids: ["bad"], views: [] }, ["saved_view_ids", "views"]],
    ];
    for (const [body, fields] of cases) {
      await expectNothingChanged(h, org, async () => {
        const res = await putViews(h, org.admin.apiKey, bob.membershipId, body);
        assertFieldErrors(res, fields, JSON.stringify(body));
      });
    }
    for (const body of [[], views(1), "save_x"]) {
      await expectNothingChanged(h, org, async () => {
        const res = await putViews(h, org.admin.apiKey, bob.membershipId, body);
        assert.equal(res.statusCode, 400, res.body);
        assertErrorBody(res);
      });
    }
  });

  test("an unknown or malformed membership ID → 404", async () => {
    const org = await createOrg(h);
    for (const id of [newId("membership"), "nonsense"]) {
      const get = await getViews(h, org.admin.apiKey, id);
      assert.equal(get.statusCode, 404, get.body);
      assertErrorBody(get);
      await expectNothingChanged(h, org, async () => {
        const put = await putViews(h, org.admin.apiKey, id, { saved_view_ids: views(1) });
        assert.equal(put.statusCode, 404, put.body);
        assertErrorBody(put);
      });
    }
  });
});

describe("pinned views — security", () => {
  const h = useHarness();

  securitySuite(h, {
    method: "GET",
    path: (_org, target) => `/api/v1/membership/${target.membershipId}/pinned_views/`,
    permission: "manage_organization",
  });

  securitySuite(h, {
    method: "PUT",
    path: (_org, target) => `/api/v1/membership/${target.membershipId}/pinned_views/`,
    body: { saved_view_ids: [newId("savedView"), newId("savedView")] },
    permission: "manage_organization",
  });

  test("a member without manage_organization cannot read or replace another member's list", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const kept = views(2);
    await putViews(h, org.admin.apiKey, bob.membershipId, { saved_view_ids: kept });
    const carol = await org.add("superuser");
    const get = await getViews(h, carol.apiKey, bob.membershipId);
    assert.equal(get.statusCode, 403, get.body);
    assertErrorBody(get);
    await expectNothingChanged(h, org, async () => {
      const put = await putViews(h, carol.apiKey, bob.membershipId, { saved_view_ids: [] });
      assert.equal(put.statusCode, 403, put.body);
      assertErrorBody(put);
    });
    assert.deepEqual((await getViews(h, bob.apiKey, bob.membershipId)).json(), {
      saved_view_ids: kept,
    });
  });
});
