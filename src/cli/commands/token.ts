import type { Command } from "commander";
import { createToken } from "../../operations/provisioning.ts";
import { printResult, withStore } from "../context.ts";

export function registerTokenCommands(program: Command): void {
  program
    .command("token")
    .description("Manage OAuth access tokens")
    .command("create")
    .description("Issue a Bearer access token (valid 3600 s) for a membership")
    .requiredOption("--membership <id>", "membership ID (memb_...)")
    .option("--json", "print one JSON object")
    .action(async (options: { membership: string; json?: boolean }) => {
      const result = await withStore((store, now) =>
        store.write((tx) => createToken(tx, options.membership, now)),
      );
      printResult(result, options.json);
    });
}
