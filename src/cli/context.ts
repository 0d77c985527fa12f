import { loadConfig } from "../config.ts";
import { systemClock } from "../domain/time.ts";
import { openConfiguredStore } from "../store/open.ts";
import type { Store } from "../store/store.ts";

/** Runs `work` against the store that DATABASE_URL names, closing it afterwards. */
export async function withStore<T>(work: (store: Store, now: Date) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openConfiguredStore(config);
  try {
    return await work(store, systemClock.now());
  } finally {
    await store.close();
  }
}

/** `--json` prints exactly one JSON object; otherwise one `key: value` line per field. */
export function printResult(result: Record<string, unknown>, json: boolean | undefined): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  for (const [key, value] of Object.entries(result)) process.stdout.write(`${key}: ${value}\n`);
}

/**
 * A listing: `--json` prints `{"data": [...]}` on one line (as `app list` does); otherwise a
 * header and one aligned line per row, with `columns` in that order (null shows as "-").
 */
export function printRows<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
  json: boolean | undefined,
): void {
  if (json) {
    printResult({ data: rows }, true);
    return;
  }
  const cells = [
    columns.map((column) => column.toUpperCase()),
    ...rows.map((row) => columns.map((column) => String(row[column] ?? "-"))),
  ];
  const widths = columns.map((_, i) =>
    Math.max(...cells.map((line) => (line[i] as string).length)),
  );
  for (const line of cells) {
    const padded = line.map((cell, i) =>
      i === line.length - 1 ? cell : cell.padEnd(widths[i] as number),
    );
    process.stdout.write(`${padded.join("  ")}\n`);
  }
}
