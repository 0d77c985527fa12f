import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ID_KINDS, type IdKind, newId } from "../src/domain/ids.ts";
import { api, type Method } from "./helpers/api.ts";
import { snapshotOrg } from "./helpers/assertions.ts";
import { idsOf } from "./helpers/fuzz/target.ts";
import { createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";

/** A body each write route accepts, so that a refusal is about the ID, not the body. */
const BODIES: Record<string, unknown> = {
  "PUT /membership/{id}/": { track_email_opens: false },
  "PUT /membership/{id}/pinned_views/": { saved_view_ids: [] },
  "PUT /organization/{id}/": { name: "Taken over" },
  "PUT /role/{id}/": { name: "Taken over" },
  "PUT /webhook/{id}/": { status: "paused" },
  "PUT /membership/": { track_email_opens: false },
};

/** Query parameters that name an object by ID. */
const ID_QUERY = /(^|_)id$|^id__in$/;

interface Operation {
  method: Method;
  path: string;
  query: string[];
}

/** Every operation of the API, read from the app's own OpenAPI document. */
function operationsOf(h: Harness): Operation[] {
  const document = h.app.swagger() as unknown as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    // A path item may also hold path-level `parameters`: only its HTTP methods are operations.
    Object.entries(item)
      .filter(([method]) => ["get", "put", "post", "delete", "patch"].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase() as Method,
        path,
        query: (operation.parameters ?? [])
          .filter((p) => p.in === "query" && ID_QUERY.test(p.name))
          .map((p) => p.name),
      })),
  );
}

/** A fresh ID of the same kind as `id` (same prefix, same length): one nobody owns. */
function unownedLike(id: string): string {
  const kind = (Object.entries(ID_KINDS) as Array<[IdKind, readonly [string, number]]>).find(
    ([, [prefix]]) => id.startsWith(prefix),
  )?.[0];
  assert.ok(kind, `an ID with a known prefix: ${id}`);
  return newId(kind);
}

/** Everything B holds that A could reach: B's rows, its webhooks and its users' rows. */
async function stateOf(h: Harness, org: Org) {
  const webhooks = await h.store.db
    .selectFrom("webhook_subscriptions")
    .selectAll()
    .where("organization_id", "=", org.id)
    .orderBy("id")
    .execute();
  const users = await h.store.db
    .selectFrom("users")
    .selectAll()
    .where(
      "id",
      "in",
      h.store.db.selectFrom("memberships").select("user_id").where("organization_id", "=", org.id),
    )
    .orderBy("id")
    .execute();
  return { ...(await snapshotOrg(h, org.id, { roles: true })), webhooks, users };
}

/**
 * Two organizations. A's admin and A's least member try every API operation with every ID B
 * owns (in the path and in every ID filter): each answer is the one a random well-formed ID of
 * the same kind gets (same status, same body once the ID is taken out), and B is unchanged.
 */
describe("tenant isolation", () => {
  const h = useHarness();

  test("every ID of another organization, on every operation, is indistinguishable from a random one", async (t) => {
    const a = await createOrg(h, "Tenant A");
    const b = await createOrg(h, "Tenant B");
    const aMember = await a.add("restricteduser");
    await b.add("restricteduser", { firstName: "Hidden", lastName: "Person" });
    // B's custom role, webhook and pinned views, made through the API like a real tenant's.
    const role = await api(h, b.admin.apiKey, "POST", "/role/", {
      name: "B's role",
      permissions: ["view_all_leads"],
    });
    assert.equal(role.statusCode, 201, role.body);
    const hook = await api(h, b.admin.apiKey, "POST", "/webhook/", {
      url: "https://93.184.215.14/hook",
      events: [{ object_type: "membership", action: "updated" }],
    });
    assert.equal(hook.statusCode, 201, hook.body);
    const pinned = await api(
      h,
      b.admin.apiKey,
      "PUT",
      `/membership/${b.admin.membershipId}/pinned_views/`,
      {
        saved_view_ids: [newId("savedView")],
      },
    );
    assert.equal(pinned.statusCode, 200, pinned.body);

    const bIds = await idsOf(h.store, b.id);
    const before = await stateOf(h, b);
    let tried = 0;

    async function compare(
      auth: string,
      method: Method,
      url: (id: string) => string,
      id: string,
      body: unknown,
    ) {
      const random = unownedLike(id);
      const [theirs, nobodys] = [
        await api(h, auth, method, url(id), body),
        await api(h, auth, method, url(random), body),
      ];
      tried++;
      const label = `${method} ${url(id)}`;
      assert.ok(theirs.statusCode < 500, `${label}: ${theirs.statusCode}`);
      assert.equal(
        theirs.statusCode,
        nobodys.statusCode,
        `${label}: ${theirs.body} vs ${nobodys.body}`,
      );
      assert.equal(
        theirs.body.replaceAll(id, "<id>"),
        nobodys.body.replaceAll(random, "<id>"),
        label,
      );
    }

    for (const auth of [a.admin.apiKey, aMember.apiKey]) {
      for (const operation of operationsOf(h)) {
        const body = BODIES[`${operation.method} ${operation.path}`];
        const sendsBody = operation.method === "PUT" || operation.method === "POST";
        for (const id of bIds) {
          if (operation.path.includes("{id}")) {
            await compare(
              auth,
              operation.method,
              (x) => operation.path.replace("{id}", x),
              id,
              sendsBody ? (body ?? {}) : undefined,
            );
          }
          for (const name of operation.query) {
            const path = operation.path.replace("{id}", a.admin.membershipId);
            await compare(
              auth,
              operation.method,
              (x) => `${path}?${name}=${x}`,
              id,
              sendsBody ? (body ?? {}) : undefined,
            );
          }
        }
      }
    }
    t.diagnostic(`${tried} requests with another organization's IDs (${bIds.length} IDs)`);
    assert.ok(tried > 200, `tried ${tried}`);
    assert.deepEqual(await stateOf(h, b), before, "nothing of B changed");
  });
});
