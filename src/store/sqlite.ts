import { once } from "node:events";
import { closeSync, fdatasync, mkdirSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Worker } from "node:worker_threads";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type SqliteDatabase as SqliteDatabaseLike, SqliteDialect } from "kysely";
import { type DirectConnection, runDirectly, sqliteDirect } from "./direct.ts";
import { withExclusiveDriver } from "./exclusive-driver.ts";
import type { Database } from "./schema.ts";
import type { Store, StoreObserver, Tx, Unit } from "./store.ts";

export interface SqliteOptions {
  /** Most units committed by one COMMIT. */
  maxBatch?: number;
  /**
   * `FULL` (default): a write is acknowledged only once the WAL holding its COMMIT is fsynced,
   * so it survives power loss. `NORMAL`: acknowledged after the COMMIT (survives a crash of
   * the process, not of the machine). `OFF`: SQLite does not sync at all.
   */
  synchronous?: "FULL" | "NORMAL" | "OFF";
  /**
   * Checkpoint the WAL from a worker thread instead of inside a COMMIT (for a long-running
   * server; a short-lived CLI leaves it to SQLite).
   */
  backgroundCheckpoints?: boolean;
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
 * only then are the successful units answered.
 *
 * Under `FULL` the fsync is ours, not SQLite's: the connection runs `synchronous=NORMAL` (the
 * COMMIT writes the WAL without syncing it) and the WAL file is then fsynced on libuv's thread
 * pool before the batch is answered. Durability is the same — nothing is acknowledged before
 * its COMMIT is on disk — but the event loop parses, checks and runs the next batch while the
 * disk works, instead of waiting once per batch. Writers are serialized (one connection, and
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
  /** Batches committed and waiting for their fsync. */
  private syncing = 0;
  /** The WAL file to fsync before answering (opened at the first); null unless `FULL`. */
  private readonly walPath: string | null;
  private walFd: number | null = null;
  private readonly checkpointer: Checkpointer | null = null;
  private readonly beginNow: () => boolean;
  /** When the batch at the head of the queue first found the write lock taken. */
  private lockedSince: number | null = null;
  private observer: StoreObserver | null = null;
  /** The connection itself, for the batch's statements (see DirectConnection). */
  private readonly direct: DirectConnection;

  constructor(path: string, options: SqliteOptions = {}) {
    const file = path !== ":memory:";
    if (file) mkdirSync(dirname(path), { recursive: true });
    const synchronous = options.synchronous ?? "FULL";
    const connection = new SqliteDatabase(path);
    connection.pragma("journal_mode = WAL");
    connection.pragma(`synchronous = ${synchronous === "FULL" ? "NORMAL" : synchronous}`);
    connection.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    connection.pragma("foreign_keys = ON");
    this.beginNow = beginWithoutWaiting(connection);
    this.walPath = file && synchronous === "FULL" ? `${path}-wal` : null;
    if (file && options.backgroundCheckpoints) {
      connection.pragma("wal_autocheckpoint = 0");
      this.checkpointer = startCheckpointer(path, () => {
        // Without its checkpointer the WAL would grow forever: SQLite checkpoints again.
        connection.pragma("wal_autocheckpoint = 1000");
      });
    }
    const prepare = statementCache(connection);
    this.direct = sqliteDirect(prepare);
    const database: SqliteDatabaseLike = { close: () => connection.close(), prepare };
    this.db = new Kysely<Database>({
      dialect: withExclusiveDriver(new SqliteDialect({ database })),
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
    let committed: Committed[] | "locked" = [];
    try {
      committed = await this.db.connection().execute((tx) => {
        runDirectly(tx, this.direct);
        return commitBatch(tx, this.direct, batch, () => this.begin());
      });
    } finally {
      this.flushing = false;
    }
    if (committed === "locked") {
      // Another connection (the checkpointer, another process) holds the write lock: try again
      // shortly; the event loop keeps serving, and the batch grows meanwhile.
      this.queue.unshift(...batch);
      setTimeout(() => this.schedule(), 1);
      return;
    }
    if (this.queue.length > 0) this.schedule();
    if (committed.length === 0) return;
    this.observer?.batch(committed.length);
    this.checkpointer?.worker.postMessage("committed");
    // The next batch may run while this one waits for the disk: the fsync covers every write
    // made to the WAL before it starts, so each batch is answered only after its own COMMIT is
    // durable.
    this.syncing++;
    try {
      await this.syncWal();
      for (const { pending, value } of committed) pending.resolve(value);
    } catch (error) {
      for (const { pending } of committed) pending.reject(error);
    } finally {
      this.syncing--;
    }
  }

  /** BEGIN IMMEDIATE: false while the lock is taken, an error once it has been for too long. */
  private begin(): boolean {
    const now = Date.now();
    if (this.beginNow()) {
      this.lockedSince = null;
      return true;
    }
    this.lockedSince ??= now;
    if (now - this.lockedSince < LOCK_WAIT_MS) return false;
    this.lockedSince = null;
    throw new Error(`the database stayed locked by another writer for ${LOCK_WAIT_MS} ms`);
  }

  observe(observer: StoreObserver): void {
    this.observer = observer;
  }

  depths(): Record<string, number> {
    return { write_queue: this.queue.length, batches_syncing: this.syncing };
  }

  private syncWal(): Promise<void> {
    if (this.walPath === null) return Promise.resolve();
    // SQLite keeps the WAL file (resetting it, never deleting it) while a connection is open,
    // and this one stays open until close(): one descriptor serves for the store's life.
    this.walFd ??= openSync(this.walPath, "r");
    const fd = this.walFd;
    return new Promise((resolve, reject) =>
      fdatasync(fd, (error) => (error ? reject(error) : resolve())),
    );
  }

  async close(): Promise<void> {
    while (this.queue.length > 0 || this.flushing || this.syncing > 0) {
      await new Promise((r) => setImmediate(r));
    }
    if (this.checkpointer) {
      this.checkpointer.worker.postMessage("close");
      await this.checkpointer.exited;
    }
    if (this.walFd !== null) closeSync(this.walFd);
    await this.db.destroy();
  }
}

/** How long a writer waits for the database's write lock before failing. */
const LOCK_WAIT_MS = 5000;

/**
 * BEGIN IMMEDIATE that fails at once instead of sleeping in SQLite's busy handler, which would
 * stall the event loop. Returns false when another connection holds the write lock.
 */
function beginWithoutWaiting(connection: SqliteDatabase.Database): () => boolean {
  const dontWait = connection.prepare("PRAGMA busy_timeout = 0");
  const wait = connection.prepare(`PRAGMA busy_timeout = ${LOCK_WAIT_MS}`);
  const begin = connection.prepare("BEGIN IMMEDIATE");
  return () => {
    dontWait.run();
    try {
      begin.run();
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
      throw error;
    } finally {
      wait.run();
    }
  };
}

/**
 * Checkpoints a serving store's WAL from a worker thread. A checkpoint copies the WAL's pages
 * into the database file and fsyncs it; inside a COMMIT (SQLite's automatic checkpoint) that
 * stalls the event loop for milliseconds, here it runs on a connection of its own.
 *
 * A PASSIVE checkpoint never blocks the writer, but under steady load it never lets the WAL
 * start over either: SQLite rewinds the WAL only when a write transaction begins while every
 * frame is checkpointed, and the next batch always begins first. So once the WAL is past
 * RESTART_FRAMES, a RESTART follows the PASSIVE one: with the bulk already copied, it holds
 * the write lock only for the last few frames and an fsync, and the WAL is rewound.
 *
 * The RESTART does not wait. While one is pending every new writer is blocked, and waiting
 * for its lock in SQLite's busy handler means sleeping 1, 2, 5, 10 … ms: with two server
 * processes writing (`--workers 2`) that was the whole p99 (29–95 ms against 17–18 ms with no
 * RESTART at all). So it runs with no busy timeout, and one that finds the database busy is
 * tried again at the next tick; only a WAL grown to 16 times the mark waits its turn.
 *
 * The worker is plain CommonJS given as source text, so that it runs the same from the
 * TypeScript sources (a worker does not inherit tsx's loader) and from the bundle.
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const connection = new Database(workerData.path);
connection.pragma("busy_timeout = 0");
const passive = connection.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const restart = connection.prepare("PRAGMA wal_checkpoint(RESTART)");
let committed = false;
const timer = setInterval(() => {
  if (!committed) return;
  committed = false;
  try {
    const frames = passive.get().log;
    if (frames < workerData.restartFrames) return;
    const insist = frames >= workerData.restartFrames * 16;
    if (insist) connection.pragma("busy_timeout = ${LOCK_WAIT_MS}");
    const busy = restart.get().busy;
    if (insist) connection.pragma("busy_timeout = 0");
    if (busy) committed = true; // the WAL only grows until the next try
  } catch {
    connection.pragma("busy_timeout = 0");
    committed = true;
  }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message === "committed") {
    committed = true;
  } else {
    clearInterval(timer);
    connection.close();
    parentPort.close();
  }
});
`;

interface Checkpointer {
  worker: Worker;
  exited: Promise<unknown>;
}

function startCheckpointer(path: string, onFailure: () => void): Checkpointer {
  const worker = new Worker(CHECKPOINTER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      path,
      intervalMs: 20,
      restartFrames: 1000,
    },
  });
  worker.unref();
  worker.on("error", onFailure);
  return { worker, exited: once(worker, "exit").catch(() => {}) };
}

/**
 * Kysely prepares every query it runs; preparing costs more than running a point query.
 * Queries are built from a fixed set of shapes with bound parameters, so caching the
 * prepared statement by its SQL text is safe, and bounded by the number of shapes.
 */
function statementCache(
  connection: SqliteDatabase.Database,
): (sql: string) => SqliteDatabase.Statement {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      // Ad-hoc shapes (e.g. IN lists of varying length) must not grow the cache forever.
      if (statements.size >= 1000) statements.clear();
      statements.set(sql, statement);
    }
    return statement;
  };
}

