import type SqliteDatabase from "better-sqlite3";
import type { Tx } from "./store.ts";

/**
 * A transaction whose statements may run on the driver itself: SQLite's group-commit batch,
 * which holds the store's only connection from BEGIN to COMMIT. A compiled query then runs
 * synchronously on a cached prepared statement, without the query builder's per-call
 * executor, connection hand-over and result promise (see `prepared`).
 */
export interface DirectConnection {
  /** Runs compiled SQL with its parameters: the rows of a reader, none of a writer. */
  execute(sql: string, parameters: readonly unknown[]): unknown[];
}

const direct = new WeakMap<Tx, DirectConnection>();

/** Lets `tx`'s compiled queries run on `connection` directly, for as long as `tx` lives. */
export function runDirectly(tx: Tx, connection: DirectConnection): void {
  direct.set(tx, connection);
}

export function directConnectionOf(tx: Tx): DirectConnection | undefined {
  return direct.get(tx);
}

/** A better-sqlite3 connection as a DirectConnection, preparing through `prepare` (a cache). */
export function sqliteDirect(prepare: (sql: string) => SqliteDatabase.Statement): DirectConnection {
  return {
    execute(sql, parameters) {
      const statement = prepare(sql);
      if (statement.reader) return statement.all(parameters as unknown[]);
      statement.run(parameters as unknown[]);
      return [];
    },
  };
}
