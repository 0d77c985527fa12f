import { setTimeout as sleep } from "node:timers/promises";
import {
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type QueryResult,
} from "kysely";
import pg from "pg";
import { type ExclusiveDriver, withExclusiveDriver } from "./exclusive-driver.ts";
import type { Database } from "./schema.ts";
import type { Backend, Store, StoreObserver, Unit } from "./store.ts";

/** serialization_failure, deadlock_detected: the transaction lost a race and may simply rerun. */
const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 5;

function isRetryable(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    RETRYABLE.has((error as { code?: string }).code ?? "")
  );
}

/**
 * PostgreSQL (a server through `pg`, or PGlite in-process): one transaction per unit at READ
 * COMMITTED. Cross-row rules are made race-free by the unit itself locking the organization
 * row (`lockOrganization`); a unit that loses a serialization race or a deadlock is rerun a
 * bounded number of times, with jitter.
 */
export class PostgresStore implements Store {
  readonly backend: Backend;
  readonly db: Kysely<Database>;
  private readonly onClose: () => Promise<void>;
  private readonly poolDepths: () => Record<string, number>;
  private observer: StoreObserver | null = null;

  constructor(
    backend: Backend,
    db: Kysely<Database>,
    onClose: () => Promise<void> = async () => {},
    poolDepths: () => Record<string, number> = () => ({}),
  ) {
    this.backend = backend;
    this.db = db;
    this.onClose = onClose;
    this.poolDepths = poolDepths;
  }

  observe(observer: StoreObserver): void {
    this.observer = observer;
  }

  depths(): Record<string, number> {
    return this.poolDepths();
  }

  async write<T>(unit: Unit<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.db.transaction().execute(unit);
        this.observer?.batch(1);
        return result;
      } catch (error) {
        if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.onClose();
  }
}

// COUNT(*) and other int8 values arrive as strings by default; our counts fit in a double.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export function openPostgres(url: string, poolSize: number): PostgresStore {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on("error", () => {});
  return new PostgresStore(
    "postgres",
    new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) }),
    async () => {},
    () => ({
      pool_connections: pool.totalCount,
      pool_idle: pool.idleCount,
      pool_waiting: pool.waitingCount,
    }),
  );
}

/**
 * kysely-pglite hands every connection the one PGlite session and reports no affected-row
 * counts. The exclusive driver makes that session a pool of one: a transaction holds it from
 * BEGIN to COMMIT, so concurrent units neither interleave nor roll each other back (PGlite
 * itself only serializes single queries); and each connection fills in `numAffectedRows`
 * from PGlite's `affectedRows`.
 */
function withAffectedRows(inner: DatabaseConnection): DatabaseConnection {
  return {
    async executeQuery<R>(query: Parameters<DatabaseConnection["executeQuery"]>[0]) {
      const result = (await inner.executeQuery<R>(query)) as QueryResult<R> & {
        affectedRows?: number;
      };
      if (result.numAffectedRows !== undefined || result.affectedRows === undefined) return result;
      return { ...result, numAffectedRows: BigInt(result.affectedRows) };
    },
    streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
  };
}

export async function openPglite(dataDir: string | undefined): Promise<PostgresStore> {
  const { KyselyPGlite } = await import("kysely-pglite");
  const { dialect } = await KyselyPGlite.create(dataDir);
  let driver: ExclusiveDriver | undefined;
  // Kysely's destroy() closes the PGlite client.
  return new PostgresStore(
    "pglite",
    new Kysely<Database>({
      dialect: withExclusiveDriver(dialect, withAffectedRows, (created) => {
        driver = created;
      }),
    }),
    async () => {},
    () => ({ session_in_line: driver?.depth() ?? 0 }),
  );
}

/** Distinct query texts given a name; past it, new texts run unnamed (parsed every time). */
const MAX_NAMED_STATEMENTS = 500;

/**
 * node-postgres sends a query unnamed unless told otherwise, and PostgreSQL then parses and
 * plans it on every execution: for Roster's short statements that is most of their cost, and
 * it runs on the database's cores. Named, a statement is parsed once per connection and its
 * plan reused. Queries are built from a fixed set of shapes, so the texts are few; ad-hoc
 * ones past the limit (IN lists of every length) stay unnamed instead of growing every
 * connection's statement cache without bound.
 */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
      name = `roster_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        query: ((text: unknown, values: unknown[]) =>
          typeof text === "string"
            ? client.query({ text, values, name: nameOf(text) })
            : client.query(text as never)) as unknown as PostgresPoolClient["query"],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}
