import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type SqliteDatabase as SqliteDatabaseLike, SqliteDialect, sql } from "kysely";
import type { Database } from "./schema.ts";
import type { Store, Tx, Unit } from "./store.ts";

export interface SqliteOptions {
  /** Most units committed by one COMMIT. */
  maxBatch?: number;
  /** `FULL` (default) fsyncs the WAL at every commit, so an acknowledged write survives power loss. */
  synchronous?: "FULL" | "NORMAL" | "OFF";
}

interface Pending {
  unit: Unit<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * SQLite with group commit. Units queued during one event-loop turn run one after another in
 * one `BEGIN IMMEDIATE` transaction, each inside its own SAVEPOINT: a unit that throws rolls
 * back to its savepoint alone. One COMMIT (one fsync) then makes the whole batch durable, and
 * only then are the successful units answered. Writers are serialized (one connection, and
 * the database write lock across processes), which is what makes the rules that each unit
 * checks (the admin invariant among them) race-free on SQLite.
 */
export class SqliteStore implements Store {
  readonly backend = "sqlite" as const;
  readonly db: Kysely<Database>;
  private readonly maxBatch: number;
  private queue: Pending[] = [];
  private scheduled = false;
  private flushing = false;

  constructor(path: string, options: SqliteOptions = {}) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const connection = new SqliteDatabase(path);
    connection.pragma("journal_mode = WAL");
    connection.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
    connection.pragma("busy_timeout = 5000");
    connection.pragma("foreign_keys = ON");
    this.db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(connection) }),
    });
    this.maxBatch = options.maxBatch ?? 256;
  }

  write<T>(unit: Unit<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ unit, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      await this.db.connection().execute((tx) => commitBatch(tx, batch));
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  async close(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) await new Promise((r) => setImmediate(r));
    await this.db.destroy();
  }
}

/**
 * Kysely prepares every query it runs; preparing costs more than running a point query.
 * Queries are built from a fixed set of shapes with bound parameters, so caching the
 * prepared statement by its SQL text is safe, and bounded by the number of shapes.
 */
function withStatementCache(connection: SqliteDatabase.Database): SqliteDatabaseLike {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql);
        // Ad-hoc shapes (e.g. IN lists of varying length) must not grow the cache forever.
        if (statements.size >= 1000) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

async function commitBatch(tx: Tx, batch: Pending[]): Promise<void> {
  const committed: Array<{ pending: Pending; value: unknown }> = [];
  try {
    await sql`BEGIN IMMEDIATE`.execute(tx);
  } catch (error) {
    for (const pending of batch) pending.reject(error);
    return;
  }
  for (const pending of batch) {
    await sql`SAVEPOINT unit`.execute(tx);
    try {
      const value = await pending.unit(tx);
      await sql`RELEASE unit`.execute(tx);
      committed.push({ pending, value });
    } catch (error) {
      await sql`ROLLBACK TO unit`.execute(tx);
      await sql`RELEASE unit`.execute(tx);
      pending.reject(error);
    }
  }
  try {
    await sql`COMMIT`.execute(tx);
  } catch (error) {
    await sql`ROLLBACK`.execute(tx).catch(() => {});
    for (const { pending } of committed) pending.reject(error);
    return;
  }
  for (const { pending, value } of committed) pending.resolve(value);
}
