import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import { normalizeDomain } from "../../src/domain/emails.ts";
import { randomBase62 } from "../../src/domain/ids.ts";
import { verifyDomain } from "../../src/domains/ownership.ts";
import { eventFromRow } from "../../src/store/events.ts";
import { basic, type Harness, type Org } from "./harness.ts";

/**
 * Requests as a Close client sends them, and the reads the memberships/users/organizations
 * tests use to prove what a request changed (or did not).
 */

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One request to `/api/v1{path}` (or to `path` itself when it starts with `/api/`). `auth` is
 * an API key (sent as HTTP Basic), a full `Authorization` header value (`Basic ...`,
 * `Bearer ...`) or undefined for none. A body is sent as JSON.
 */
export function api(
  h: Harness,
  auth: string | undefined,
  method: Method,
  path: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (auth !== undefined)
    headers.authorization = /^(Basic|Bearer) /.test(auth) ? auth : basic(auth);
  if (body !== undefined) headers["content-type"] = "application/json";
  return h.app.inject({
    method,
    url: path.startsWith("/api/") ? path : `/api/v1${path}`,
    headers,
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

/** The verified domain the membership-create tests use. */
export const DOMAIN = "acme.test";

/** A fresh, unused email address (users are unique by email across organizations). */
export function freshEmail(label = "person", domain = DOMAIN): string {
  return `${label}-${randomBase62(10).toLowerCase()}@${domain}`;
}

/**
 * Turns on what `POST /membership/` needs (docs/compatibility.md, Memberships): the organization restricts new users to
 * its verified domains, and `domains` are verified. Done through `PUT /organization/{id}/`
 * (which leaves them pending), then proven as the operator proves them (`roster org
 * verify-domain`). A domain is verified by one organization at a time: the tests of a file
 * share `DOMAIN`, so it is first taken from whichever organization had it.
 */
export async function allowCreate(h: Harness, org: Org, domains: string[] = [DOMAIN]) {
  const res = await api(h, org.admin.apiKey, "PUT", `/organization/${org.id}/`, {
    verified_email_domains: domains,
    restrict_new_users_to_verified_domains: true,
  });
  assert.equal(res.statusCode, 200, res.body);
  await verifyAsOperator(h, org, domains);
}

/**
 * Verifies `domains` for the organization as the operator does (`roster org verify-domain`),
 * first taking each from any other organization of the test file that claims it.
 */
export async function verifyAsOperator(h: Harness, org: Org, domains: string[]) {
  await h.store.write(async (tx) => {
    for (const raw of domains) {
      const domain = normalizeDomain(raw) as string;
      await tx
        .deleteFrom("email_domains")
        .where("domain", "=", domain)
        .where("organization_id", "!=", org.id)
        .execute();
      await verifyDomain(tx, org.id, domain, h.clock.now());
    }
  });
}

/** `POST /membership/` by the organization's admin. */
export function createMembership(h: Harness, auth: string, email: string, roleId = "user") {
  return api(h, auth, "POST", "/membership/", { email, role_id: roleId });
}

/** Every event of an organization, oldest first. */
export async function eventsOfOrg(h: Harness, organizationId: string) {
  const rows = await h.store.db
    .selectFrom("events")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("date_created")
    .orderBy("id")
    .execute();
  return rows.map(eventFromRow);
}

/** How many users the whole database holds (a refused create must not add one). */
export async function userCount(h: Harness): Promise<number> {
  const row = await h.store.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The stored user row with this email, if any. */
export async function userByEmail(h: Harness, email: string) {
  return h.store.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

/** The stored user row with this ID. */
export async function userById(h: Harness, id: string) {
  return h.store.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** The `role_...` ID of a predefined role (by slug) in an organization, read from the store. */
export async function predefinedRoleIdOf(h: Harness, organizationId: string, slug: string) {
  const row = await h.store.db
    .selectFrom("roles")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A custom role created through `POST /role/`; `view_all_leads` keeps visibility fields out. */
export async function customRoleOf(h: Harness, org: Org, permissions: string[]): Promise<string> {
  const res = await api(h, org.admin.apiKey, "POST", "/role/", {
    name: `Custom ${randomBase62(8)}`,
    permissions: [...new Set([...permissions, "view_all_leads"])],
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

/** A request ID as Close shapes it, read from a response. */
export function requestIdOf(res: LightMyRequestResponse): string {
  const id = res.headers["x-request-id"];
  assert.match(String(id), /^req_[A-Za-z0-9]{22}$/);
  return id as string;
}

/** Sorted, comma-separated `Allow` header as a list. */
export function allowOf(res: LightMyRequestResponse): string[] {
  return String(res.headers.allow ?? "")
    .split(",")
    .map((m) => m.trim())
    .filter(Boolean)
    .sort();
}
