import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { migrateToLatest } from "../../store/migrations.ts";
import { openConfiguredStore } from "../../store/open.ts";
import { printResult } from "../context.ts";

export function registerServerCommands(program: Command): void {
  program
    .command("serve")
    .description("Run the HTTP server (the same as npm start)")
    .action(async () => {
      // Loaded on demand: the other commands need none of the HTTP stack.
      const { serve } = await import("../../server.ts");
      await serve(loadConfig());
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
