import { type Kysely, PostgresAdapter } from "kysely";
import type { Database } from "./schema.ts";

export type Backend = "sqlite" | "postgres" | "pglite";

/** A transaction handle. Units of work receive one and must use nothing else. */
export type Tx = Kysely<Database>;

/** A unit of work: reads, rule checks, the write and its event, all through `tx`. */
export type Unit<T> = (tx: Tx) => Promise<T>;

/** What a store reports to whoever measures it (the metrics room). */
export interface StoreObserver {
  /** One COMMIT made `size` units durable (group commit; 1 where each unit is a transaction). */
  batch(size: number): void;
}

/**
 * The storage port. `db` serves reads; every write goes through `write`, and the store
 * decides how units are committed (one transaction each, or several per COMMIT under group
 * commit, each in its own SAVEPOINT). A unit's promise settles only after the outcome is
 * durable: resolved after its COMMIT, rejected after its rollback.
 */
export interface Store {
  readonly backend: Backend;
  readonly db: Kysely<Database>;
  write<T>(unit: Unit<T>): Promise<T>;
  close(): Promise<void>;
  /** Optional: report commits to `observer` from now on. */
  observe?(observer: StoreObserver): void;
  /** Optional: how much work waits right now, by name (write queue, pool), for gauges. */
  depths?(): Record<string, number>;
}

export function isPostgres(tx: Tx): boolean {
  return tx.getExecutor().adapter instanceof PostgresAdapter;
}
