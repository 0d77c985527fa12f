import { mkdirSync } from "node:fs";
import type { Config } from "../config.ts";
import { DatabaseUrlError, parseDatabaseUrl } from "./database-url.ts";
import { migrateToLatest } from "./migrations.ts";
import { openPglite, openPostgres } from "./postgres.ts";
import { type SqliteOptions, SqliteStore } from "./sqlite.ts";
import type { Store } from "./store.ts";

export interface OpenOptions {
  sqlite?: SqliteOptions;
  poolSize?: number;
  /** Run pending migrations before returning (the default). */
  migrate?: boolean;
}

/**
 * Opens the store a `DATABASE_URL` names (`parseDatabaseUrl`):
 * - `postgres://…` / `postgresql://…` — a PostgreSQL server;
 * - `pglite:memory` or `pglite:<dir>` — PostgreSQL in-process (PGlite);
 * - `sqlite:<path>`, `sqlite::memory:` or a bare file path — SQLite.
 * A file or directory that cannot be created or read is a `DatabaseUrlError` naming it.
 */
export async function openStore(url: string, options: OpenOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(url);
  let store: Store;
  if (target.kind === "postgres") {
    store = openPostgres(target.url, options.poolSize ?? 10);
  } else if (target.kind === "pglite") {
    const { dataDir } = target;
    store = await unopenable(`the PGlite directory "${dataDir}"`, () => {
      // PGlite waits forever on a data directory that is a file: refuse that first.
      if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
      return openPglite(dataDir);
    });
  } else {
    const { path } = target;
    store = await unopenable(
      `the SQLite file "${path}"`,
      async () => new SqliteStore(path, options.sqlite),
    );
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store.db);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

/** Opening a local database: a failure (no such directory, not a database) names the place. */
async function unopenable<T>(what: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    throw new DatabaseUrlError(
      `names ${what}, which cannot be opened: ${(error as Error).message}.`,
    );
  }
}

/**
 * The store the configuration names, with its tuning applied. `serving` is for a long-running
 * server: SQLite then checkpoints its WAL in the background.
 */
export function openConfiguredStore(
  config: Config,
  { serving = false, ...options }: Pick<OpenOptions, "migrate"> & { serving?: boolean } = {},
): Promise<Store> {
  return openStore(config.databaseUrl, {
    ...options,
    poolSize: config.pgPoolSize,
    sqlite: {
      synchronous: config.sqliteSynchronous,
      backgroundCheckpoints: serving,
    },
  });
}
