// Whole-database snapshots for the test double: capture every table's rows, put them back exactly.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Store, Tx } from "../store/store.ts";

type Row = Record<string, unknown>;

/** Every application table's rows, in an order where a table comes after those it references. */
export interface DatabaseImage {
  tables: Array<{ name: string; rows: Row[] }>;
}

/** Kysely's own bookkeeping: which migrations ran is not test data. */
const SKIPPED = /^(kysely_|sqlite_)/;

interface TableOrder {
  /** Parents first. */
  tables: string[];
}

/**
 * Snapshots of one store's database, kept in this process's memory. A snapshot is read in
 * one transaction (a consistent image); a restore replaces every table's rows in one unit of
 * work, so requests see the old state or the new one, never a mix. Tables are discovered from
 * the database itself, so tables that later migrations add are covered without a change here.
 *
 * Why rows in memory rather than the database's own copy mechanisms: Roster's tables hold a
 * few thousand rows in a test, every column is text or integer (they round-trip exactly
 * through the drivers), and one code path serves SQLite, PostgreSQL and PGlite alike.
 */
export class Snapshots {
  private readonly store: Store;
  private readonly images = new Map<string, DatabaseImage>();
  private order: TableOrder | null = null;

  constructor(store: Store) {
    this.store = store;
  }

  /** Captures the database and returns the snapshot's ID (`snap_...`). */
  async take(): Promise<string> {
    const id = `snap_${randomBytes(12).toString("base64url")}`;
    this.images.set(id, await this.capture());
    return id;
  }

  has(id: string): boolean {
    return this.images.has(id);
  }

  /** Puts the database back exactly as it was when `id` was taken. False for an unknown ID. */
  async restore(id: string): Promise<boolean> {
    const image = this.images.get(id);
    if (!image) return false;
    await this.apply(image);
    return true;
  }

  discard(id: string): boolean {
    return this.images.delete(id);
  }

  /** A consistent image of every table. */
  async capture(): Promise<DatabaseImage> {
    const { tables } = await this.tableOrder();
    return this.store.write(async (tx) => {
      if (this.store.backend !== "sqlite")
        await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`.execute(tx);
      const image: DatabaseImage = { tables: [] };
      for (const name of tables) {
        const { rows } = await sql<Row>`SELECT * FROM ${sql.table(name)}`.execute(tx);
        image.tables.push({ name, rows });
      }
      return image;
    });
  }

  /** Replaces every table's rows with the image's, in one unit of work. */
  apply(image: DatabaseImage): Promise<void> {
    return this.store.write(async (tx) => {
      const names = image.tables.map((table) => table.name);
      if (this.store.backend === "sqlite") {
        for (const name of [...names].reverse())
          await sql`DELETE FROM ${sql.table(name)}`.execute(tx);
      } else {
        await sql`TRUNCATE ${sql.join(names.map((name) => sql.table(name)))}`.execute(tx);
      }
      for (const { name, rows } of image.tables)
        await insertRows(tx, name, rows, this.store.backend);
    });
  }

  private async tableOrder(): Promise<TableOrder> {
    this.order ??= await discoverTables(this.store);
    return this.order;
  }
}

/** Bound parameters per statement, under SQLite's limit (32766) and PostgreSQL's (65535). */
const MAX_PARAMETERS = 30_000;

async function insertRows(
  tx: Tx,
  table: string,
  rows: Row[],
  backend: Store["backend"],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const columnList = sql.join(columns.map((column) => sql.ref(column)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values = sql.join(
      chunk.map(
        (row) =>
          sql`(${sql.join(columns.map((column) => sql`${toParameter(row[column], backend)}`))})`,
      ),
    );
    await sql`INSERT INTO ${sql.table(table)} (${columnList}) VALUES ${values}`.execute(tx);
  }
}

/** Values come back from the drivers as they went in; JSON-typed columns (if a table has them) are re-encoded. */
function toParameter(value: unknown, backend: Store["backend"]): unknown {
  if (
    backend !== "sqlite" &&
    value !== null &&
    typeof value === "object" &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value)
  ) {
    return JSON.stringify(value);
  }
  return value;
}

/** The application's tables, parents before children (by their foreign keys). */
async function discoverTables(store: Store): Promise<TableOrder> {
  const edges = new Map<string, Set<string>>();
  if (store.backend === "sqlite") {
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(store.db);
    for (const { name } of rows) {
      if (SKIPPED.test(name)) continue;
      const { rows: keys } = await sql<{ table: string }>`
        SELECT "table" FROM pragma_foreign_key_list(${name})`.execute(store.db);
      edges.set(name, new Set(keys.map((key) => key.table)));
    }
  } else {
    const { rows } = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
      store.db,
    );
    for (const { name } of rows) if (!SKIPPED.test(name)) edges.set(name, new Set());
    const { rows: keys } = await sql<{ child: string; parent: string }>`
      SELECT child.relname AS child, parent.relname AS parent
      FROM pg_constraint c
      JOIN pg_class child ON child.oid = c.conrelid
      JOIN pg_class parent ON parent.oid = c.confrelid
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`.execute(store.db);
    for (const { child, parent } of keys) edges.get(child)?.add(parent);
  }
  return { tables: parentsFirst(edges) };
}

function parentsFirst(edges: Map<string, Set<string>>): string[] {
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting")
      throw new Error(`foreign keys form a cycle through ${name}`);
    state.set(name, "visiting");
    for (const parent of edges.get(name) ?? [])
      if (parent !== name && edges.has(parent)) visit(parent);
    state.set(name, "done");
    ordered.push(name);
  };
  for (const name of edges.keys()) visit(name);
  return ordered;
}
