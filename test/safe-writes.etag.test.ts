import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { allowCreate, customRoleOf, eventsOfOrg, freshEmail } from "./helpers/api.ts";
import { assertError, snapshotOrg } from "./helpers/assertions.ts";
import { createOrg, useHarness } from "./helpers/harness.ts";
import { etagOf, send } from "./helpers/safe-writes.ts";

const STRONG_TAG = /^"[A-Za-z0-9_-]{43}"$/;

describe("ETag, If-Match and If-None-Match", () => {
  const h = useHarness();

  test("membership, role and organization answers carry a strong ETag; a write's tag is the next read's", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const key = org.admin.apiKey;
    const read = await send(h, key, "GET", `/membership/${member.membershipId}/`);
    assert.match(etagOf(read), STRONG_TAG);
    assert.equal(
      etagOf(await send(h, key, "GET", `/membership/${member.membershipId}/`)),
      etagOf(read),
    );
    h.clock.advance(1000);
    const written = await send(h, key, "PUT", `/membership/${member.membershipId}/`, {
      body: { role_id: "superuser", auto_record_calls: "enabled" },
    });
    assert.equal(written.statusCode, 200, written.body);
    assert.notEqual(etagOf(written), etagOf(read));
    const reread = await send(h, key, "GET", `/membership/${member.membershipId}/`);
    assert.equal(etagOf(reread), etagOf(written), "the write's tag is the stored object's");
    // `_fields` trims the body, not the version: the tag is the same.
    const trimmed = await send(h, key, "GET", `/membership/${member.membershipId}/?_fields=id`);
    assert.equal(etagOf(trimmed), etagOf(written));

    const roleId = await customRoleOf(h, org, ["calling"]);
    const role = await send(h, key, "GET", `/role/${roleId}/`);
    assert.match(etagOf(role), STRONG_TAG);
    const roleWrite = await send(h, key, "PUT", `/role/${roleId}/`, { body: { name: "Renamed" } });
    assert.equal(etagOf(roleWrite), etagOf(await send(h, key, "GET", `/role/${roleId}/`)));

    const organization = await send(h, key, "GET", `/organization/${org.id}/`);
    assert.match(etagOf(organization), STRONG_TAG);
    const orgWrite = await send(h, key, "PUT", `/organization/${org.id}/`, {
      body: { name: "New" },
    });
    assert.equal(etagOf(orgWrite), etagOf(await send(h, key, "GET", `/organization/${org.id}/`)));
    assert.notEqual(etagOf(orgWrite), etagOf(organization));
  });

  test("editing a custom role changes the ETag of every member on it (their permissions_granted)", async () => {
    const org = await createOrg(h);
    const roleId = await customRoleOf(h, org, ["calling"]);
    const member = await org.add(roleId);
    const key = org.admin.apiKey;
    const before = etagOf(await send(h, key, "GET", `/membership/${member.membershipId}/`));
    const edit = await send(h, key, "PUT", `/role/${roleId}/`, {
      body: { permissions: ["calling", "export", "view_all_leads"] },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const after = await send(h, key, "GET", `/membership/${member.membershipId}/`);
    assert.notEqual(etagOf(after), before);
    const stale = await send(h, key, "PUT", `/membership/${member.membershipId}/`, {
      body: { auto_record_calls: "enabled" },
      headers: { "if-match": before },
    });
    assertError(stale, 412);
  });

  test("If-None-Match: 304 with no body while current, 200 once the object changed", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const key = org.admin.apiKey;
    const path = `/membership/${member.membershipId}/`;
    const tag = etagOf(await send(h, key, "GET", path));
    const current = await send(h, key, "GET", path, { headers: { "if-none-match": tag } });
    assert.equal(current.statusCode, 304);
    assert.equal(current.body, "");
    assert.equal(current.headers.etag, tag);
    assert.equal(current.headers["content-type"], undefined);
    const listed = await send(h, key, "GET", path, {
      headers: { "if-none-match": `"other", W/${tag}` },
    });
    assert.equal(listed.statusCode, 304, "a weak or listed tag matches too");
    const other = await send(h, key, "GET", path, { headers: { "if-none-match": '"other"' } });
    assert.equal(other.statusCode, 200);
    assert.equal(other.json().id, member.membershipId);
    h.clock.advance(1000);
    await send(h, key, "PUT", path, { body: { track_email_opens: false } });
    const changed = await send(h, key, "GET", path, { headers: { "if-none-match": tag } });
    assert.equal(changed.statusCode, 200);
    for (const resource of [
      `/organization/${org.id}/`,
      `/role/${await customRoleOf(h, org, [])}/`,
    ]) {
      const first = await send(h, key, "GET", resource);
      const again = await send(h, key, "GET", resource, {
        headers: { "if-none-match": etagOf(first) },
      });
      assert.equal(again.statusCode, 304, resource);
    }
  });

  test("If-Match: the current tag writes, a stale one is 412 and changes nothing, * matches any", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const key = org.admin.apiKey;
    const path = `/membership/${member.membershipId}/`;
    const tag = etagOf(await send(h, key, "GET", path));
    h.clock.advance(1000);
    const first = await send(h, key, "PUT", path, {
      body: { role_id: "superuser" },
      headers: { "if-match": tag },
    });
    assert.equal(first.statusCode, 200, first.body);
    const before = await snapshotOrg(h, org.id, { roles: true });
    h.clock.advance(1000);
    const stale = await send(h, key, "PUT", path, {
      body: { role_id: "restricteduser" },
      headers: { "if-match": tag },
    });
    assertError(stale, 412);
    assert.equal(stale.headers.etag, undefined);
    assert.deepEqual(await snapshotOrg(h, org.id, { roles: true }), before, "nothing changed");
    const listed = await send(h, key, "PUT", path, {
      body: { role_id: "restricteduser" },
      headers: { "if-match": `"nope", ${etagOf(first)}` },
    });
    assert.equal(listed.statusCode, 200, listed.body);
    const any = await send(h, key, "PUT", path, {
      body: { role_id: "user" },
      headers: { "if-match": "*" },
    });
    assert.equal(any.statusCode, 200, any.body);
    const missing = await send(h, key, "PUT", "/membership/memb_missing/", {
      body: {},
      headers: { "if-match": "*" },
    });
    assertError(missing, 404);
  });

  test("If-Match on delete, role update and delete, and organization update", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const key = org.admin.apiKey;
    const created = await send(h, key, "POST", "/membership/", {
      body: { email: freshEmail(), role_id: "user" },
    });
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json().id as string;
    const tag = etagOf(created);
    h.clock.advance(1000);
    await send(h, key, "PUT", `/membership/${id}/`, { body: { track_email_opens: false } });
    assertError(
      await send(h, key, "DELETE", `/membership/${id}/`, { headers: { "if-match": tag } }),
      412,
    );
    const fresh = etagOf(await send(h, key, "GET", `/membership/${id}/`));
    const deleted = await send(h, key, "DELETE", `/membership/${id}/`, {
      headers: { "if-match": fresh },
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.equal(deleted.body, "{}");

    const roleId = await customRoleOf(h, org, ["calling"]);
    const roleTag = etagOf(await send(h, key, "GET", `/role/${roleId}/`));
    await send(h, key, "PUT", `/role/${roleId}/`, { body: { name: "Changed meanwhile" } });
    assertError(
      await send(h, key, "PUT", `/role/${roleId}/`, {
        body: { name: "Mine" },
        headers: { "if-match": roleTag },
      }),
      412,
    );
    assertError(
      await send(h, key, "DELETE", `/role/${roleId}/`, { headers: { "if-match": roleTag } }),
      412,
    );
    const roleNow = etagOf(await send(h, key, "GET", `/role/${roleId}/`));
    const roleDeleted = await send(h, key, "DELETE", `/role/${roleId}/`, {
      headers: { "if-match": roleNow },
    });
    assert.equal(roleDeleted.statusCode, 200, roleDeleted.body);

    const orgTag = etagOf(await send(h, key, "GET", `/organization/${org.id}/`));
    // A member joining changes the organization (it lists its members).
    await org.add("user");
    assertError(
      await send(h, key, "PUT", `/organization/${org.id}/`, {
        body: { name: "Mine" },
        headers: { "if-match": orgTag },
      }),
      412,
    );
    const orgNow = etagOf(await send(h, key, "GET", `/organization/${org.id}/`));
    const orgWrite = await send(h, key, "PUT", `/organization/${org.id}/`, {
      body: { name: "Mine" },
      headers: { "if-match": orgNow },
    });
    assert.equal(orgWrite.statusCode, 200, orgWrite.body);
  });

  test("a refused If-Match write records no event", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const key = org.admin.apiKey;
    const events = (await eventsOfOrg(h, org.id)).length;
    assertError(
      await send(h, key, "PUT", `/membership/${member.membershipId}/`, {
        body: { role_id: "superuser" },
        headers: { "if-match": '"not-the-tag"' },
      }),
      412,
    );
    assert.equal((await eventsOfOrg(h, org.id)).length, events);
  });

  test("If-Match where no single version exists (bulk update, pinned views) is a 400", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const key = org.admin.apiKey;
    const bulk = await send(h, key, "PUT", `/membership/?id__in=${member.membershipId}`, {
      body: { role_id: "superuser" },
      headers: { "if-match": "*" },
    });
    assertError(bulk, 400);
    const pinned = await send(
      h,
      member.apiKey,
      "PUT",
      `/membership/${member.membershipId}/pinned_views/`,
      {
        body: { saved_view_ids: [] },
        headers: { "if-match": "*" },
      },
    );
    assertError(pinned, 400);
    const row = await send(h, key, "GET", `/membership/${member.membershipId}/`);
    assert.equal(row.json().role_id, "user", "the refused bulk update changed nothing");
  });
});
