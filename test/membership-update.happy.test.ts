import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newId } from "../src/domain/ids.ts";
import { listEventsOfObject } from "../src/store/events.ts";
import { predefinedRoleIdOf } from "./helpers/api.ts";
import { assertDefaultSettings, MEMBERSHIP_FIELDS } from "./helpers/assertions.ts";
import { basic, createOrg, customRole, putMembership, useHarness } from "./helpers/harness.ts";

describe("PUT /api/v1/membership/{id}/ — successful updates", () => {
  const h = useHarness();

  test("changes the role by slug and returns the full membership with Close's defaults", async () => {
    const org = await createOrg(h);
    const alice = await org.add("user");
    const res = await putMembership(h, org.admin.apiKey, alice.membershipId, {
      role_id: "superuser",
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), MEMBERSHIP_FIELDS);
    assert.equal(body.id, alice.membershipId);
    assert.equal(body.user_id, alice.userId);
    assert.equal(body.organization_id, org.id);
    assert.equal(body.role_id, "superuser");
    assert.equal(body.role, "superuser");
    assert.ok(body.permissions_granted.includes("export"));
    assert.ok(!body.permissions_granted.includes("manage_organization"));
    assert.deepEqual(body.permissions_granted, [...body.permissions_granted].sort());
    assertDefaultSettings(body);
    assert.match(body.date_updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    assert.match(res.headers["x-request-id"] as string, /^req_[A-Za-z0-9]{22}$/);
  });

  test("accepts every predefined slug and reports its permissions", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const expected = { restricteduser: 5, user: 13, superuser: 19, admin: 20 };
    for (const [slug, count] of Object.entries(expected)) {
      const res = await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: slug });
      assert.equal(res.statusCode, 200, slug);
      assert.equal(res.json().role_id, slug);
      assert.equal(res.json().permissions_granted.length, count, slug);
    }
  });

  test("accepts a predefined role's role_... ID and stores the slug", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const roleId = await predefinedRoleIdOf(h, org.id, "restricteduser");
    const res = await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: roleId });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().role_id, "restricteduser");
  });

  test("accepts a custom role of the same organization and reports its permissions", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const id = await customRole(h, org.id, ["view_all_leads", "calling"]);
    const res = await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: id });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().role_id, id);
    assert.equal(res.json().role, id);
    assert.deepEqual(res.json().permissions_granted, ["calling", "view_all_leads"]);
  });

  test("updates auto_record_calls from unset to enabled and disabled", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    for (const value of ["enabled", "disabled", "enabled"]) {
      const res = await putMembership(h, org.admin.apiKey, bob.membershipId, {
        auto_record_calls: value,
      });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().auto_record_calls, value);
    }
  });

  test("updates every other writable field, and only the fields sent", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const phone = newId("phone");
    const res = await putMembership(h, org.admin.apiKey, bob.membershipId, {
      default_caller_id: phone,
      default_caller_id_mode: "auto",
      hangup_recording_url: "https://example.com/goodbye.mp3",
      may_workflows_impersonate: true,
      track_email_opens: false,
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.default_caller_id, phone);
    assert.equal(body.default_caller_id_mode, "auto");
    assert.equal(body.hangup_recording_url, "https://example.com/goodbye.mp3");
    assert.equal(body.may_workflows_impersonate, true);
    assert.equal(body.track_email_opens, false);
    assert.equal(body.role_id, "user");

    const cleared = await putMembership(h, org.admin.apiKey, bob.membershipId, {
      default_caller_id: null,
      hangup_recording_url: null,
    });
    assert.equal(cleared.statusCode, 200);
    assert.equal(cleared.json().default_caller_id, null);
    assert.equal(cleared.json().hangup_recording_url, null);
    assert.equal(cleared.json().default_caller_id_mode, "auto");
    assert.equal(cleared.json().track_email_opens, false);
  });

  test("{} and a repeat of current values are no-ops: 200, nothing written, no event", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const before = await listEventsOfObject(h.store.db, org.id, bob.membershipId);
    const first = await putMembership(h, org.admin.apiKey, bob.membershipId, {});
    assert.equal(first.statusCode, 200);
    h.clock.advance(1000);
    const same = await putMembership(h, org.admin.apiKey, bob.membershipId, {
      role_id: "user",
      track_email_opens: true,
    });
    assert.equal(same.statusCode, 200);
    assert.equal(same.json().date_updated, first.json().date_updated);
    const after = await listEventsOfObject(h.store.db, org.id, bob.membershipId);
    assert.equal(after.length, before.length);
  });

  test("records one `updated` event with actor, key, request ID and both versions", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    h.clock.advance(1000);
    const res = await putMembership(h, org.admin.apiKey, bob.membershipId, {
      role_id: "restricteduser",
      auto_record_calls: "disabled",
    });
    assert.equal(res.statusCode, 200);
    const events = (await listEventsOfObject(h.store.db, org.id, bob.membershipId)).filter(
      (e) => e.action === "updated",
    );
    assert.equal(events.length, 1);
    const [event] = events;
    assert.ok(event);
    assert.match(event.id, /^ev_[A-Za-z0-9]{22}$/);
    assert.equal(event.object_type, "membership");
    assert.equal(event.object_id, bob.membershipId);
    assert.equal(event.organization_id, org.id);
    assert.equal(event.user_id, org.admin.userId);
    assert.equal(event.api_key_id, org.admin.apiKey.split(".")[0]);
    assert.equal(event.request_id, res.headers["x-request-id"]);
    assert.deepEqual(event.changed_fields, [
      "auto_record_calls",
      "date_updated",
      "permissions_granted",
      "role",
      "role_id",
    ]);
    assert.equal(event.previous_data?.role_id, "user");
    assert.equal(event.data?.role_id, "restricteduser");
    assert.equal(event.data?.auto_record_calls, "disabled");
    assert.deepEqual(event.meta, {
      request_method: "PUT",
      request_path: `/api/v1/membership/${bob.membershipId}/`,
    });
  });

  test("serves the path with and without the trailing slash, and honours _fields", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const res = await h.app.inject({
      method: "PUT",
      url: `/api/v1/membership/${bob.membershipId}?_fields=id,role_id,nonsense`,
      headers: { authorization: basic(org.admin.apiKey), "content-type": "application/json" },
      payload: { role_id: "superuser" },
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { id: bob.membershipId, role_id: "superuser" });
  });

  test("an admin may demote themselves while another admin remains", async () => {
    const org = await createOrg(h);
    await org.add("admin");
    const res = await putMembership(h, org.admin.apiKey, org.admin.membershipId, {
      role_id: "user",
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().role_id, "user");
  });
});
