import type { Compilable, CompiledQuery } from "kysely";
import { directConnectionOf } from "./direct.ts";
import { isPostgres, type Tx } from "./store.ts";

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
): (tx: Tx, ...args: Args) => Promise<Row[]> {
  const compiled = new Map<boolean, { query: CompiledQuery<Row>; slots: Map<number, number> }>();
  return async (tx, ...args) => {
    const direct = directConnectionOf(tx);
    const postgres = direct === undefined && isPostgres(tx);
    let entry = compiled.get(postgres);
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
      compiled.set(postgres, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((value, position) => {
      const index = slots.get(position);
      return index === undefined ? value : args[index];
    });
    if (direct) return direct.execute(query.sql, parameters) as Row[];
    const result = await tx.executeQuery<Row>({ ...query, parameters });
    return result.rows;
  };
}
