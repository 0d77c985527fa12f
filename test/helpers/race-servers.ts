// Two servers on one test database, for races that must span processes where they can.
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { systemClock } from "../../src/domain/time.ts";
import type { Store } from "../../src/store/store.ts";
import { type TestDatabase, testBackend } from "./backend.ts";
import { startServer, stopAllServers } from "./server-process.ts";

/** Where a client reaches one of the servers. */
export interface RaceServer {
  origin: string;
  /** `${origin}/api/v1` */
  api: string;
}

export interface RaceServers {
  /** Two entries; on PGlite both are the one in-process server. */
  servers: [RaceServer, RaceServer];
  close(): Promise<void>;
}

/**
 * On SQLite and PostgreSQL, two Roster server processes sharing `database`, so every race
 * spans both. PGlite is in-process (one process per database), so there it is one app on a
 * real socket, sharing `store`. Rate limits are off either way: many requests at once are
 * the point of a race.
 */
export async function startRaceServers(database: TestDatabase, store: Store): Promise<RaceServers> {
  if (testBackend() === "pglite") {
    const app = await buildApp({
      config: loadConfig({ SEED_DEMO: "false", ROSTER_RATE_LIMITS: "off" }),
      store,
      clock: systemClock,
    });
    const origin = await app.listen({ port: 0, host: "127.0.0.1" });
    const server = { origin, api: `${origin}/api/v1` };
    return { servers: [server, server], close: () => app.close() };
  }
  const [first, second] = await Promise.all([
    startServer({ databaseUrl: database.url }),
    startServer({ databaseUrl: database.url }),
  ]);
  return {
    servers: [first, second] as [RaceServer, RaceServer],
    close: () => stopAllServers(),
  };
}
