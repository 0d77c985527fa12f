import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import type { Permission } from "../../src/domain/permissions.ts";
import { createKey, revokeKey } from "../../src/operations/provisioning.ts";
import { assertErrorBody, snapshotOrg } from "./assertions.ts";
import { basic, bearer, createOrg, type Harness, type Member, type Org } from "./harness.ts";

/** What the shared security suite needs to know about one route. */
export interface SecuredRoute {
  method: "GET" | "PUT" | "POST" | "DELETE";
  /**
   * The URL of a request on `org`. `target` is a fresh member (role `user`) of `org`: routes
   * that act on a membership act on it, so a request that wrongly succeeds changes it.
   */
  path: (org: Org, target: Member) => string;
  /** A JSON body that a permitted caller may send (and that would change `target`). */
  body?: unknown;
  /** The permission the route needs; without it, any active member may call the route. */
  permission?: Permission;
  /** False when the path names no object of an organization (e.g. `/me/`): no cross-org case. */
  ownedByOrganization?: boolean;
  /** The status a permitted caller gets (default 200). */
  okStatus?: number;
}

async function call(
  h: Harness,
  route: SecuredRoute,
  url: string,
  authorization: string | undefined,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (route.body !== undefined) headers["content-type"] = "application/json";
  return h.app.inject({
    method: route.method,
    url,
    headers,
    ...(route.body !== undefined ? { payload: JSON.stringify(route.body) } : {}),
  });
}

/** 401 as Close answers it: `{"error": ...}` and a `WWW-Authenticate` challenge. */
export function assertUnauthorized(res: LightMyRequestResponse, label = ""): void {
  assert.equal(res.statusCode, 401, `${label}: ${res.body}`);
  const challenge = res.headers["www-authenticate"];
  assert.equal(typeof challenge, "string", `${label}: WWW-Authenticate`);
  assert.match(challenge as string, /basic/i, label);
  assertErrorBody(res, label);
}

/** Sets a membership's `active` flag directly in the store, as another process would. */
export async function setActive(h: Harness, membershipId: string, active: boolean): Promise<void> {
  await h.store.write((tx) =>
    tx
      .updateTable("memberships")
      .set({ active: active ? 1 : 0 })
      .where("id", "=", membershipId)
      .execute(),
  );
}

/**
 * The security cases every authenticated route must pass (docs/compatibility.md: Authentication, Permissions and roles): missing, malformed,
 * unknown, revoked and expired credentials, inactive memberships, lacking permission and
 * another organization's objects. Every refused request must leave the organization as it was.
 */
