import { after, before } from "node:test";
import { type AppOptions, buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { newId } from "../../src/domain/ids.ts";
import { type Clock, formatTimestamp } from "../../src/domain/time.ts";
import type { App } from "../../src/http/types.ts";
import { addMember, createOrganization, createToken } from "../../src/operations/provisioning.ts";
import { insertRole } from "../../src/store/roles.ts";
import type { Store } from "../../src/store/store.ts";
import { createTestDatabase, openTestStore, type TestDatabase } from "./backend.ts";

/** A clock tests can move. */
export class TestClock implements Clock {
  private current = Date.now();
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface Harness {
  app: App;
  store: Store;
  clock: TestClock;
  database: TestDatabase;
}

/**
 * One app on one fresh database for a test file: built before the first test, torn down
 * after the last. `env` adds configuration (e.g. `ROSTER_RATE_LIMITS: "on"`). Tests create their own organizations through `createOrg`, so they never
 * share data.
 */
export function useHarness(
  env: Record<string, string> = {},
  options: { logger?: AppOptions["logger"] } = {},
): Harness {
  const harness = {} as Harness;
  before(async () => {
    harness.database = await createTestDatabase();
    harness.store = await openTestStore(harness.database);
    harness.clock = new TestClock();
    harness.app = await buildApp({
      // Rate limits are off unless a test turns them on: most suites send far more than 20
      // requests a second with one key, and would see 429s instead of what they test.
      config: loadConfig({ SEED_DEMO: "false", ROSTER_RATE_LIMITS: "off", ...env }),
      store: harness.store,
      clock: harness.clock,
      logger: options.logger,
    });
    await harness.app.ready();
  });
  after(async () => {
    await harness.app.close();
    await harness.store.close();
    await harness.database.drop();
  });
  return harness;
}

export interface Member {
  membershipId: string;
  userId: string;
  apiKey: string;
}

export interface Org {
  id: string;
  admin: Member;
  /** Adds a member with a fresh email; `role` is a slug or a role ID. */
  add(role: string, name?: { firstName?: string; lastName?: string }): Promise<Member>;
  token(member: Member): Promise<string>;
}

let counter = 0;
function uniqueEmail(label: string): string {
  counter += 1;
  // An address's local part holds at most 64 characters.
  return `${label.slice(0, 24)}-${process.pid}-${Date.now()}-${counter}@example.com`;
}

/** A new organization with one admin, through the same code the CLI uses. */
export async function createOrg(h: Harness, name = "Test Org"): Promise<Org> {
  const now = h.clock.now();
  const created = await h.store.write((tx) =>
    createOrganization(
      tx,
      { name, admin: { email: uniqueEmail("admin"), firstName: "Ada", lastName: "Admin" } },
      now,
    ),
  );
  return {
    id: created.organization_id,
    admin: {
      membershipId: created.membership_id,
      userId: created.user_id,
      apiKey: created.api_key,
    },
    async add(role, person = {}) {
      const member = await h.store.write((tx) =>
        addMember(
          tx,
          created.organization_id,
          { email: uniqueEmail(role.replace(/\W/g, "")), role, ...person },
          h.clock.now(),
        ),
      );
      return { membershipId: member.membership_id, userId: member.user_id, apiKey: member.api_key };
    },
    async token(member) {
      const { access_token } = await h.store.write((tx) =>
        createToken(tx, member.membershipId, h.clock.now()),
      );
      return access_token;
    },
  };
}

export function basic(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`;
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** `PUT /api/v1/membership/{id}/` as a Close client sends it. */
export async function putMembership(
  h: Harness,
  apiKey: string,
  id: string,
  body: unknown,
  query = "",
) {
  return h.app.inject({
    method: "PUT",
    url: `/api/v1/membership/${id}/${query}`,
    headers: { authorization: basic(apiKey), "content-type": "application/json" },
    payload: JSON.stringify(body),
  });
}

/** A custom role of `organizationId` with exactly `permissions`, written straight to the store. */
export async function customRole(
  h: Harness,
  organizationId: string,
  permissions: string[],
  id = newId("role"),
) {
  const stamp = formatTimestamp(h.clock.now());
  await h.store.write((tx) =>
    insertRole(tx, {
      id,
      organization_id: organizationId,
      slug: null,
      name: `Custom ${id}`,
      name_key: `custom ${id}`.toLowerCase(),
      editable: 1,
      permissions: JSON.stringify(permissions),
      visibility_user_lcf_ids: null,
      visibility_user_lcf_behavior: null,
      date_created: stamp,
      date_updated: stamp,
    }),
  );
  return id;
}

/** A request with a raw body (sent as is) and the given content type, or none. */
export function sendRaw(
  h: Harness,
  apiKey: string,
  method: "POST" | "PUT",
  url: string,
  payload: string,
  contentType?: string,
) {
  return h.app.inject({
    method,
    url,
    headers: {
      authorization: basic(apiKey),
      ...(contentType === undefined ? {} : { "content-type": contentType }),
    },
    payload,
  });
}
