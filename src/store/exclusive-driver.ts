import type { DatabaseConnection, Dialect, Driver } from "kysely";

/**
 * A single-connection driver whose connection is handed out first come, first served: a
 * holder (a transaction from BEGIN to COMMIT, or one query) keeps it until released, and the
 * next in line gets it directly. Kysely's own SQLite driver wakes every waiter on each release
 * and lets them race for it again: under load, a wake-up per waiter per query, and a newcomer
 * may overtake those already waiting. `wrap` may adapt each connection.
 */
export class ExclusiveDriver implements Driver {
  private readonly inner: Driver;
  private readonly wrap: (connection: DatabaseConnection) => DatabaseConnection;
  private tail: Promise<void> = Promise.resolve();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();
  /** Holders in line, the current one included: what /metrics shows as the pool's depth. */
  private inLine = 0;

  constructor(
    inner: Driver,
    wrap: (connection: DatabaseConnection) => DatabaseConnection = (connection) => connection,
  ) {
    this.inner = inner;
    this.wrap = wrap;
  }

  async init(): Promise<void> {
    await this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.tail;
    let release = () => {};
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.inLine++;
    await previous;
    const inner = await this.inner.acquireConnection();
    const connection = this.wrap(inner);
    this.releases.set(connection, () => {
      this.inLine--;
      void this.inner.releaseConnection(inner).finally(release);
    });
    return connection;
  }

  depth(): number {
    return this.inLine;
  }

  beginTransaction: Driver["beginTransaction"] = (connection, settings) =>
    this.inner.beginTransaction(connection, settings);
  commitTransaction: Driver["commitTransaction"] = (connection) =>
    this.inner.commitTransaction(connection);
  rollbackTransaction: Driver["rollbackTransaction"] = (connection) =>
    this.inner.rollbackTransaction(connection);

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.releases.get(connection)?.();
    this.releases.delete(connection);
  }

  async destroy(): Promise<void> {
    await this.inner.destroy();
  }
}

/** `dialect` with its driver made exclusive (see ExclusiveDriver). */
export function withExclusiveDriver(
  dialect: Dialect,
  wrap?: (connection: DatabaseConnection) => DatabaseConnection,
  onDriver?: (driver: ExclusiveDriver) => void,
): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => {
      const driver = new ExclusiveDriver(dialect.createDriver(), wrap);
      onDriver?.(driver);
      return driver;
    },
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
