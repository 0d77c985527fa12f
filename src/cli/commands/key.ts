import type { Command } from "commander";
import { createKey, revokeKey } from "../../operations/provisioning.ts";
import { printResult, withStore } from "../context.ts";

export function registerKeyCommands(program: Command): void {
  const key = program.command("key").description("Manage API keys");
  key
    .command("create")
    .description("Create an API key for a membership; prints it once")
    .requiredOption("--membership <id>", "membership ID (memb_...)")
    .option("--json", "print one JSON object")
    .action(async (options: { membership: string; json?: boolean }) => {
      const { api_key } = await withStore((store, now) =>
        store.write((tx) => createKey(tx, options.membership, now)),
      );
      printResult({ api_key }, options.json);
    });
  key
    .command("revoke")
    .description("Revoke an API key at once, everywhere")
    .argument("<key-id>", "the key's ID (the part before the dot) or the whole key")
    .option("--json", "print one JSON object")
    .action(async (keyId: string, options: { json?: boolean }) => {
      const id = keyId.split(".")[0] ?? keyId;
      await withStore((store, now) => store.write((tx) => revokeKey(tx, id, now)));
      printResult({ revoked: id }, options.json);
    });
}
