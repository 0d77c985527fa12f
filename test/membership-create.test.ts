import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addMember, createKey, revokeKey } from "../src/operations/provisioning.ts";
import { listEventsOfObject } from "../src/store/events.ts";
import {
  allowCreate,
  api,
  createMembership,
  customRoleOf,
  DOMAIN,
  freshEmail,
  predefinedRoleIdOf,
  userByEmail,
  userById,
  userCount,
} from "./helpers/api.ts";
import {
  assertDefaultSettings,
  assertErrorBody,
  assertFieldErrors,
  MEMBERSHIP_FIELDS,
  membershipRow,
  snapshotOrg,
  TIMESTAMP,
} from "./helpers/assertions.ts";
import {
  bearer,
  createOrg,
  type Harness,
  type Org,
  sendRaw,
  useHarness,
} from "./helpers/harness.ts";
import { assertUnauthorized, setActive } from "./helpers/security.ts";

/** Runs `request` and proves it changed nothing: organization, memberships, events, users. */
async function expectNothingChanged(h: Harness, org: Org, request: () => Promise<void>) {
  const before = await snapshotOrg(h, org.id);
  const users = await userCount(h);
  await request();
  assert.deepEqual(await snapshotOrg(h, org.id), before, "the refused request changed nothing");
  assert.equal(await userCount(h), users, "no user was created");
}

