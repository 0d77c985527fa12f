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
