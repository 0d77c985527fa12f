import type { Command } from "commander";
import { loadConfig, MAX_WORKERS } from "../../config.ts";
import { migrateToLatest } from "../../store/migrations.ts";
import { openConfiguredStore } from "../../store/open.ts";
import { printResult } from "../context.ts";

export function registerServerCommands(program: Command): void {
  program
    .command("serve")
    .description("Run the HTTP server (the same as npm start)")
    .option(
      "--workers <n>",
      `server processes sharing the port, 1 to ${MAX_WORKERS} (default: ROSTER_WORKERS, else one per core)`,
    )
    .action(async (options: { workers?: string }) => {
      // Loaded on demand: the other commands need none of the HTTP stack.
      const { serve } = await import("../../server.ts");
      const env =
        options.workers === undefined
          ? process.env
          : { ...process.env, ROSTER_WORKERS: options.workers };
      await serve(loadConfig(env));
    });
  program
    .command("migrate")
    .description("Bring the database schema up to date, then exit (for migrating before a rollout)")
    .option("--json", "print one JSON object")
    .action(async (options: { json?: boolean }) => {
      const store = await openConfiguredStore(loadConfig(), { migrate: false });
      try {
        const applied = await migrateToLatest(store.db);
        if (options.json) printResult({ applied }, true);
        else printResult({ applied: applied.join(", ") || "none (already up to date)" }, false);
      } finally {
        await store.close();
      }
    });
}
