import type { Config } from "../config.ts";
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
 * Opens the store a `DATABASE_URL` names:
 * - `postgres://…` / `postgresql://…` — a PostgreSQL server;
 * - `pglite:memory` or `pglite:<dir>` — PostgreSQL in-process (PGlite);
 * - `sqlite:<path>`, `sqlite::memory:` or a bare file path — SQLite.
 */
export async function openStore(url: string, options: OpenOptions = {}): Promise<Store> {
  let store: Store;
  if (/^postgres(ql)?:\/\//.test(url)) {
    store = openPostgres(url, options.poolSize ?? 10);
  } else if (url.startsWith("pglite:")) {
    const dir = url.slice("pglite:".length);
    store = await openPglite(dir === "memory" || dir === "" ? undefined : dir);
  } else {
    store = new SqliteStore(url.replace(/^sqlite:/, ""), options.sqlite);
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
