import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { type Event, listEventsOfObject } from "../src/store/events.ts";
import {
  allowCreate,
  api,
  createMembership,
  eventsOfOrg,
  freshEmail,
  requestIdOf,
} from "./helpers/api.ts";
import { MEMBERSHIP_FIELDS, snapshotOrg, TIMESTAMP } from "./helpers/assertions.ts";
import { bearer, createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";

/**
 * As Close does: every membership change writes exactly one event, in the change's transaction,
 * naming who did it, through which credential and in which request. Requests that change
 * nothing, or fail, write none.
 */

/** The events of an organization written by one response's request. */
async function eventsOfRequest(h: Harness, org: Org, res: LightMyRequestResponse) {
  const requestId = requestIdOf(res);
  return (await eventsOfOrg(h, org.id)).filter((e) => e.request_id === requestId);
}

/** The one event a request wrote; fails unless it wrote exactly one. */
async function onlyEventOf(h: Harness, org: Org, res: LightMyRequestResponse): Promise<Event> {
  const events = await eventsOfRequest(h, org, res);
  assert.equal(events.length, 1, `exactly one event: ${JSON.stringify(events)}`);
  return events[0] as Event;
}

/** The fields every event of a request by `org`'s admin key carries. */
function assertAttribution(
  event: Event,
  org: Org,
  res: LightMyRequestResponse,
  method: string,
  path: string,
): void {
  assert.match(event.id, /^ev_[A-Za-z0-9]{22}$/);
  assert.equal(event.organization_id, org.id);
  assert.equal(event.object_type, "membership");
  assert.equal(event.user_id, org.admin.userId);
  assert.equal(event.api_key_id, org.admin.apiKey.split(".")[0]);
  assert.equal(event.oauth_app_id, null);
  assert.equal(event.request_id, res.headers["x-request-id"]);
  assert.deepEqual(event.meta, { request_method: method, request_path: path });
  assert.match(event.date_created, TIMESTAMP);
  assert.equal(event.date_updated, event.date_created);
}

/** Runs `request` and proves the organization's event log did not grow. */
async function expectNoEvent(h: Harness, org: Org, request: () => Promise<LightMyRequestResponse>) {
  const before = (await eventsOfOrg(h, org.id)).map((e) => e.id);
  const res = await request();
  assert.deepEqual(
    (await eventsOfOrg(h, org.id)).map((e) => e.id),
    before,
    `no event for ${res.statusCode} ${res.body}`,
  );
  return res;
}

/** Runs a failing `request` and proves the organization is exactly as before, events included. */
async function expectNothingChanged(
  h: Harness,
  org: Org,
  request: () => Promise<LightMyRequestResponse>,
) {
  const before = await snapshotOrg(h, org.id);
  const res = await request();
  assert.deepEqual(
    await snapshotOrg(h, org.id),
    before,
    `unchanged by ${res.statusCode} ${res.body}`,
  );
  return res;
}

describe("membership events — one per change", () => {
  const h = useHarness();

  test("created: POST of a new email; previous_data null, data the response", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const res = await createMembership(h, org.admin.apiKey, freshEmail(), "superuser");
    assert.equal(res.statusCode, 200, res.body);
    const event = await onlyEventOf(h, org, res);
    assertAttribution(event, org, res, "POST", "/api/v1/membership/");
    assert.equal(event.action, "created");
    assert.equal(event.object_id, res.json().id);
    assert.equal(event.previous_data, null);
    assert.deepEqual(event.data, res.json());
    assert.deepEqual(event.changed_fields, MEMBERSHIP_FIELDS);
  });

  test("activated: POST of a former member; both versions recorded", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const email = freshEmail();
    const created = await createMembership(h, org.admin.apiKey, email, "user");
    const id = created.json().id;
    const removed = await api(h, org.admin.apiKey, "DELETE", `/membership/${id}/`);
    assert.equal(removed.statusCode, 200);
    const inactive = await api(h, org.admin.apiKey, "GET", `/membership/${id}/`);
    h.clock.advance(1000);

    const res = await createMembership(h, org.admin.apiKey, email.toUpperCase(), "restricteduser");
    assert.equal(res.statusCode, 200, res.body);
    const event = await onlyEventOf(h, org, res);
    assertAttribution(event, org, res, "POST", "/api/v1/membership/");
    assert.equal(event.action, "activated");
    assert.equal(event.object_id, id);
    assert.deepEqual(event.previous_data, inactive.json());
    assert.deepEqual(event.data, res.json());
    for (const field of ["role_id", "role", "permissions_granted", "date_updated"]) {
      assert.ok(event.changed_fields.includes(field), field);
    }
  });

  test("updated: PUT /membership/{id}/ records the fields that changed", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const before = await api(h, org.admin.apiKey, "GET", `/membership/${bob.membershipId}/`);
    h.clock.advance(1000);
    const res = await api(h, org.admin.apiKey, "PUT", `/membership/${bob.membershipId}/`, {
      track_email_opens: false,
      auto_record_calls: "disabled",
    });
    assert.equal(res.statusCode, 200, res.body);
    const event = await onlyEventOf(h, org, res);
    assertAttribution(event, org, res, "PUT", `/api/v1/membership/${bob.membershipId}/`);
    assert.equal(event.action, "updated");
    assert.deepEqual(event.previous_data, before.json());
    assert.deepEqual(event.data, res.json());
    assert.deepEqual(event.changed_fields, [
      "auto_record_calls",
      "date_updated",
      "track_email_opens",
    ]);
  });

  test("updated: a bulk update writes one per changed member, with one request ID", async () => {
    const org = await createOrg(h);
    const a = await org.add("user");
    const b = await org.add("superuser");
    const unchanged = await org.add("restricteduser");
    const ids = [a, b, unchanged].map((m) => m.membershipId);
    const res = await api(h, org.admin.apiKey, "PUT", "/membership/", {
      _params: { id__in: ids.join(",") },
      role_id: "restricteduser",
    });
    assert.equal(res.statusCode, 200, res.body);
    const events = await eventsOfRequest(h, org, res);
    assert.deepEqual(
      events.map((e) => e.object_id).sort(),
      [a.membershipId, b.membershipId].sort(),
    );
    for (const event of events) {
      assertAttribution(event, org, res, "PUT", "/api/v1/membership/");
      assert.equal(event.action, "updated");
      assert.equal(event.data?.role_id, "restricteduser");
      assert.notEqual(event.previous_data?.role_id, "restricteduser");
    }
  });

  test("deactivated: DELETE; previous_data the membership, data null", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const before = await api(h, org.admin.apiKey, "GET", `/membership/${bob.membershipId}/`);
    const res = await api(h, org.admin.apiKey, "DELETE", `/membership/${bob.membershipId}/`);
    assert.equal(res.statusCode, 200, res.body);
    const event = await onlyEventOf(h, org, res);
    assertAttribution(event, org, res, "DELETE", `/api/v1/membership/${bob.membershipId}/`);
    assert.equal(event.action, "deactivated");
    assert.equal(event.object_id, bob.membershipId);
    assert.deepEqual(event.previous_data, before.json());
    assert.equal(event.data, null);
  });

  test("a membership's history reads created → updated → deactivated → activated", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const email = freshEmail();
    const created = await createMembership(h, org.admin.apiKey, email);
    const id = created.json().id;
    await api(h, org.admin.apiKey, "PUT", `/membership/${id}/`, { role_id: "superuser" });
    await api(h, org.admin.apiKey, "DELETE", `/membership/${id}/`);
    await createMembership(h, org.admin.apiKey, email);
    const events = await listEventsOfObject(h.store.db, org.id, id);
    assert.deepEqual(
      events.map((e) => e.action),
      ["created", "updated", "deactivated", "activated"],
    );
    assert.equal(new Set(events.map((e) => e.request_id)).size, 4, "one request each");
  });

  test("through a Bearer token: the token's user and OAuth app, no API key", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const token = await org.token(org.admin);
    const res = await api(h, bearer(token), "DELETE", `/membership/${bob.membershipId}/`);
    assert.equal(res.statusCode, 200, res.body);
    const event = await onlyEventOf(h, org, res);
    assert.equal(event.user_id, org.admin.userId);
    assert.equal(event.api_key_id, null);
    assert.match(String(event.oauth_app_id), /^oa2client_/);
  });

  test("the CLI's provisioning is recorded as the operator: no user, key or request", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const [event] = await listEventsOfObject(h.store.db, org.id, bob.membershipId);
    assert.ok(event);
    assert.equal(event.action, "created");
    assert.equal(event.user_id, null);
    assert.equal(event.api_key_id, null);
    assert.equal(event.request_id, null);
  });
});

