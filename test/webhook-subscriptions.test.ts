import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { api } from "./helpers/api.ts";
import { createOrg, useHarness } from "./helpers/harness.ts";

const EVENTS = [{ object_type: "membership", action: "updated" }];
const PUBLIC_URL = "https://203.0.114.10/hooks";

describe("webhook subscriptions: Close's API", () => {
  // Destinations are checked: public IP literals need no DNS; private ones are refused here.
  const h = useHarness();

  test("create → 201 with Close's fields; get, list, update, re-activate, delete", async () => {
    const org = await createOrg(h);
    const created = await api(h, org.admin.apiKey, "POST", "/webhook/", {
      url: PUBLIC_URL,
      events: EVENTS,
    });
    assert.equal(created.statusCode, 201, created.body);
    const sub = created.json();
    assert.deepEqual(Object.keys(sub).sort(), [
      "created_by",
      "date_created",
      "date_updated",
      "events",
      "id",
      "signature_key",
      "status",
      "updated_by",
      "url",
      "verify_ssl",
    ]);
    assert.match(sub.id, /^whsub_[A-Za-z0-9]{22}$/);
    assert.match(sub.signature_key, /^[0-9a-f]{64}$/);
    assert.equal(sub.status, "active");
    assert.equal(sub.verify_ssl, true);
    assert.deepEqual(sub.events, EVENTS);
    assert.equal(sub.created_by, org.admin.userId);

    const got = await api(h, org.admin.apiKey, "GET", `/webhook/${sub.id}/`);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), sub);
    const list = await api(h, org.admin.apiKey, "GET", "/webhook/");
    assert.deepEqual(list.json(), { data: [sub], has_more: false });

    const paused = await api(h, org.admin.apiKey, "PUT", `/webhook/${sub.id}`, {
      status: "paused",
      events: [{ object_type: "membership", action: "created", extra_filter: null }],
      verify_ssl: false,
    });
    assert.equal(paused.statusCode, 200, paused.body);
    assert.equal(paused.json().status, "paused");
    assert.equal(paused.json().verify_ssl, false);
    assert.deepEqual(paused.json().events, [{ object_type: "membership", action: "created" }]);
    const active = await api(h, org.admin.apiKey, "PUT", `/webhook/${sub.id}/`, {
      status: "active",
    });
    assert.equal(active.json().status, "active");
    assert.equal(active.json().signature_key, sub.signature_key);

    const deleted = await api(h, org.admin.apiKey, "DELETE", `/webhook/${sub.id}/`);
    assert.equal(deleted.statusCode, 200);
    assert.deepEqual(deleted.json(), {});
    assert.equal((await api(h, org.admin.apiKey, "GET", `/webhook/${sub.id}/`)).statusCode, 404);
  });

  test("bad input → 400 field-errors, nothing stored", async () => {
    const org = await createOrg(h);
    const cases: Array<[unknown, string]> = [
      [{ url: "ftp://example.com/", events: EVENTS }, "url"],
      [{ url: "not a url", events: EVENTS }, "url"],
      [{ url: PUBLIC_URL, events: [] }, "events"],
      [{ url: PUBLIC_URL, events: [{ object_type: "lead", action: "created" }] }, "events"],
      [{ url: PUBLIC_URL, events: [{ object_type: "membership", action: "merged" }] }, "events"],
      [{ url: PUBLIC_URL, events: [{ object_type: "membership" }] }, "events"],
      [{ url: PUBLIC_URL, events: [{ ...EVENTS[0], extra_filter: { type: "and" } }] }, "events"],
      [{ url: PUBLIC_URL, events: EVENTS, colour: "red" }, "colour"],
      [{ url: PUBLIC_URL, events: EVENTS, verify_ssl: "false" }, "verify_ssl"],
      [{ events: EVENTS }, "url"],
    ];
    for (const [body, field] of cases) {
      const res = await api(h, org.admin.apiKey, "POST", "/webhook/", body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.ok(field in res.json()["field-errors"], `${JSON.stringify(body)} → ${res.body}`);
    }
    const list = await api(h, org.admin.apiKey, "GET", "/webhook/");
    assert.deepEqual(list.json().data, []);
    const created = await api(h, org.admin.apiKey, "POST", "/webhook/", {
      url: PUBLIC_URL,
      events: EVENTS,
    });
    const bad = await api(h, org.admin.apiKey, "PUT", `/webhook/${created.json().id}/`, {
      status: "deleted",
    });
    assert.equal(bad.statusCode, 400);
    assert.ok("status" in bad.json()["field-errors"]);
    // An object type named like an Object property is unknown too, not a 500.
    for (const object_type of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const events = [{ object_type, action: "created" }];
      for (const [method, path] of [
        ["POST", "/webhook/"],
        ["PUT", `/webhook/${created.json().id}/`],
      ] as const) {
        const res = await api(h, org.admin.apiKey, method, path, { url: PUBLIC_URL, events });
        assert.equal(res.statusCode, 400, `${method} ${object_type}: ${res.body}`);
        assert.ok("events" in res.json()["field-errors"], res.body);
      }
    }
  });

  test("at most 40 per organization, also under parallel creates", async () => {
    const org = await createOrg(h);
    const results = await Promise.all(
      Array.from({ length: 45 }, () =>
        api(h, org.admin.apiKey, "POST", "/webhook/", { url: PUBLIC_URL, events: EVENTS }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 40);
    assert.equal(statuses.filter((s) => s === 400).length, 5);
    const page = await api(h, org.admin.apiKey, "GET", "/webhook/?_limit=100");
    assert.equal(page.json().data.length, 40);
  });

  test("members manage their own; admins all; another organization's → 404", async () => {
    const org = await createOrg(h);
    const ann = await org.add("user");
    const cal = await org.add("restricteduser");
    const other = await createOrg(h);
    const create = (key: string) =>
      api(h, key, "POST", "/webhook/", { url: PUBLIC_URL, events: EVENTS });
    const annSub = (await create(ann.apiKey)).json();
    const adminSub = (await create(org.admin.apiKey)).json();
    assert.equal(annSub.created_by, ann.userId);

    const ids = async (key: string) =>
      (await api(h, key, "GET", "/webhook/")).json().data.map((s: { id: string }) => s.id);
    assert.deepEqual(await ids(ann.apiKey), [annSub.id]);
    assert.deepEqual(await ids(cal.apiKey), []);
    assert.deepEqual((await ids(org.admin.apiKey)).sort(), [annSub.id, adminSub.id].sort());
    assert.deepEqual(await ids(other.admin.apiKey), []);

    for (const [key, id] of [
      [ann.apiKey, adminSub.id],
      [cal.apiKey, annSub.id],
      [other.admin.apiKey, annSub.id],
      [other.admin.apiKey, adminSub.id],
    ] as const) {
      for (const [method, body] of [
        ["GET", undefined],
        ["PUT", { status: "paused" }],
        ["DELETE", undefined],
      ] as const) {
        const res = await api(h, key, method, `/webhook/${id}/`, body);
        assert.equal(res.statusCode, 404, `${method} ${id}`);
        assert.deepEqual(Object.keys(res.json()), ["error"]);
      }
      const log = await api(h, key, "GET", `/webhook/${id}/delivery/`);
      assert.equal(log.statusCode, 404);
    }
    // The admin manages a member's subscription.
    const paused = await api(h, org.admin.apiKey, "PUT", `/webhook/${annSub.id}/`, {
      status: "paused",
    });
    assert.equal(paused.statusCode, 200);
    assert.equal(paused.json().updated_by, org.admin.userId);
    assert.equal((await api(h, undefined, "GET", "/webhook/")).statusCode, 401);
  });

  test("SSRF: loopback, private, link-local, metadata and names resolving to them are refused", async () => {
    const org = await createOrg(h);
    for (const url of [
      "http://127.0.0.1:8080/",
      "http://10.1.2.3/",
      "http://192.168.1.1/",
      "http://172.16.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[fe80::1]/",
      "http://[fd00:ec2::254]/",
      "http://0.0.0.0/",
      "http://localhost:9/",
    ]) {
      const res = await api(h, org.admin.apiKey, "POST", "/webhook/", { url, events: EVENTS });
      assert.equal(res.statusCode, 400, url);
      assert.ok("url" in res.json()["field-errors"], `${url}: ${res.body}`);
    }
  });
});

describe("webhook subscriptions with ROSTER_WEBHOOK_ALLOW_PRIVATE=true", () => {
  const h = useHarness({ ROSTER_WEBHOOK_ALLOW_PRIVATE: "true" });

  test("loopback and private are allowed; link-local and metadata never", async () => {
    const org = await createOrg(h);
    for (const url of ["http://127.0.0.1:8080/", "http://10.1.2.3/", "http://localhost:9/"]) {
      const res = await api(h, org.admin.apiKey, "POST", "/webhook/", { url, events: EVENTS });
      assert.equal(res.statusCode, 201, `${url}: ${res.body}`);
    }
    for (const url of [
      "http://169.254.169.254/",
      "http://169.254.10.10/",
      "http://[fe80::1]/",
      "http://[fd00:ec2::254]/",
    ]) {
      const res = await api(h, org.admin.apiKey, "POST", "/webhook/", { url, events: EVENTS });
      assert.equal(res.statusCode, 400, url);
    }
  });
});
