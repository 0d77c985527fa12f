import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { systemClock } from "../src/domain/time.ts";
import { verifyDomain } from "../src/domains/ownership.ts";
import { openStore } from "../src/store/open.ts";
import { api, createMembership } from "./helpers/api.ts";
import { assertFieldErrors } from "./helpers/assertions.ts";
import { createSharedDatabase, type TestDatabase } from "./helpers/backend.ts";
import { startDnsServer } from "./helpers/dns-server.ts";
import { createOrg, type Harness, type Org, useHarness } from "./helpers/harness.ts";
import { runCli } from "./helpers/server-process.ts";

/**
 * Proof of domain ownership (docs/compatibility.md, Email domains): a domain an admin adds is
 * pending until a DNS TXT record proves it (looked up from a real DNS server on a free port)
 * or the operator verifies it; one organization per verified domain; public mail domains
 * never; and what an organization sees of a person another organization also knows.
 */

const dns = await startDnsServer();
after(() => dns.close());

let counter = 0;
/** A domain no other test of the file uses. */
function freshDomain(label = "d"): string {
  counter += 1;
  return `${label}${counter}-${process.pid}.test`;
}

function addDomains(h: Harness, org: Org, domains: string[]) {
  return api(h, org.admin.apiKey, "PUT", `/organization/${org.id}/`, {
    verified_email_domains: domains,
    restrict_new_users_to_verified_domains: true,
  });
}

