import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { verifyAsOperator } from "./helpers/api.ts";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";

/**
 * Without `If-Match`, `If-None-Match`, `Idempotency-Key` or `dry_run`, every answer is what
 * it was before the safe-write extensions existed: the same status, the same headers (ETag
 * aside) and the same body, byte for byte. The fixture was recorded by this script on the
 * code before them (`RECORD_WIRE=1`); IDs and timestamps are replaced by stable placeholders
 * (in order of first appearance), everything else is compared as sent.
 */

const FIXTURE = new URL("./fixtures/wire-before-safe-writes.json", import.meta.url);
/** Headers every answer has whose value changes by itself, and the one header that was added. */
const VOLATILE_HEADERS = new Set(["date", "x-request-id", "content-length"]);
const ADDED_HEADER = "etag";

interface Recorded {
  step: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

function normalizer() {
  const names = new Map<string, string>();
  return (text: string) =>
    text
      .replace(/\b(memb|user|orga|role|req|ev|save|phon)_[A-Za-z0-9]{16,}/g, (id, kind) => {
        if (!names.has(id)) names.set(id, `${kind}_#${names.size}`);
        return names.get(id) as string;
      })
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00/g, "<timestamp>")
      .replace(/-\d+-\d+-\d+@example\.com/g, "@example.com");
}

describe("the wire without the safe-write extensions", () => {
  const h = useHarness();

  test("every answer is byte for byte what it was, apart from the added ETag", async () => {
    const org = await createOrg(h);
    const normalize = normalizer();
    const recorded: Recorded[] = [];
    const key = basic(org.admin.apiKey);
    const call = async (step: string, method: string, path: string, body?: unknown) => {
      h.clock.advance(1000);
      const res: LightMyRequestResponse = await h.app.inject({
        method: method as "GET",
        url: `/api/v1${path}`,
        headers: {
          authorization: key,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (!VOLATILE_HEADERS.has(name) && name !== ADDED_HEADER) headers[name] = String(value);
      }
      recorded.push({ step, status: res.statusCode, headers, body: normalize(res.body) });
      return res;
    };
    // Members are listed by when they joined: distinct times keep the order fixed.
    h.clock.advance(1000);
    const member = await org.add("user");
    h.clock.advance(1000);
    const other = await org.add("restricteduser");
    const m = member.membershipId;

    await call("get membership", "GET", `/membership/${m}/`);
    await call("update", "PUT", `/membership/${m}/`, { role_id: "superuser" });
    await call("update, no-op", "PUT", `/membership/${m}/`, { role_id: "superuser" });
    await call("update, _fields", "PUT", `/membership/${m}/?_fields=id,role`, {
      auto_record_calls: "enabled",
    });
    await call("update, bad field", "PUT", `/membership/${m}/`, { auto_record_calls: "unset" });
    await call("update, unknown", "PUT", "/membership/memb_nope/", {});
    await call("update, last admin", "PUT", `/membership/${org.admin.membershipId}/`, {
      role_id: "user",
    });
    await call("bulk", "PUT", `/membership/?id__in=${m},${other.membershipId}`, {
      track_email_opens: false,
    });
    await call("bulk in _params", "PUT", "/membership/", {
      _params: { id__in: [m] },
      may_workflows_impersonate: true,
    });
    // The domain is proven first (as the operator does), so the update lists it as verified.
    await verifyAsOperator(h, org, ["example.com"]);
    await call("org update", "PUT", `/organization/${org.id}/`, {
      verified_email_domains: ["example.com"],
      restrict_new_users_to_verified_domains: true,
    });
    const created = await call("create", "POST", "/membership/", {
      email: "wire-new@example.com",
      role_id: "user",
    });
    const createdId = created.json().id as string;
    await call("create, admin role", "POST", "/membership/", {
      email: "wire-admin@example.com",
      role_id: "admin",
    });
    await call("delete", "DELETE", `/membership/${createdId}/`);
    await call("delete again", "DELETE", `/membership/${createdId}/`);
    const role = await call("role create", "POST", "/role/", {
      name: "Wire role",
      permissions: ["calling", "view_all_leads"],
    });
    const roleId = role.json().id as string;
    await call("role get", "GET", `/role/${roleId}/`);
    await call("role update", "PUT", `/role/${roleId}/`, { permissions: ["calling", "export"] });
    await call("role update, invalid", "PUT", `/role/${roleId}/`, { permissions: ["nope"] });
    await call("assign custom role", "PUT", `/membership/${m}/`, { role_id: roleId });
    await call("role delete, in use", "DELETE", `/role/${roleId}/`);
    await call("unassign", "PUT", `/membership/${m}/`, { role_id: "user" });
    await call("role delete", "DELETE", `/role/${roleId}/`);
    await call("pinned views", "PUT", `/membership/${m}/pinned_views/`, {
      saved_view_ids: ["save_a", "save_b"],
    });
    await call("org get", "GET", `/organization/${org.id}/`);
    await call("org get, expanded", "GET", `/organization/${org.id}/?_expand=memberships__user`);
    await call("membership list", "GET", "/membership/?_limit=2");

    if (process.env.RECORD_WIRE === "1") {
      writeFileSync(FIXTURE, `${JSON.stringify(recorded, null, 2)}\n`);
      return;
    }
    const before = JSON.parse(readFileSync(FIXTURE, "utf8")) as Recorded[];
    assert.equal(recorded.length, before.length);
    for (const [index, was] of before.entries()) {
      assert.deepEqual(recorded[index], was, `step "${was.step}" changed on the wire`);
    }
  });
});