describe("membership events — none for no-ops and failures", () => {
  const h = useHarness();

  test("requests that change no membership write no event", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const email = freshEmail();
    const created = await createMembership(h, org.admin.apiKey, email);
    const id = created.json().id;
    const gone = await org.add("user");
    await api(h, org.admin.apiKey, "DELETE", `/membership/${gone.membershipId}/`);
    const noops: Array<() => Promise<LightMyRequestResponse>> = [
      () => createMembership(h, org.admin.apiKey, email, "superuser"),
      () => api(h, org.admin.apiKey, "PUT", `/membership/${id}/`, {}),
      () => api(h, org.admin.apiKey, "PUT", `/membership/${id}/`, { role_id: "user" }),
      () => api(h, org.admin.apiKey, "PUT", `/membership/?id__in=${id}`, { role_id: "user" }),
      () => api(h, org.admin.apiKey, "DELETE", `/membership/${gone.membershipId}/`),
      () =>
        api(h, org.admin.apiKey, "PUT", `/membership/${id}/pinned_views/`, { saved_view_ids: [] }),
      () => api(h, org.admin.apiKey, "PUT", `/organization/${org.id}/`, { name: "Renamed" }),
    ];
    for (const request of noops) {
      const res = await expectNoEvent(h, org, request);
      assert.equal(res.statusCode, 200, res.body);
    }
  });

  test("failed writes write no event, also when they fail after a change was made", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const second = await org.add("admin");
    const user = await org.add("user");
    const gone = await org.add("user");
    await api(h, org.admin.apiKey, "DELETE", `/membership/${gone.membershipId}/`);
    const unrestricted = await createOrg(h);
    const failures: Array<[number, () => Promise<LightMyRequestResponse>]> = [
      // POST: domain, setting, role, validation
      [400, () => createMembership(h, org.admin.apiKey, freshEmail("x", "elsewhere.example"))],
      [403, () => createMembership(h, org.admin.apiKey, freshEmail(), "admin")],
      [400, () => createMembership(h, org.admin.apiKey, "not-an-email")],
      [403, () => createMembership(h, user.apiKey, freshEmail())],
      // PUT one: an inactive member; a body with an unknown field.
      [
        400,
        () =>
          api(h, org.admin.apiKey, "PUT", `/membership/${gone.membershipId}/`, { role_id: "user" }),
      ],
      [
        400,
        () =>
          api(h, org.admin.apiKey, "PUT", `/membership/${user.membershipId}/`, {
            role_id: "user",
            bogus: 1,
          }),
      ],
      // Bulk: the first members are updated before the last one fails.
      [
        400,
        () =>
          api(h, org.admin.apiKey, "PUT", "/membership/", {
            _params: {
              id__in: `${user.membershipId},${second.membershipId},${org.admin.membershipId}`,
            },
            role_id: "restricteduser",
          }),
      ],
      [
        400,
        () =>
          api(h, org.admin.apiKey, "PUT", "/membership/", {
            _params: { id__in: `${user.membershipId},${gone.membershipId}` },
            role_id: "superuser",
          }),
      ],
      [
        404,
        () =>
          api(h, unrestricted.admin.apiKey, "PUT", `/membership/?id__in=${user.membershipId}`, {
            role_id: "admin",
          }),
      ],
    ];
    for (const [status, request] of failures) {
      const res = await expectNothingChanged(h, org, request);
      assert.equal(res.statusCode, status, res.body);
    }
    // DELETE of the last admin: deactivate the second admin first (one event), then fail.
    const ok = await api(h, org.admin.apiKey, "DELETE", `/membership/${second.membershipId}/`);
    assert.equal(ok.statusCode, 200);
    const last = await expectNothingChanged(h, org, () =>
      api(h, org.admin.apiKey, "DELETE", `/membership/${org.admin.membershipId}/`),
    );
    assert.equal(last.statusCode, 400, last.body);
    // PUT one: the last admin demoting themselves — row and event written, then rolled back.
    const demote = await expectNothingChanged(h, org, () =>
      api(h, org.admin.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, {
        role_id: "user",
        auto_record_calls: "enabled",
      }),
    );
    assert.equal(demote.statusCode, 400, demote.body);
  });
});

