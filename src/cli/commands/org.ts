import type { Command } from "commander";
import { createOrganization } from "../../operations/provisioning.ts";
import { printResult, withStore } from "../context.ts";

export function registerOrgCommands(program: Command): void {
  const org = program.command("org").description("Manage organizations");
  org
    .command("create")
    .description("Create an organization with an admin; prints the admin's API key once")
    .requiredOption("--name <name>", "organization name")
    .requiredOption("--admin-email <email>", "email of the first admin")
    .option("--json", "print one JSON object")
    .action(async (options: { name: string; adminEmail: string; json?: boolean }) => {
      const result = await withStore((store, now) =>
        store.write((tx) =>
          createOrganization(tx, { name: options.name, admin: { email: options.adminEmail } }, now),
        ),
      );
      printResult(result, options.json);
    });
}
