import type { Command } from "commander";
import { createKey, listKeys, revokeKey } from "../../operations/provisioning.ts";
import { printResult, printRows, withStore } from "../context.ts";

export function registerKeyCommands(program: Command): void {
  const key = program.command("key").description("Manage API keys");
  key
    .command("create")
    .description("Create an API key for a membership; prints it once, and its ID")
    .requiredOption("--membership <id>", "membership ID (memb_...)")
    .option("--json", "print one JSON object")
    .action(async (options: { membership: string; json?: boolean }) => {
      const { id, api_key } = await withStore((store, now) =>
        store.write((tx) => createKey(tx, options.membership, now)),
      );
      printResult({ id, api_key }, options.json);
    });
  key
    .command("list")
    .description("List a membership's API keys: IDs and dates, never the keys themselves")
    .requiredOption("--membership <id>", "membership ID (memb_...)")
    .option("--json", "print one JSON object")
    .action(async (options: { membership: string; json?: boolean }) => {
      const keys = await withStore((store) => listKeys(store.db, options.membership));
      printRows(keys, ["id", "date_created", "date_revoked"], options.json);
    });
  key
    .command("revoke")
    .description(
      "Revoke an API key at once, everywhere (a key revoked already: exit 0, and says so)",
    )
    .argument("<key-id>", "the key's ID (the part before the dot) or the whole key")
    .option("--json", "print one JSON object")
    .action(async (keyId: string, options: { json?: boolean }) => {
      const id = keyId.split(".")[0] ?? keyId;
      const revocation = await withStore((store, now) =>
        store.write((tx) => revokeKey(tx, id, now)),
      );
      if (options.json) {
        printResult(
          {
            revoked: revocation.id,
            date_revoked: revocation.date_revoked,
            already_revoked: revocation.already_revoked,
          },
          true,
        );
      } else if (revocation.already_revoked) {
        process.stdout.write(`${id} was already revoked (${revocation.date_revoked})\n`);
      } else {
        printResult({ revoked: id }, false);
      }
    });
}