describe("membership events — stored form", () => {
  const h = useHarness();

  test("an update stores only the changed fields' previous values; a full previous_data row (written before) reads the same", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const before = await api(h, org.admin.apiKey, "GET", `/membership/${bob.membershipId}/`);
    h.clock.advance(1000);
    const res = await api(h, org.admin.apiKey, "PUT", `/membership/${bob.membershipId}/`, {
      role_id: "superuser",
    });
    assert.equal(res.statusCode, 200, res.body);
    const event = await onlyEventOf(h, org, res);
    const row = await h.store.db
      .selectFrom("events")
      .selectAll()
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.previous_data, null);
    const changes = JSON.parse(row.previous_changes ?? "null");
    assert.deepEqual(Object.keys(changes).sort(), event.changed_fields);
    assert.equal(changes.role_id, "user");
    const served = await api(h, org.admin.apiKey, "GET", `/event/${event.id}/`);
    assert.equal(served.statusCode, 200, served.body);
    assert.equal(JSON.stringify(served.json().previous_data), JSON.stringify(before.json()));

    // The same event as rows written before migration 0018 hold it: the whole previous object.
    await h.store.write((tx) =>
      tx
        .updateTable("events")
        .set({ previous_data: JSON.stringify(before.json()), previous_changes: null })
        .where("id", "=", event.id)
        .execute(),
    );
    const old = await api(h, org.admin.apiKey, "GET", `/event/${event.id}/`);
    assert.equal(old.body, served.body);
  });
});

