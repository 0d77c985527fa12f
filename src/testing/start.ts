// startRoster: a Roster server inside a Node test process, on a random port, with its controls at hand.
import type { FastifyServerOptions } from "fastify";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { openStore } from "../store/open.ts";
import type { SettableClock } from "./clock.ts";
import { TestDouble } from "./double.ts";
import type { Faults } from "./faults.ts";
import {
  DEFAULT_FIXTURE,
  type Fixture,
  parseFixture,
  type SeededOrganization,
  seedFixture,
} from "./fixture.ts";
import type { Journal } from "./journal.ts";

export interface StartOptions {
  /** What to seed (default: one organization with one admin). JSON-shaped; checked first. */
  fixture?: Fixture;
  /** Any Roster DATABASE_URL; default `sqlite::memory:` (a fresh database per start). */
  databaseUrl?: string;
  /** Also serve the HTTP controls under `/_roster/`, with this Bearer token (16+ characters). */
  controlToken?: string;
  /** Seed for the faults' probability draws (default: random). */
  seed?: number;
  /** Most journal entries kept (default 1000). */
  journalCapacity?: number;
  /** Apply Roster's rate limits (default: off, so a test's bursts are not refused). */
  rateLimits?: boolean;
  /** Fastify's logger option (default: off). */
  logger?: FastifyServerOptions["logger"];
}

export interface Roster {
  /** The server's origin, e.g. `http://127.0.0.1:41234` (the typed client's base URL). */
  url: string;
  /** `url` + `/api/v1`: where a Close client that takes the API's base URL points. */
  apiUrl: string;
  /** The first seeded organization, its first admin and that admin's first API key. */
  organizationId: string;
  adminKey: string;
  adminMembershipId: string;
  /** Everything the fixture created, with every API key. */
  organizations: SeededOrganization[];
  /** Back to the seeded database, no faults, an empty journal, real time. */
  reset(): Promise<void>;
  /** Captures the whole database; returns the snapshot's ID. */
  snapshot(): Promise<string>;
  /** Puts the database back exactly as snapshot `id` saw it. */
  restore(id: string): Promise<void>;
  faults: Faults;
  journal: Journal;
  clock: SettableClock;
  close(): Promise<void>;
}

/** Starts Roster in this process: migrated, seeded, listening on 127.0.0.1 on a free port. */
export async function startRoster(options: StartOptions = {}): Promise<Roster> {
  const fixture = parseFixture(options.fixture ?? DEFAULT_FIXTURE);
  const store = await openStore(options.databaseUrl ?? "sqlite::memory:");
  try {
    const double = new TestDouble(store, {
      controlToken: options.controlToken,
      seed: options.seed,
      journalCapacity: options.journalCapacity,
    });
    const organizations = await seedFixture(store, fixture, double.clock.now());
    const app = await buildApp({
      // Rate limits off, as in Roster's own tests: a suite drives one key far faster than
      // Close's limits allow. A 429 to test a client's backoff is a fault away.
      config: loadConfig({
        SEED_DEMO: "false",
        ROSTER_RATE_LIMITS: "off",
        ROSTER_CONTROL_TOKEN: options.controlToken,
      }),
      store,
      clock: double.clock,
      testDouble: double,
      logger: options.logger,
    });
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    await double.markBaseline();
    const first = organizations[0] as SeededOrganization;
    const admin = first.members.find((member) => member.role_id === "admin") ?? first.members[0];
    let closed = false;
    return {
      url: address,
      apiUrl: `${address}/api/v1`,
      organizationId: first.id,
      adminKey: admin?.api_keys[0] ?? "",
      adminMembershipId: admin?.membership_id ?? "",
      organizations,
      reset: () => double.reset(),
      snapshot: () => double.snapshots.take(),
      async restore(id) {
        if (!(await double.snapshots.restore(id))) throw new Error(`no snapshot ${id}`);
      },
      faults: double.faults,
      journal: double.journal,
      clock: double.clock,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
