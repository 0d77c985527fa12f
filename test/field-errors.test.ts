import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { allowCreate, api, DOMAIN, freshEmail } from "./helpers/api.ts";
import { assertFieldErrors, snapshotOrg } from "./helpers/assertions.ts";
import { createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";

/**
 * One 400 names every bad field of a write: the fields that fail their schema and, beside
 * them, the fields that pass it but fail a later check (a role that does not exist, a taken
 * name, an unverified domain, an event Roster does not emit). Nothing changes.
 */

/** Runs `request`, asserts its 400 names exactly `fields`, and that nothing was written. */
async function refusedWith(
  h: Harness,
  org: Org,
  fields: string[],
  request: () => Promise<LightMyRequestResponse>,
  label: string,
): Promise<Record<string, string>> {
  const before = await snapshotOrg(h, org.id, { roles: true });
  const webhooks = await h.store.db.selectFrom("webhook_subscriptions").selectAll().execute();
  const res = await request();
  const errors = assertFieldErrors(res, fields, label);
  assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before, `${label}: changed`);
  assert.deepEqual(
    await h.store.db.selectFrom("webhook_subscriptions").selectAll().execute(),
    webhooks,
    `${label}: a subscription changed`,
  );
  return errors;
}

describe("every bad field in one 400, on every write", () => {
  const h = useHarness({ ROSTER_WEBHOOK_ALLOW_PRIVATE: "true" });

  test("POST /membership/: an unverified domain and an unknown role, with or without a schema error", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const auth = org.admin.apiKey;
    const both = await refusedWith(
      h,
      org,
      ["email", "role_id"],
      () =>
        api(h, auth, "POST", "/membership/", {
          email: freshEmail("x", "elsewhere.test"),
          role_id: "god",
        }),
      "later checks only",
    );
    assert.equal(both.role_id, "Role does not exist.");
    await refusedWith(
      h,
      org,
      ["email", "role_id", "bogus"],
      () =>
        api(h, auth, "POST", "/membership/", {
          email: freshEmail("x", "elsewhere.test"),
          role_id: "god",
          bogus: 1,
        }),
      "with a schema error",
    );
    // A valid email and role beside a schema error: only the schema's error.
    await refusedWith(
      h,
      org,
      ["bogus"],
      () =>
        api(h, auth, "POST", "/membership/", {
          email: freshEmail("ok", DOMAIN),
          role_id: "user",
          bogus: 1,
        }),
      "good fields stay quiet",
    );
  });

  test("POST and PUT /role/: a taken name and an unknown permission beside a schema error", async () => {
    const org = await createOrg(h);
    const auth = org.admin.apiKey;
    const taken = await api(h, auth, "POST", "/role/", {
      name: "Callers",
      permissions: ["view_all_leads"],
    });
    assert.equal(taken.statusCode, 201, taken.body);
    const created = await refusedWith(
      h,
      org,
      ["name", "permissions", "visibility_user_lcf_behavior"],
      () =>
        api(h, auth, "POST", "/role/", {
          name: "callers",
          permissions: ["fly"],
          visibility_user_lcf_behavior: 5,
        }),
      "create",
    );
    assert.equal(created.name, "A role with this name already exists.");
    const other = await api(h, auth, "POST", "/role/", {
      name: "Other",
      permissions: ["view_all_leads"],
    });
    assert.equal(other.statusCode, 201, other.body);
    await refusedWith(
      h,
      org,
      ["name", "permissions", "bogus"],
      () =>
        api(h, auth, "PUT", `/role/${other.json().id}/`, {
          name: "CALLERS",
          permissions: ["fly", "view_all_leads"],
          bogus: true,
        }),
      "update",
    );
    // Its own name is not taken.
    await refusedWith(
      h,
      org,
      ["bogus"],
      () => api(h, auth, "PUT", `/role/${other.json().id}/`, { name: "other", bogus: true }),
      "own name",
    );
  });

  test("PUT /organization/{id}/: a blank name and a bad domain beside a schema error", async () => {
    const org = await createOrg(h);
    await refusedWith(
      h,
      org,
      ["name", "verified_email_domains", "restrict_new_users_to_verified_domains"],
      () =>
        api(h, org.admin.apiKey, "PUT", `/organization/${org.id}/`, {
          name: "   ",
          verified_email_domains: ["not a domain!"],
          restrict_new_users_to_verified_domains: "maybe",
        }),
      "organization",
    );
  });

  test("POST and PUT /webhook/: an event Roster does not emit beside a schema error", async () => {
    const org = await createOrg(h);
    const auth = org.admin.apiKey;
    const events = [{ object_type: "membership", action: "exploded" }];
    await refusedWith(
      h,
      org,
      ["events", "verify_ssl"],
      () =>
        api(h, auth, "POST", "/webhook/", {
          url: "http://127.0.0.1:9/hook",
          events,
          verify_ssl: "maybe",
        }),
      "create",
    );
    const good = await api(h, auth, "POST", "/webhook/", {
      url: "http://127.0.0.1:9/hook",
      events: [{ object_type: "membership", action: "updated" }],
    });
    assert.equal(good.statusCode, 201, good.body);
    await refusedWith(
      h,
      org,
      ["events", "status"],
      () => api(h, auth, "PUT", `/webhook/${good.json().id}/`, { events, status: "asleep" }),
      "update",
    );
  });
});
