import type { Compilable, CompiledQuery } from "kysely";
import { directConnectionOf } from "./direct.ts";
import { isPostgres, type Tx } from "./store.ts";

/** A prepared query: run it, or take it compiled with its arguments in place. */
export interface Prepared<Args extends unknown[], Row> {
  (tx: Tx, ...args: Args): Promise<Row[]>;
  /** The query compiled for `tx`'s dialect with `args` in place, to run with `runCompiled`. */
  compiled(tx: Tx, ...args: Args): CompiledQuery<Row>;
}

/**
 * Builds and compiles a query shape once per dialect, then runs it with new arguments.
 * Building a Kysely query costs more than running a point query on SQLite, and the hot
 * path (auth, membership reads, the event insert) runs the same few shapes every request.
 *
 * The shape is compiled with a unique placeholder per argument; each call swaps the real
 * arguments into the compiled parameter list. Only shapes whose SQL does not depend on the
 * argument values may be prepared (no `$if` on an argument, no `IN` lists); `$if` on the
 * dialect is fine, as each dialect gets its own compilation.
 *
 * Inside SQLite's group-commit batch the compiled SQL runs on the connection directly and
 * synchronously (see DirectConnection): the query is still defined once, here, by the builder.
 */
export function prepared<Args extends unknown[], Row>(
  build: (tx: Tx, ...args: Args) => Compilable<Row>,
): Prepared<Args, Row> {
  const shapes = new Map<boolean, { query: CompiledQuery<Row>; slots: Map<number, number> }>();
  const compiled = (tx: Tx, ...args: Args): CompiledQuery<Row> => {
    const postgres = directConnectionOf(tx) === undefined && isPostgres(tx);
    let entry = shapes.get(postgres);
    if (!entry) {
      const placeholders = args.map((_, index) => `\u0000prepared-argument-${index}\u0000`);
      const query = build(tx, ...(placeholders as Args)).compile();
      const slots = new Map<number, number>();
      query.parameters.forEach((parameter, position) => {
        const index = placeholders.indexOf(parameter as string);
        if (index >= 0) slots.set(position, index);
      });
      if (new Set(slots.values()).size !== args.length) {
        throw new Error(`prepared: every argument must appear once as a parameter (${query.sql})`);
      }
      entry = { query, slots };
      shapes.set(postgres, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((value, position) => {
      const index = slots.get(position);
      return index === undefined ? value : args[index];
    });
    return { ...query, parameters };
  };
  return Object.assign((tx: Tx, ...args: Args) => runCompiled(tx, compiled(tx, ...args)), {
    compiled,
  });
}

/** Runs a compiled query in `tx`: on the driver directly inside SQLite's batch. */
export async function runCompiled<Row>(tx: Tx, query: CompiledQuery<Row>): Promise<Row[]> {
  const direct = directConnectionOf(tx);
  if (direct) return direct.execute(query.sql, query.parameters) as Row[];
  return (await tx.executeQuery<Row>(query)).rows;
}

/**
 * PostgreSQL: `write`, a statement whose result nobody reads, made a data-modifying CTE of
 * `query`, so the two cost one round trip. Both run on one snapshot: `query` must not read
 * what `write` changes (its effects are seen from the next statement on). The two are
 * compiled by Kysely for PostgreSQL, so their only `$n` are their parameters.
 */
export function withWriteFirst<Row>(
  write: CompiledQuery,
  query: CompiledQuery<Row>,
): CompiledQuery<Row> {
  const offset = query.parameters.length;
  const written = `"written" as (${write.sql.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + offset}`)})`;
  const sql = /^with /i.test(query.sql)
    ? `with ${written}, ${query.sql.slice(5)}`
    : `with ${written} ${query.sql}`;
  return { ...query, sql, parameters: [...query.parameters, ...write.parameters] };
}