describe("POST /api/v1/membership/ — create", () => {
  const h = useHarness();

  test("an unknown email gets a new user and an active membership with Close's defaults", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const email = freshEmail("new");
    const users = await userCount(h);
    const res = await createMembership(h, org.admin.apiKey, email, "user");
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), MEMBERSHIP_FIELDS);
    assert.match(body.id, /^memb_[A-Za-z0-9]{43}$/);
    assert.match(body.user_id, /^user_[A-Za-z0-9]{43}$/);
    assert.equal(body.organization_id, org.id);
    assert.equal(body.role_id, "user");
    assert.equal(body.role, "user");
    assert.equal(body.permissions_granted.length, 13);
    assert.deepEqual(body.permissions_granted, [...body.permissions_granted].sort());
    assertDefaultSettings(body);
    assert.match(body.date_created, TIMESTAMP);
    assert.match(body.date_updated, TIMESTAMP);

    assert.equal(await userCount(h), users + 1);
    const user = await userById(h, body.user_id);
    assert.equal(user.email, email);
    const row = await membershipRow(h, body.id);
    assert.equal(row?.active, 1);
    const listed = await api(h, org.admin.apiKey, "GET", `/user/${body.user_id}/`);
    assert.equal(listed.statusCode, 200, "the new user is visible to the organization");
    assert.equal(listed.json().email, email);
    const events = await listEventsOfObject(h.store.db, org.id, body.id);
    assert.deepEqual(
      events.map((e) => e.action),
      ["created"],
    );
  });

  test("accepts every role without manage_organization: slugs, role_... IDs, custom roles", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const counts = { restricteduser: 5, user: 13, superuser: 19 };
    for (const [slug, count] of Object.entries(counts)) {
      const bySlug = await createMembership(h, org.admin.apiKey, freshEmail(slug), slug);
      assert.equal(bySlug.statusCode, 200, bySlug.body);
      assert.equal(bySlug.json().role_id, slug);
      assert.equal(bySlug.json().permissions_granted.length, count);
      const roleId = await predefinedRoleIdOf(h, org.id, slug);
      const byId = await createMembership(h, org.admin.apiKey, freshEmail(slug), roleId);
      assert.equal(byId.statusCode, 200, byId.body);
      assert.equal(byId.json().role_id, slug, "a predefined role's ID is stored as its slug");
      assert.equal(byId.json().role, slug);
    }
    const custom = await customRoleOf(h, org, ["calling", "export"]);
    const res = await createMembership(h, org.admin.apiKey, freshEmail("custom"), custom);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().role_id, custom);
    assert.equal(res.json().role, custom);
    assert.deepEqual(res.json().permissions_granted, ["calling", "export", "view_all_leads"]);
  });

  test("emails are compared case-insensitively and stored lower-case with a punycode domain", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org, ["Bücher.Example"]);
    const local = `Ann.Lee-${Date.now()}`;
    const res = await createMembership(h, org.admin.apiKey, `${local}@BÜCHER.example`);
    assert.equal(res.statusCode, 200, res.body);
    const stored = `${local.toLowerCase()}@xn--bcher-kva.example`;
    assert.equal((await userById(h, res.json().user_id)).email, stored);

    const eventsBefore = await listEventsOfObject(h.store.db, org.id, res.json().id);
    for (const variant of [
      `${local.toUpperCase()}@bücher.example`,
      stored,
      `  ${local}@XN--BCHER-KVA.EXAMPLE  `,
    ]) {
      const again = await createMembership(h, org.admin.apiKey, variant);
      assert.equal(again.statusCode, 200, `${variant}: ${again.body}`);
      assert.equal(again.json().id, res.json().id, variant);
      assert.deepEqual(again.json(), res.json(), `${variant}: returned unchanged`);
    }
    assert.deepEqual(
      await listEventsOfObject(h.store.db, org.id, res.json().id),
      eventsBefore,
      "returning an active membership records nothing",
    );
  });

  test("a user known from another organization joins without a second user", async () => {
    const first = await createOrg(h);
    await allowCreate(h, first);
    const email = freshEmail("shared");
    const one = await createMembership(h, first.admin.apiKey, email);
    assert.equal(one.statusCode, 200, one.body);

    const second = await createOrg(h);
    await allowCreate(h, second);
    const users = await userCount(h);
    const two = await createMembership(h, second.admin.apiKey, email.toUpperCase(), "superuser");
    assert.equal(two.statusCode, 200, two.body);
    assert.equal(two.json().user_id, one.json().user_id);
    assert.notEqual(two.json().id, one.json().id);
    assert.equal(two.json().organization_id, second.id);
    assert.equal(two.json().role_id, "superuser");
    assert.equal(await userCount(h), users, "no second user");
    assert.equal((await membershipRow(h, one.json().id))?.role_id, "user", "first org untouched");
  });

  test("an active member is returned unchanged, even when another role is asked for", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const email = freshEmail("active");
    const created = await createMembership(h, org.admin.apiKey, email, "user");
    assert.equal(created.statusCode, 200);
    h.clock.advance(5000);
    await expectNothingChanged(h, org, async () => {
      const res = await createMembership(h, org.admin.apiKey, email, "restricteduser");
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), created.json());
    });
  });

  test("an inactive member is re-activated with the given role; their old key stays revoked", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org, [DOMAIN, "example.com"]);
    const member = await org.add("user");
    const email = (await userById(h, member.userId)).email;
    const settings = await api(h, org.admin.apiKey, "PUT", `/membership/${member.membershipId}/`, {
      auto_record_calls: "enabled",
      track_email_opens: false,
    });
    assert.equal(settings.statusCode, 200, settings.body);
    const removed = await api(h, org.admin.apiKey, "DELETE", `/membership/${member.membershipId}/`);
    assert.equal(removed.statusCode, 200, removed.body);
    h.clock.advance(5000);

    const res = await createMembership(h, org.admin.apiKey, email, "superuser");
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.id, member.membershipId, "the same membership comes back");
    assert.equal(body.user_id, member.userId);
    assert.equal(body.role_id, "superuser");
    assert.ok(body.permissions_granted.includes("export"));
    assert.notEqual(body.date_updated, body.date_created);
    assert.equal(body.auto_record_calls, "enabled", "the member's other settings are kept");
    assert.equal(body.track_email_opens, false);
    assert.equal((await membershipRow(h, member.membershipId))?.active, 1);

    const organization = await api(h, org.admin.apiKey, "GET", `/organization/${org.id}/`);
    const active = organization.json().memberships.map((m: { id: string }) => m.id);
    const inactive = organization.json().inactive_memberships.map((m: { id: string }) => m.id);
    assert.ok(active.includes(member.membershipId));
    assert.ok(!inactive.includes(member.membershipId));

    const events = await listEventsOfObject(h.store.db, org.id, member.membershipId);
    assert.deepEqual(
      events.map((e) => e.action),
      ["created", "updated", "deactivated", "activated"],
    );
    const stale = await api(h, member.apiKey, "GET", "/me/");
    assertUnauthorized(stale, "a key revoked at deactivation is not revived");
  });

  test("re-activation by another email case finds the same membership", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const email = freshEmail("back");
    const created = await createMembership(h, org.admin.apiKey, email, "user");
    await api(h, org.admin.apiKey, "DELETE", `/membership/${created.json().id}/`);
    const users = await userCount(h);
    const res = await createMembership(h, org.admin.apiKey, email.toUpperCase(), "restricteduser");
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().id, created.json().id);
    assert.equal(res.json().role_id, "restricteduser");
    assert.equal(await userCount(h), users);
  });

  test("concurrent creates of one new email give one user, one membership, one event", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const email = freshEmail("race");
    const results = await Promise.all(
      Array.from({ length: 6 }, () => createMembership(h, org.admin.apiKey, email)),
    );
    for (const res of results) assert.equal(res.statusCode, 200, res.body);
    const ids = new Set(results.map((r) => r.json().id));
    assert.equal(ids.size, 1);
    const user = await userByEmail(h, email);
    assert.ok(user);
    const [id] = [...ids] as [string];
    assert.equal((await listEventsOfObject(h.store.db, org.id, id)).length, 1);
  });

  test("organizations adding one new email at once share one user", async () => {
    // Only one organization can own the domain; the others enrol the person as the operator
    // does (`roster member add`), at the same moment.
    const [org, ...others] = await Promise.all([createOrg(h), createOrg(h), createOrg(h)]);
    await allowCreate(h, org);
    const email = freshEmail("both");
    const [created, ...added] = await Promise.all([
      createMembership(h, org.admin.apiKey, email),
      ...others.map((other) =>
        h.store.write((tx) => addMember(tx, other.id, { email, role: "user" }, h.clock.now())),
      ),
    ]);
    assert.equal(created.statusCode, 200, created.body);
    const userIds = new Set([created.json().user_id, ...added.map((a) => a.user_id)]);
    assert.equal(userIds.size, 1);
  });

  test("_fields trims the response", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const res = await api(h, org.admin.apiKey, "POST", "/membership/?_fields=id,role_id,bogus", {
      email: freshEmail(),
      role_id: "user",
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(Object.keys(res.json()).sort(), ["id", "role_id"]);
  });
});