async function claims(h: Harness, org: Org) {
  const res = await api(h, org.admin.apiKey, "GET", `/organization/${org.id}/email_domains/`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data as Array<{ domain: string; status: string; verification_record: string }>;
}

async function recordOf(h: Harness, org: Org, domain: string): Promise<string> {
  const claim = (await claims(h, org)).find((c) => c.domain === domain);
  assert.ok(claim, `${domain} is claimed`);
  return claim.verification_record;
}

function verify(h: Harness, org: Org, domain: string) {
  return api(
    h,
    org.admin.apiKey,
    "POST",
    `/organization/${org.id}/email_domains/${domain}/verify/`,
  );
}

async function verifiedDomainsOf(h: Harness, org: Org): Promise<string[]> {
  const res = await api(h, org.admin.apiKey, "GET", `/organization/${org.id}/`);
  return res.json().verified_email_domains;
}

describe("proof of domain ownership", () => {
  const h = useHarness({ DNS_RESOLVER: dns.address });

  test("a domain added through the API is pending until its TXT record is there", async () => {
    const org = await createOrg(h);
    const domain = freshDomain();
    const put = await addDomains(h, org, [domain]);
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(
      put.json().verified_email_domains,
      [],
      "a Close client sees no verified domain",
    );
    const [claim] = await claims(h, org);
    assert.equal(claim?.status, "pending");
    assert.match(claim?.verification_record ?? "", /^roster-domain-verification=[\w-]{32}$/);

    const refused = await createMembership(h, org.admin.apiKey, `someone@${domain}`);
    assertFieldErrors(refused, ["email"]);

    const missing = await verify(h, org, domain);
    assert.equal(missing.statusCode, 400, missing.body);
    assert.match(missing.json().error, /no TXT record/);
    dns.setTxt(domain, ["v=spf1 -all", "roster-domain-verification=not-the-token"]);
    const wrong = await verify(h, org, domain);
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.match(wrong.json().error, /not with this organization's token/);
    assert.deepEqual(await verifiedDomainsOf(h, org), []);

    dns.setTxt(domain, ["v=spf1 -all", claim?.verification_record as string]);
    const verified = await verify(h, org, domain);
    assert.equal(verified.statusCode, 200, verified.body);
    assert.equal(verified.json().status, "verified");
    assert.deepEqual(await verifiedDomainsOf(h, org), [domain]);
    const again = await verify(h, org, domain);
    assert.equal(again.statusCode, 200, "verifying a verified domain is a no-op");

    const created = await createMembership(h, org.admin.apiKey, `someone@${domain}`);
    assert.equal(created.statusCode, 200, created.body);

    // The same list again keeps the proof; leaving the domain out releases it.
    await addDomains(h, org, [domain]);
    assert.deepEqual(await verifiedDomainsOf(h, org), [domain]);
    await addDomains(h, org, []);
    assert.deepEqual(await claims(h, org), []);
  });

  test("a domain verified by one organization cannot be verified by another", async () => {
    const [owner, rival] = [await createOrg(h), await createOrg(h)];
    const domain = freshDomain();
    await addDomains(h, owner, [domain]);
    const rivalPut = await addDomains(h, rival, [domain]);
    assert.equal(rivalPut.statusCode, 200, "claiming is allowed; proving is not");
    dns.setTxt(domain, [await recordOf(h, owner, domain), await recordOf(h, rival, domain)]);
    assert.equal((await verify(h, owner, domain)).statusCode, 200);
    const taken = await verify(h, rival, domain);
    assertFieldErrors(taken, ["verified_email_domains"]);
    assert.deepEqual(await verifiedDomainsOf(h, rival), []);
    assert.equal((await claims(h, rival))[0]?.status, "pending");
    const operator = h.store.write((tx) => verifyDomain(tx, rival.id, domain, h.clock.now()));
    await assert.rejects(operator, (error: { fieldErrors?: Record<string, string> }) => {
      assert.match(error.fieldErrors?.verified_email_domains ?? "", /already verified by another/);
      return true;
    });
  });

  test("two organizations proving one domain at once: exactly one wins", async () => {
    for (let round = 0; round < 5; round++) {
      const orgs = [await createOrg(h), await createOrg(h), await createOrg(h)];
      const domain = freshDomain("race");
      for (const org of orgs) await addDomains(h, org, [domain]);
      dns.setTxt(domain, await Promise.all(orgs.map((org) => recordOf(h, org, domain))));
      const results = await Promise.all(orgs.map((org) => verify(h, org, domain)));
      const codes = results.map((res) => res.statusCode).sort();
      assert.deepEqual(codes, [200, 400, 400], results.map((r) => r.body).join("\n"));
      const rows = await h.store.db
        .selectFrom("email_domains")
        .select("organization_id")
        .where("domain", "=", domain)
        .where("status", "=", "verified")
        .execute();
      assert.equal(rows.length, 1);
    }
  });

  test("public mail domains are refused with a field error, and nothing changes", async () => {
    const org = await createOrg(h);
    const domain = freshDomain();
    await addDomains(h, org, [domain]);
    for (const publicDomain of ["gmail.com", "Outlook.com", "mail.yahoo.com", "proton.me"]) {
      const res = await addDomains(h, org, [domain, publicDomain]);
      assertFieldErrors(res, ["verified_email_domains"]);
      assert.match(res.json()["field-errors"].verified_email_domains, /Public mail domains/);
    }
    assert.deepEqual(
      (await claims(h, org)).map((c) => c.domain),
      [domain],
    );
  });

  test("the extension routes: admins only, own organization only, unknown domain is 404", async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const member = await org.add("user");
    const list = await api(h, member.apiKey, "GET", `/organization/${org.id}/email_domains/`);
    assert.equal(list.statusCode, 403);
    const foreign = await api(
      h,
      org.admin.apiKey,
      "GET",
      `/organization/${other.id}/email_domains/`,
    );
    assert.equal(foreign.statusCode, 404);
    assert.equal((await verify(h, org, freshDomain())).statusCode, 404);
    assert.equal((await verify(h, org, "not a domain")).statusCode, 404);
  });

  test("the DNS answer cannot be reached: 400 saying so, still pending", async () => {
    const { store } = h;
    const org = await createOrg(h);
    const domain = freshDomain();
    await addDomains(h, org, [domain]);
    // A resolver nobody listens on (port 9 is discard).
    const unreachable = await buildApp({
      config: loadConfig({
        SEED_DEMO: "false",
        ROSTER_RATE_LIMITS: "off",
        DNS_RESOLVER: "127.0.0.1:9",
      }),
      store,
      clock: h.clock,
    });
    try {
      const res = await unreachable.inject({
        method: "POST",
        url: `/api/v1/organization/${org.id}/email_domains/${domain}/verify/`,
        headers: {
          authorization: `Basic ${Buffer.from(`${org.admin.apiKey}:`).toString("base64")}`,
        },
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().error, /could not be looked up/);
    } finally {
      await unreachable.close();
    }
    assert.equal((await claims(h, org))[0]?.status, "pending");
  });
});

describe("roster org verify-domain and org domains (real processes)", () => {
  let database: TestDatabase;
  before(async () => {
    database = await createSharedDatabase();
  });
  after(() => database.drop());

  /** The app on the CLI's database, while no CLI process runs (PGlite allows one). */
  async function withApp<T>(work: (h: Harness) => Promise<T>): Promise<T> {
    const store = await openStore(database.url, { poolSize: 2 });
    const app = await buildApp({
      config: loadConfig({ SEED_DEMO: "false", ROSTER_RATE_LIMITS: "off" }),
      store,
      clock: systemClock,
    });
    try {
      await app.ready();
      return await work({ app, store, clock: systemClock, database } as unknown as Harness);
    } finally {
      await app.close();
      await store.close();
    }
  }

  test("the operator verifies; --check verifies by DNS; a public domain is refused", async () => {
    const operated = freshDomain("cli");
    const checked = freshDomain("dns");
    const { org, record } = await withApp(async (h) => {
      const org = await createOrg(h);
      assert.equal((await addDomains(h, org, [operated, checked])).statusCode, 200);
      return { org, record: await recordOf(h, org, checked) };
    });
    const env = { DNS_RESOLVER: dns.address };

    const verified = await runCli(
      ["org", "verify-domain", "--org", org.id, "--domain", operated.toUpperCase(), "--json"],
      database.url,
      60_000,
      env,
    );
    assert.equal(verified.code, 0, verified.stderr);
    assert.equal(JSON.parse(verified.stdout).status, "verified");

    const early = await runCli(
      ["org", "verify-domain", "--org", org.id, "--domain", checked, "--check"],
      database.url,
      60_000,
      env,
    );
    assert.equal(early.code, 1, "no TXT record yet");
    assert.match(early.stderr, /^roster: .*no TXT record/);
    dns.setTxt(checked, [record]);
    const proven = await runCli(
      ["org", "verify-domain", "--org", org.id, "--domain", checked, "--check", "--json"],
      database.url,
      60_000,
      env,
    );
    assert.equal(proven.code, 0, proven.stderr);
    assert.equal(JSON.parse(proven.stdout).status, "verified");

    const publicDomain = await runCli(
      ["org", "verify-domain", "--org", org.id, "--domain", "gmail.com"],
      database.url,
    );
    assert.equal(publicDomain.code, 1);
    assert.match(publicDomain.stderr, /^roster: domain: Public mail domains/);

    const listed = await runCli(["org", "domains", "--org", org.id, "--json"], database.url);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      JSON.parse(listed.stdout).domains.map((d: { domain: string; status: string }) => [
        d.domain,
        d.status,
      ]),
      [
        [operated, "verified"],
        [checked, "verified"],
      ].sort(),
    );

    await withApp(async (h) => {
      assert.deepEqual(await verifiedDomainsOf(h, org), [operated, checked].sort());
      const res = await createMembership(h, org.admin.apiKey, `new@${operated}`);
      assert.equal(res.statusCode, 200, res.body);
    });
  });
});