export function securitySuite(h: Harness, route: SecuredRoute): void {
  const okStatus = route.okStatus ?? 200;

  async function expectRefused(
    org: Org,
    target: Member,
    authorization: string | undefined,
    check: (res: LightMyRequestResponse) => void,
    url = route.path(org, target),
  ): Promise<void> {
    const before = await snapshotOrg(h, org.id);
    check(await call(h, route, url, authorization));
    assert.deepEqual(await snapshotOrg(h, org.id), before, "a refused request changed nothing");
  }

  describe(`${route.method} security`, () => {
    test("no Authorization header → 401 with WWW-Authenticate and {error}", async () => {
      const org = await createOrg(h);
      const target = await org.add("user");
      await expectRefused(org, target, undefined, (res) => {
        assertUnauthorized(res, "no header");
        assert.match(res.headers["x-request-id"] as string, /^req_/);
      });
    });

    test("empty, malformed and unknown credentials → 401", async () => {
      const org = await createOrg(h);
      const target = await org.add("user");
      const [keyId, secret] = org.admin.apiKey.split(".") as [string, string];
      const wrongSecret = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
      const token = await org.token(org.admin);
      const headers: Array<[string, string]> = [
        ["empty", ""],
        ["space", " "],
        ["Basic alone", "Basic"],
        ["Basic and a space", "Basic "],
        ["Basic !!!", "Basic !!!"],
        ["Bearer alone", "Bearer"],
        ["Bearer and a space", "Bearer "],
        ["Digest", "Digest x"],
        ["a bare key without scheme", org.admin.apiKey],
        ["10 KB of junk", "x".repeat(10 * 1024)],
        ["Basic with 10 KB", `Basic ${"A".repeat(10 * 1024)}`],
        ["Bearer with 10 KB", `Bearer ${"A".repeat(10 * 1024)}`],
        ["not base64", "Basic this is not base64 at all %%%"],
        ["base64 of nothing", `Basic ${Buffer.from(":").toString("base64")}`],
        ["a key without a dot", basic(keyId)],
        ["a key id with an empty secret", basic(`${keyId}.`)],
        ["a dot and a secret without id", basic(`.${secret}`)],
        ["the right id, a wrong secret", basic(`${keyId}.${wrongSecret}`)],
        [
          "the key as the password",
          `Basic ${Buffer.from(`:${org.admin.apiKey}`).toString("base64")}`,
        ],
        ["an unknown key", basic(`api_${"0".repeat(22)}.${secret}`)],
        ["the API key as a Bearer token", bearer(org.admin.apiKey)],
        ["the access token as a Basic key", basic(token)],
        ["a key with a NUL byte", basic(`api_\u0000${keyId.slice(5)}.${secret}`)],
        ["an id with non-ASCII", basic(`api_ünïcödé.${secret}`)],
      ];
      for (const [label, header] of headers) {
        await expectRefused(org, target, header, (res) => {
          assertUnauthorized(res, label);
          assert.ok(!res.body.includes(secret), `${label}: the body leaks no secret`);
        });
      }
    });

    test("a revoked key → 401 at once", async () => {
      const org = await createOrg(h);
      const target = await org.add("user");
      const { id, api_key } = await h.store.write((tx) =>
        createKey(tx, org.admin.membershipId, h.clock.now()),
      );
      const works = await call(h, route, route.path(org, target), basic(api_key));
      assert.equal(works.statusCode, okStatus, works.body);
      await h.store.write((tx) => revokeKey(tx, id, h.clock.now()));
      await expectRefused(org, target, basic(api_key), (res) => assertUnauthorized(res, "revoked"));
      // The organization's other key is untouched.
      const other = await call(h, route, route.path(org, target), basic(org.admin.apiKey));
      assert.equal(other.statusCode, okStatus, other.body);
    });

    test("a valid Bearer token works; a wrong or expired one → 401", async () => {
      const org = await createOrg(h);
      const target = await org.add("user");
      const token = await org.token(org.admin);
      const res = await call(h, route, route.path(org, target), bearer(token));
      assert.equal(res.statusCode, okStatus, res.body);
      const lower = await call(h, route, route.path(org, target), `bearer ${token}`);
      assert.equal(lower.statusCode, okStatus, "the scheme is case-insensitive");

      const [tokenId] = token.split(".");
      await expectRefused(org, target, bearer(`${tokenId}.${"x".repeat(43)}`), (r) =>
        assertUnauthorized(r, "wrong token secret"),
      );
      h.clock.advance(3599 * 1000);
      const late = await call(h, route, route.path(org, target), bearer(token));
      assert.equal(late.statusCode, okStatus, "still valid just before expiry");
      h.clock.advance(2 * 1000);
      await expectRefused(org, target, bearer(token), (r) => assertUnauthorized(r, "expired"));
    });

    test("a valid API key works, with or without a password", async () => {
      const org = await createOrg(h);
      const target = await org.add("user");
      const plain = await call(h, route, route.path(org, target), basic(org.admin.apiKey));
      assert.equal(plain.statusCode, okStatus, plain.body);
      const withPassword = `Basic ${Buffer.from(`${org.admin.apiKey}:ignored`).toString("base64")}`;
      const res = await call(h, route, route.path(org, target), withPassword);
      assert.equal(res.statusCode, okStatus, res.body);
    });

    test("the key and token of an inactive membership → 401 at once", async () => {
      const org = await createOrg(h);
      const target = await org.add("user");
      const caller = await org.add("admin");
      const token = await org.token(caller);
      const works = await call(h, route, route.path(org, target), basic(caller.apiKey));
      assert.equal(works.statusCode, okStatus, works.body);
      await setActive(h, caller.membershipId, false);
      await expectRefused(org, target, basic(caller.apiKey), (res) =>
        assertUnauthorized(res, "inactive key"),
      );
      await expectRefused(org, target, bearer(token), (res) =>
        assertUnauthorized(res, "inactive token"),
      );
      await setActive(h, caller.membershipId, true);
      const again = await call(h, route, route.path(org, target), basic(caller.apiKey));
      assert.equal(again.statusCode, okStatus, "re-activated: the key works again");
    });

    if (route.permission) {
      const permission = route.permission;
      test(`a caller without ${permission} → 403 {error}`, async () => {
        const org = await createOrg(h);
        const target = await org.add("user");
        for (const role of ["restricteduser", "user", "superuser"]) {
          const caller = await org.add(role);
          await expectRefused(org, target, basic(caller.apiKey), (res) => {
            assert.equal(res.statusCode, 403, `${role}: ${res.body}`);
            assert.equal(res.headers["www-authenticate"], undefined);
            assertErrorBody(res, role);
          });
          await expectRefused(org, target, bearer(await org.token(caller)), (res) => {
            assert.equal(res.statusCode, 403, `${role} by token: ${res.body}`);
          });
        }
      });

      test(`losing ${permission} takes effect on the very next request`, async () => {
        const org = await createOrg(h);
        const target = await org.add("user");
        const caller = await org.add("admin");
        const works = await call(h, route, route.path(org, target), basic(caller.apiKey));
        assert.equal(works.statusCode, okStatus, works.body);
        await h.store.write((tx) =>
          tx
            .updateTable("memberships")
            .set({ role_id: "user" })
            .where("id", "=", caller.membershipId)
            .execute(),
        );
        await expectRefused(org, target, basic(caller.apiKey), (res) => {
          assert.equal(res.statusCode, 403, res.body);
          assertErrorBody(res);
        });
      });
    } else {
      test("any active member may call it, even with the least role", async () => {
        const org = await createOrg(h);
        const target = await org.add("user");
        const caller = await org.add("restricteduser");
        const res = await call(h, route, route.path(org, target), basic(caller.apiKey));
        assert.equal(res.statusCode, okStatus, res.body);
      });
    }

    if (route.ownedByOrganization !== false) {
      test("another organization's object → 404 {error}, never 403", async () => {
        const org = await createOrg(h);
        const target = await org.add("user");
        const other = await createOrg(h);
        const otherTarget = await other.add("user");
        const url = route.path(org, target);
        assert.notEqual(url, route.path(other, otherTarget), "the path names the organization");
        for (const authorization of [
          basic(other.admin.apiKey),
          bearer(await other.token(other.admin)),
        ]) {
          await expectRefused(
            org,
            target,
            authorization,
            (res) => {
              assert.equal(res.statusCode, 404, res.body);
              assertErrorBody(res);
            },
            url,
          );
        }
      });
    }
  });
}