describe("POST /api/v1/membership/ — refused, nothing changes", () => {
  const h = useHarness();

  test("the organization does not restrict new users to verified domains → 403", async () => {
    const org = await createOrg(h);
    await expectNothingChanged(h, org, async () => {
      const res = await createMembership(h, org.admin.apiKey, freshEmail());
      assert.equal(res.statusCode, 403, res.body);
      assertErrorBody(res);
    });
    // Verified domains alone are not enough: the switch must be on.
    const put = await api(h, org.admin.apiKey, "PUT", `/organization/${org.id}/`, {
      verified_email_domains: [DOMAIN],
    });
    assert.equal(put.statusCode, 200);
    await expectNothingChanged(h, org, async () => {
      const res = await createMembership(h, org.admin.apiKey, freshEmail());
      assert.equal(res.statusCode, 403, res.body);
      assertErrorBody(res);
    });
    // Switched off again after having been on.
    await allowCreate(h, org);
    await api(h, org.admin.apiKey, "PUT", `/organization/${org.id}/`, {
      restrict_new_users_to_verified_domains: false,
    });
    await expectNothingChanged(h, org, async () => {
      const res = await createMembership(h, org.admin.apiKey, freshEmail());
      assert.equal(res.statusCode, 403, res.body);
    });
  });

  test("an email whose domain is not verified → 400 on email", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org, [DOMAIN, "bücher.example"]);
    for (const email of [
      freshEmail("other", "example.org"),
      freshEmail("sub", `mail.${DOMAIN}`),
      freshEmail("suffix", `${DOMAIN}.evil.com`),
      freshEmail("prefix", `x${DOMAIN}`),
      freshEmail("lookalike", "bucher.example"),
    ]) {
      await expectNothingChanged(h, org, async () => {
        const res = await createMembership(h, org.admin.apiKey, email);
        assertFieldErrors(res, ["email"], email);
      });
    }
  });

  test("an email that is not an email → 400 on email", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    for (const email of [
      "not-an-email",
      `nobody.${DOMAIN}`,
      `@${DOMAIN}`,
      "bob@",
      `two@@${DOMAIN}`,
      `sp ace@${DOMAIN}`,
      "bob@acme",
      "",
      "ab",
      `${"x".repeat(250)}@${DOMAIN}`,
    ]) {
      await expectNothingChanged(h, org, async () => {
        const res = await createMembership(h, org.admin.apiKey, email);
        assertFieldErrors(res, ["email"], JSON.stringify(email));
      });
    }
    for (const email of [5, null, true, ["a@acme.test"], { email: "a@acme.test" }]) {
      await expectNothingChanged(h, org, async () => {
        const res = await api(h, org.admin.apiKey, "POST", "/membership/", {
          email,
          role_id: "user",
        });
        assertFieldErrors(res, ["email"], JSON.stringify(email));
      });
    }
  });

  test("a role that grants manage_organization → 403", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const adminRoleId = await predefinedRoleIdOf(h, org.id, "admin");
    const customAdmin = await customRoleOf(h, org, ["manage_organization", "calling"]);
    for (const role of ["admin", adminRoleId, customAdmin]) {
      await expectNothingChanged(h, org, async () => {
        const res = await createMembership(h, org.admin.apiKey, freshEmail(), role);
        assert.equal(res.statusCode, 403, `${role}: ${res.body}`);
        assertErrorBody(res, role);
      });
    }
  });

  test("re-activating a former member as admin → 403, they stay inactive", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const email = freshEmail("former");
    const created = await createMembership(h, org.admin.apiKey, email);
    await api(h, org.admin.apiKey, "DELETE", `/membership/${created.json().id}/`);
    await expectNothingChanged(h, org, async () => {
      const res = await createMembership(h, org.admin.apiKey, email, "admin");
      assert.equal(res.statusCode, 403, res.body);
    });
    assert.equal((await membershipRow(h, created.json().id))?.active, 0);
  });

  test("an unknown role, or another organization's role → 400 on role_id", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const other = await createOrg(h);
    const foreignCustom = await customRoleOf(h, other, ["calling"]);
    const foreignPredefined = await predefinedRoleIdOf(h, other.id, "user");
    for (const role of [
      "manager",
      "Admin",
      "USER",
      `role_${"0".repeat(43)}`,
      foreignCustom,
      foreignPredefined,
    ]) {
      await expectNothingChanged(h, org, async () => {
        const res = await createMembership(h, org.admin.apiKey, freshEmail(), role);
        assertFieldErrors(res, ["role_id"], role);
      });
    }
  });

  test("missing, unknown and mistyped fields → 400 naming each, and only those", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const cases: Array<[unknown, string[]]> = [
      [{}, ["email", "role_id"]],
      [{ email: freshEmail() }, ["role_id"]],
      [{ role_id: "user" }, ["email"]],
      [{ email: freshEmail(), role_id: "user", first_name: "Ann" }, ["first_name"]],
      [{ email: freshEmail(), role_id: "user", active: true }, ["active"]],
      [{ email: 5, role_id: "user", extra: 1 }, ["email", "extra"]],
      [{ email: freshEmail(), role_id: 7 }, ["role_id"]],
      [{ email: freshEmail(), role_id: "" }, ["role_id"]],
      [{ email: freshEmail(), role_id: null }, ["role_id"]],
    ];
    for (const [body, fields] of cases) {
      await expectNothingChanged(h, org, async () => {
        const res = await api(h, org.admin.apiKey, "POST", "/membership/", body);
        assertFieldErrors(res, fields, JSON.stringify(body));
      });
    }
  });

  test("a body that is not a JSON object, not JSON, or not sent as JSON → 400 / 415", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    for (const body of [[], "x", 5, null]) {
      await expectNothingChanged(h, org, async () => {
        const res = await api(h, org.admin.apiKey, "POST", "/membership/", body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
        assertErrorBody(res);
      });
    }
    const raw: Array<[string, string, number]> = [
      [`{"email": "${freshEmail()}", "role_id": "user"`, "application/json", 400],
      [JSON.stringify({ email: freshEmail(), role_id: "user" }), "text/plain", 415],
    ];
    for (const [payload, contentType, status] of raw) {
      await expectNothingChanged(h, org, async () => {
        const res = await sendRaw(
          h,
          org.admin.apiKey,
          "POST",
          "/api/v1/membership/",
          payload,
          contentType,
        );
        assert.equal(res.statusCode, status, res.body);
        assertErrorBody(res);
      });
    }
  });
});