describe("membership events — stamps", () => {
  const h = useHarness();

  test("changes at one clock instant get stamps a microsecond apart, in the order made; a later clock stamps itself", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const roles = ["superuser", "restricteduser", "user", "superuser"];
    for (const role_id of roles) {
      const res = await api(h, org.admin.apiKey, "PUT", `/membership/${bob.membershipId}/`, {
        role_id,
      });
      assert.equal(res.statusCode, 200, res.body);
    }
    const events = (await eventsOfOrg(h, org.id)).filter((e) => e.object_id === bob.membershipId);
    const updates = events.filter((e) => e.action === "updated");
    assert.deepEqual(
      updates.map((e) => e.data?.role_id),
      roles,
    );
    const micros = (stamp: string) =>
      Date.parse(`${stamp.slice(0, 23)}Z`) * 1000 + Number(stamp.slice(23, 26));
    const first = micros(events[0]?.date_created ?? "");
    assert.deepEqual(
      events.map((e) => micros(e.date_created) - first),
      events.map((_, i) => i),
      JSON.stringify(events.map((e) => e.date_created)),
    );
    for (const event of events) assert.match(event.date_created, TIMESTAMP);

    h.clock.advance(5);
    const later = await api(h, org.admin.apiKey, "PUT", `/membership/${bob.membershipId}/`, {
      role_id: "user",
    });
    const last = (await eventsOfOrg(h, org.id)).at(-1);
    assert.equal(last?.request_id, later.headers["x-request-id"]);
    assert.equal(last?.date_created, `${h.clock.now().toISOString().slice(0, 23)}000+00:00`);
  });
});
