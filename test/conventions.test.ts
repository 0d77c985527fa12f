import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import { addMember } from "../src/operations/provisioning.ts";
import {
  allowCreate,
  allowOf,
  api,
  freshEmail,
  type Method,
  predefinedRoleIdOf,
} from "./helpers/api.ts";
import {
  assertErrorBody,
  assertFieldErrors,
  membershipRow,
  snapshotOrg,
} from "./helpers/assertions.ts";
import {
  basic,
  createOrg,
  customRole,
  type Harness,
  type Member,
  type Org,
  useHarness,
} from "./helpers/harness.ts";

/**
 * The conventions (docs/compatibility.md) across the memberships, users, organizations and roles endpoints: `_fields`,
 * `_params`, `_skip`/`_limit`, trailing slashes, 405 with `Allow`.
 */

async function expectNothingChanged(h: Harness, org: Org, request: () => Promise<void>) {
  const before = await snapshotOrg(h, org.id);
  await request();
  assert.deepEqual(await snapshotOrg(h, org.id), before, "the refused request changed nothing");
}

/** The list endpoints of this slice. */
const LISTS = ["/role/", "/user/", "/membership/"] as const;

describe("_fields", () => {
  const h = useHarness();

  test("object responses keep only the named top-level fields; unknown names are ignored", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const bob = await org.add("user");
    const roleId = await predefinedRoleIdOf(h, org.id, "user");
    const cases: Array<[Method, string, unknown, string[]]> = [
      ["GET", `/membership/${bob.membershipId}/`, undefined, ["id", "role_id"]],
      ["PUT", `/membership/${bob.membershipId}/`, { track_email_opens: false }, ["id", "role_id"]],
      ["POST", "/membership/", { email: freshEmail(), role_id: "user" }, ["id", "role_id"]],
      ["GET", `/user/${bob.userId}/`, undefined, ["email", "id"]],
      ["GET", "/me/", undefined, ["email", "memberships"]],
      ["GET", `/organization/${org.id}/`, undefined, ["id", "name"]],
      ["PUT", `/organization/${org.id}/`, { name: "Fields" }, ["id", "name"]],
      ["GET", `/role/${roleId}/`, undefined, ["id", "permissions"]],
      ["GET", `/membership/${bob.membershipId}/pinned_views/`, undefined, ["saved_view_ids"]],
    ];
    for (const [method, path, body, fields] of cases) {
      const res = await api(
        h,
        org.admin.apiKey,
        method,
        `${path}?_fields=${fields.join(",")},no_such_field`,
        body,
      );
      assert.equal(res.statusCode, 200, `${method} ${path}: ${res.body}`);
      assert.deepEqual(Object.keys(res.json()).sort(), fields, `${method} ${path}`);
    }
  });

  test("lists apply _fields to each item and keep has_more", async () => {
    const org = await createOrg(h);
    await org.add("user");
    for (const path of LISTS) {
      const res = await api(h, org.admin.apiKey, "GET", `${path}?_fields=id&_limit=1`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(Object.keys(res.json()).sort(), ["data", "has_more"], path);
      assert.equal(res.json().has_more, true, path);
      for (const item of res.json().data) assert.deepEqual(Object.keys(item), ["id"], path);
    }
  });

  test("only unknown names give {}; an empty _fields gives the whole object", async () => {
    const org = await createOrg(h);
    const path = `/membership/${org.admin.membershipId}/`;
    const none = await api(h, org.admin.apiKey, "GET", `${path}?_fields=nope,nada`);
    assert.deepEqual(none.json(), {});
    const empty = await api(h, org.admin.apiKey, "GET", `${path}?_fields=`);
    const full = await api(h, org.admin.apiKey, "GET", path);
    assert.deepEqual(empty.json(), full.json());
    const spaced = await api(h, org.admin.apiKey, "GET", `${path}?_fields=%20id%20,%20role`);
    assert.deepEqual(Object.keys(spaced.json()).sort(), ["id", "role"]);
  });

  test("errors are not trimmed: a 404 or 400 keeps its Close body", async () => {
    const org = await createOrg(h);
    const missing = await api(
      h,
      org.admin.apiKey,
      "GET",
      `/membership/${newId("membership")}/?_fields=id`,
    );
    assert.equal(missing.statusCode, 404);
    assertErrorBody(missing);
    await expectNothingChanged(h, org, async () => {
      const invalid = await api(
        h,
        org.admin.apiKey,
        "PUT",
        `/membership/${org.admin.membershipId}/?_fields=id`,
        { bogus: 1 },
      );
      assertFieldErrors(invalid, ["bogus"]);
    });
  });

  test("an answer that is not JSON (a page, an asset, the metrics) ignores _fields instead of a 500", async () => {
    for (const url of [
      "/app/?_fields=id",
      "/app/sign-in?_fields=id",
      "/app/assets/app.css?_fields=id",
      "/metrics?_fields=id",
      "/health?_fields=status",
    ]) {
      const res = await h.app.inject({ method: "GET", url });
      assert.ok(res.statusCode < 500, `${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      assert.ok(res.body.length > 0, url);
    }
  });
});

describe("_params", () => {
  const h = useHarness();

  test("query parameters sent in the body are merged with the query; _params wins", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const path = `/membership/${bob.membershipId}/`;
    const only = await api(h, org.admin.apiKey, "PUT", path, {
      _params: { _fields: "id,auto_record_calls" },
      auto_record_calls: "enabled",
    });
    assert.equal(only.statusCode, 200, only.body);
    assert.deepEqual(only.json(), { id: bob.membershipId, auto_record_calls: "enabled" });

    const wins = await api(h, org.admin.apiKey, "PUT", `${path}?_fields=id,role_id`, {
      _params: { _fields: "track_email_opens" },
      track_email_opens: false,
    });
    assert.deepEqual(wins.json(), { track_email_opens: false });

    const merged = await api(h, org.admin.apiKey, "PUT", `/organization/${org.id}/?_fields=id`, {
      _params: { _expand: "memberships__user" },
      name: "Merged",
    });
    assert.deepEqual(Object.keys(merged.json()), ["id"], "the query's _fields still applies");
  });

  test("_params in a create body is not taken for an unknown field", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const res = await api(h, org.admin.apiKey, "POST", "/membership/", {
      _params: { _fields: "role_id" },
      email: freshEmail(),
      role_id: "restricteduser",
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { role_id: "restricteduser" });
  });

  test("bulk update: id__in from _params replaces the query's", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    const b = await org.add("user");
    const res = await api(h, org.admin.apiKey, "PUT", `/membership/?id__in=${a.membershipId}`, {
      _params: { id__in: b.membershipId },
      role_id: "superuser",
    });
    assert.deepEqual(res.json(), { count: 1 });
    assert.equal((await membershipRow(h, a.membershipId))?.role_id, "user");
    assert.equal((await membershipRow(h, b.membershipId))?.role_id, "superuser");
  });

  test("_params that is not an object, or holds nested objects → 400 on _params, nothing changes", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    for (const params of ["_fields=id", 3, null, ["id"], { _fields: { a: 1 } }]) {
      await expectNothingChanged(h, org, async () => {
        const res = await api(h, org.admin.apiKey, "PUT", `/membership/${bob.membershipId}/`, {
          _params: params,
          role_id: "superuser",
        });
        assertFieldErrors(res, ["_params"], JSON.stringify(params));
      });
    }
  });

  test("a list in _params becomes a comma-separated value", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const res = await api(h, org.admin.apiKey, "PUT", `/membership/${bob.membershipId}/`, {
      _params: { _fields: ["id", "role_id"] },
      role_id: "restricteduser",
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { id: bob.membershipId, role_id: "restricteduser" });
  });
});

describe("_skip and _limit", () => {
  const h = useHarness();

  async function orgWithMembers(count: number) {
    const org = await createOrg(h);
    for (let i = 0; i < count; i += 1) await org.add("user");
    return org;
  }

  test("bad values → 400 naming the parameter, on every list", async () => {
    const org = await orgWithMembers(1);
    const bad: Array<[string, string]> = [
      ["_limit", "-1"],
      ["_limit", "101"],
      ["_limit", "1000000"],
      ["_limit", "abc"],
      ["_limit", "1.5"],
      ["_limit", "1e2"],
      ["_limit", "0x10"],
      ["_limit", "+5"],
      ["_limit", "%205"],
      ["_limit", ""],
      ["_skip", "-1"],
      ["_skip", "abc"],
      ["_skip", "2.0"],
      ["_skip", ""],
      ["_skip", "99999999999"],
      ["_skip", "NaN"],
    ];
    for (const path of LISTS) {
      for (const [name, value] of bad) {
        const res = await api(h, org.admin.apiKey, "GET", `${path}?${name}=${value}`);
        assertFieldErrors(res, [name], `${path} ${name}=${value}`);
      }
      const both = await api(h, org.admin.apiKey, "GET", `${path}?_skip=-1&_limit=500`);
      assert.equal(both.statusCode, 400, both.body);
      const twice = await api(h, org.admin.apiKey, "GET", `${path}?_limit=1&_limit=2`);
      assertFieldErrors(twice, ["_limit"], `${path} repeated _limit`);
    }
  });

  test("edge values that are fine: _limit 1 and 100, _skip 0, leading zeros, a _skip past the end", async () => {
    const org = await orgWithMembers(3);
    // 4 roles, 4 users and 4 memberships in this organization.
    for (const path of LISTS) {
      const all = await api(h, org.admin.apiKey, "GET", path);
      assert.equal(all.statusCode, 200, all.body);
      assert.equal(all.json().data.length, 4, path);
      assert.equal(all.json().has_more, false, path);
      const ids = all.json().data.map((x: { id: string }) => x.id);

      const cases: Array<[string, string[], boolean]> = [
        ["_limit=1", ids.slice(0, 1), true],
        ["_limit=100", ids, false],
        ["_limit=4", ids, false],
        ["_limit=3", ids.slice(0, 3), true],
        ["_skip=0", ids, false],
        ["_skip=3&_limit=1", ids.slice(3), false],
        ["_skip=2&_limit=1", ids.slice(2, 3), true],
        ["_skip=4", [], false],
        ["_skip=1000000", [], false],
        ["_limit=002&_skip=01", ids.slice(1, 3), true],
      ];
      for (const [query, expected, hasMore] of cases) {
        const res = await api(h, org.admin.apiKey, "GET", `${path}?${query}`);
        assert.equal(res.statusCode, 200, `${path}?${query}: ${res.body}`);
        assert.deepEqual(
          res.json().data.map((x: { id: string }) => x.id),
          expected,
          `${path}?${query}`,
        );
        assert.equal(res.json().has_more, hasMore, `${path}?${query} has_more`);
      }
    }
  });

  test("the default page is 100 and has_more says there are more", async () => {
    const org = await createOrg(h);
    await h.store.write(async (tx) => {
      for (let i = 0; i < 100; i += 1) {
        await addMember(tx, org.id, { email: freshEmail("bulk"), role: "user" }, h.clock.now());
      }
    });
    for (const path of ["/user/", "/membership/"]) {
      const first = await api(h, org.admin.apiKey, "GET", path);
      assert.equal(first.json().data.length, 100, path);
      assert.equal(first.json().has_more, true, path);
      const rest = await api(h, org.admin.apiKey, "GET", `${path}?_skip=100`);
      assert.equal(rest.json().data.length, 1, path);
      assert.equal(rest.json().has_more, false, path);
    }
  });
});

/** Every route of this slice, as [method, path] of an organization with member `bob`. */
function routes(org: Org, bob: Member, roleId: string): Array<[Method, string, unknown, number]> {
  return [
    ["GET", "/me/", undefined, 200],
    ["GET", "/user/", undefined, 200],
    ["GET", `/user/${bob.userId}/`, undefined, 200],
    ["GET", "/role/", undefined, 200],
    ["GET", `/role/${roleId}/`, undefined, 200],
    ["GET", "/membership/", undefined, 200],
    ["GET", `/membership/${bob.membershipId}/`, undefined, 200],
    ["GET", `/membership/${bob.membershipId}/pinned_views/`, undefined, 200],
    ["GET", `/organization/${org.id}/`, undefined, 200],
    ["PUT", `/membership/${bob.membershipId}/`, { auto_record_calls: "enabled" }, 200],
    ["PUT", `/membership/?id__in=${bob.membershipId}`, { track_email_opens: false }, 200],
    ["PUT", `/membership/${bob.membershipId}/pinned_views/`, { saved_view_ids: [] }, 200],
    ["PUT", `/organization/${org.id}/`, { name: "Slash" }, 200],
    ["POST", "/role/", { name: `Role ${newId("role")}`, permissions: ["view_all_leads"] }, 201],
    ["PUT", `/role/${roleId}/`, { name: `Renamed ${newId("role")}` }, 200],
    ["POST", "/membership/", { email: freshEmail(), role_id: "user" }, 200],
    ["DELETE", `/membership/${bob.membershipId}/`, undefined, 200],
  ];
}

describe("trailing slash", () => {
  const h = useHarness();

  test("every route answers the same with and without the trailing slash", async () => {
    for (const slash of [true, false]) {
      const org = await createOrg(h);
      await allowCreate(h, org);
      const bob = await org.add("user");
      const roleId = await (async () => {
        const res = await api(h, org.admin.apiKey, "POST", "/role/", {
          name: `Custom ${newId("role")}`,
          permissions: ["view_all_leads"],
        });
        return res.json().id as string;
      })();
      for (const [method, path, body, status] of routes(org, bob, roleId)) {
        const [route, query] = path.split("?") as [string, string | undefined];
        const url = (slash ? route : route.replace(/\/$/, "")) + (query ? `?${query}` : "");
        const res = await api(h, org.admin.apiKey, method, url, body);
        assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
      }
      const deleted = await api(h, org.admin.apiKey, "DELETE", `/role/${roleId}`);
      assert.equal(deleted.statusCode, 200, deleted.body);
    }
  });
});

describe("405 on a known path with a wrong method", () => {
  const h = useHarness();

  test("405 {error} with an Allow header listing the path's methods; nothing changes", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const roleId = await predefinedRoleIdOf(h, org.id, "user");
    const paths: Array<[string, string[]]> = [
      ["/membership/", ["GET", "HEAD", "POST", "PUT"]],
      [`/membership/${bob.membershipId}/`, ["DELETE", "GET", "HEAD", "PUT"]],
      [`/membership/${bob.membershipId}/pinned_views/`, ["GET", "HEAD", "PUT"]],
      ["/user/", ["GET", "HEAD"]],
      [`/user/${bob.userId}/`, ["GET", "HEAD"]],
      [`/organization/${org.id}/`, ["GET", "HEAD", "PUT"]],
      ["/role/", ["GET", "HEAD", "POST"]],
      [`/role/${roleId}/`, ["DELETE", "GET", "HEAD", "PUT"]],
      ["/me/", ["GET", "HEAD"]],
    ];
    const all: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    for (const [path, allowed] of paths) {
      for (const method of all.filter((m) => !allowed.includes(m))) {
        for (const url of [path, path.replace(/\/$/, "")]) {
          await expectNothingChanged(h, org, async () => {
            const body = method === "GET" ? undefined : { role_id: "admin" };
            const res = await api(h, org.admin.apiKey, method, url, body);
            assert.equal(res.statusCode, 405, `${method} ${url}: ${res.body}`);
            assertErrorBody(res, `${method} ${url}`);
            assert.deepEqual(allowOf(res), allowed, `${method} ${url}`);
            assert.match(String(res.headers["x-request-id"]), /^req_/);
          });
        }
      }
    }
  });

  test("an unknown path → 404 {error}, not 405", async () => {
    const org = await createOrg(h);
    for (const path of ["/memberships/", "/membership/x/y/", "/user/x/pinned_views/", "/nothing"]) {
      const res = await api(h, org.admin.apiKey, "GET", path);
      assert.equal(res.statusCode, 404, `${path}: ${res.body}`);
      assertErrorBody(res);
      assert.equal(res.headers.allow, undefined);
    }
  });
});

describe("an empty body is no body", () => {
  const h = useHarness({ ROSTER_WEBHOOK_ALLOW_PRIVATE: "true" });

  /** The same request with an empty body: with `Content-Type: application/json`, and bare. */
  async function both(apiKey: string, method: Method, url: string) {
    const send = (headers: Record<string, string>) =>
      h.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: basic(apiKey), ...headers },
        payload: "",
      });
    return {
      json: await send({ "content-type": "application/json", "content-length": "0" }),
      bare: await send({}),
    };
  }

  test("DELETE with Content-Type: application/json and no bytes deactivates, as Close clients send it", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const role = await customRole(h, org.id, ["calling"]);
    const hook = await api(h, org.admin.apiKey, "POST", "/webhook/", {
      url: "http://127.0.0.1:9/hook",
      events: [{ object_type: "membership", action: "updated" }],
    });
    assert.equal(hook.statusCode, 201, hook.body);
    for (const url of [
      `/membership/${bob.membershipId}/`,
      `/role/${role}/`,
      `/webhook/${hook.json().id}/`,
    ]) {
      const { json, bare } = await both(org.admin.apiKey, "DELETE", url);
      assert.equal(json.statusCode, 200, `${url}: ${json.body}`);
      assert.deepEqual(json.json(), {}, url);
      // Then the same without a content type: a no-op for a membership, gone for the others.
      assert.equal(bare.statusCode, url.startsWith("/membership/") ? 200 : 404, bare.body);
    }
    assert.equal((await membershipRow(h, bob.membershipId))?.active, 0);
  });

  test("reads take it too; a write that needs a body answers as for a missing one, changing nothing", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const roleId = await predefinedRoleIdOf(h, org.id, "user");
    for (const url of [
      "/me/",
      `/membership/${bob.membershipId}/`,
      "/membership/",
      `/organization/${org.id}/`,
      "/role/",
      `/user/${bob.userId}/`,
    ]) {
      const { json } = await both(org.admin.apiKey, "GET", url);
      assert.equal(json.statusCode, 200, `GET ${url}: ${json.body}`);
    }
    const writes: Array<[Method, string]> = [
      ["PUT", `/membership/${bob.membershipId}/`],
      ["PUT", `/membership/?id__in=${bob.membershipId}`],
      ["POST", "/membership/"],
      ["PUT", `/membership/${bob.membershipId}/pinned_views/`],
      ["PUT", `/organization/${org.id}/`],
      ["POST", "/role/"],
      ["PUT", `/role/${roleId}/`],
      ["POST", "/webhook/"],
    ];
    for (const [method, url] of writes) {
      await expectNothingChanged(h, org, async () => {
        const { json, bare } = await both(org.admin.apiKey, method, url);
        assert.equal(json.statusCode, bare.statusCode, `${method} ${url}: ${json.body}`);
        assert.equal(json.statusCode, 400, `${method} ${url}: ${json.body}`);
        assert.deepEqual(json.json(), bare.json(), `${method} ${url}`);
        assert.notDeepEqual(json.json(), { error: "The request contains invalid JSON." });
      });
    }
  });

  test("whitespace or a lone byte is still invalid JSON", async () => {
    const org = await createOrg(h);
    for (const payload of [" ", "\n", "{"]) {
      const res = await h.app.inject({
        method: "DELETE",
        url: `/api/v1/membership/${org.admin.membershipId}/`,
        headers: { authorization: basic(org.admin.apiKey), "content-type": "application/json" },
        payload,
      });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(res.json(), { error: "The request contains invalid JSON." });
    }
  });
});