interface Committed {
  pending: Pending;
  value: unknown;
}

/**
 * Runs a batch; rejects the units that failed, and returns the committed ones, unanswered
 * ("locked" when the write lock is taken: the batch has not started).
 */
async function commitBatch(
  tx: Tx,
  direct: DirectConnection,
  batch: Pending[],
  begin: () => boolean,
): Promise<Committed[] | "locked"> {
  const committed: Committed[] = [];
  try {
    if (!begin()) return "locked";
  } catch (error) {
    for (const pending of batch) pending.reject(error);
    return [];
  }
  for (const pending of batch) {
    direct.execute("SAVEPOINT unit", NO_PARAMETERS);
    try {
      const value = await pending.unit(tx);
      direct.execute("RELEASE unit", NO_PARAMETERS);
      committed.push({ pending, value });
    } catch (error) {
      direct.execute("ROLLBACK TO unit", NO_PARAMETERS);
      direct.execute("RELEASE unit", NO_PARAMETERS);
      pending.reject(error);
    }
  }
  try {
    direct.execute("COMMIT", NO_PARAMETERS);
  } catch (error) {
    try {
      direct.execute("ROLLBACK", NO_PARAMETERS);
    } catch {}
    for (const { pending } of committed) pending.reject(error);
    return [];
  }
  return committed;
}

const NO_PARAMETERS: readonly unknown[] = [];