describe("POST /api/v1/membership/ — security", () => {
  const h = useHarness();

  test("no or bad credentials → 401 with WWW-Authenticate, nothing created", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const [keyId] = org.admin.apiKey.split(".");
    for (const auth of [undefined, `${keyId}.wrong`, bearer("oa2at_x.y"), "Basic !!!"]) {
      await expectNothingChanged(h, org, async () => {
        const res = await createMembership(h, auth as string, freshEmail());
        assertUnauthorized(res, String(auth));
      });
    }
  });

  test("callers without manage_organization → 403, nothing created", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    for (const role of ["restricteduser", "user", "superuser"]) {
      const caller = await org.add(role);
      await expectNothingChanged(h, org, async () => {
        const res = await createMembership(h, caller.apiKey, freshEmail(), "restricteduser");
        assert.equal(res.statusCode, 403, `${role}: ${res.body}`);
        assertErrorBody(res, role);
      });
    }
    const custom = await org.add(await customRoleOf(h, org, ["manage_organization"]));
    const allowed = await createMembership(h, custom.apiKey, freshEmail());
    assert.equal(allowed.statusCode, 200, "a custom role with manage_organization may add members");
  });

  test("a revoked key, or the key and token of an inactive membership → 401", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const { id, api_key } = await h.store.write((tx) =>
      createKey(tx, org.admin.membershipId, h.clock.now()),
    );
    assert.equal((await createMembership(h, api_key, freshEmail())).statusCode, 200);
    await h.store.write((tx) => revokeKey(tx, id, h.clock.now()));
    await expectNothingChanged(h, org, async () => {
      assertUnauthorized(await createMembership(h, api_key, freshEmail()), "revoked");
    });

    const caller = await org.add("admin");
    const token = await org.token(caller);
    await setActive(h, caller.membershipId, false);
    await expectNothingChanged(h, org, async () => {
      assertUnauthorized(await createMembership(h, caller.apiKey, freshEmail()), "inactive key");
      assertUnauthorized(await createMembership(h, bearer(token), freshEmail()), "inactive token");
    });
  });

  test("a Bearer token works and the member lands in the token's organization only", async () => {
    const org = await createOrg(h);
    await allowCreate(h, org);
    const other = await createOrg(h);
    await allowCreate(h, other, ["other.test"]);
    const token = await org.token(org.admin);
    const before = await snapshotOrg(h, other.id);
    const res = await createMembership(h, bearer(token), freshEmail());
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().organization_id, org.id);
    assert.deepEqual(await snapshotOrg(h, other.id), before);
  });
});
