import type { Command } from "commander";
import { createApp, deleteApp, listApps } from "../../oauth/apps.ts";
import { printResult, withStore } from "../context.ts";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerAppCommands(program: Command): void {
  const app = program.command("app").description("Manage OAuth 2.0 apps");
  app
    .command("create")
    .description("Register an OAuth app for an organization; prints its client secret once")
    .requiredOption("--org <id>", "organization ID (orga_...)")
    .requiredOption("--name <name>", "the name people see on the consent page")
    .requiredOption(
      "--redirect-uri <uri>",
      "a redirect URI, matched exactly (repeat for several)",
      collect,
      [],
    )
    .option("--json", "print one JSON object")
    .action(
      async (options: { org: string; name: string; redirectUri: string[]; json?: boolean }) => {
        const result = await withStore((store, now) =>
          store.write((tx) =>
            createApp(
              tx,
              {
                organizationId: options.org,
                name: options.name,
                redirectUris: options.redirectUri,
              },
              now,
            ),
          ),
        );
        printResult(result, options.json);
      },
    );
  app
    .command("list")
    .description("List the OAuth apps (of one organization, with --org)")
    .option("--org <id>", "organization ID (orga_...)")
    .option("--json", "print one JSON object")
    .action(async (options: { org?: string; json?: boolean }) => {
      const apps = await withStore((store) => listApps(store.db, options.org));
      if (options.json) {
        printResult({ data: apps }, true);
        return;
      }
      for (const { client_id, organization_id, name, redirect_uris } of apps) {
        process.stdout.write(
          `${client_id}  ${organization_id}  ${name}  ${redirect_uris.join(" ")}\n`,
        );
      }
    });
  app
    .command("delete")
    .description("Delete an OAuth app; its access and refresh tokens stop working at once")
    .argument("<client-id>", "the app's client ID (oa2client_...)")
    .option("--json", "print one JSON object")
    .action(async (clientId: string, options: { json?: boolean }) => {
      await withStore((store, now) => store.write((tx) => deleteApp(tx, clientId, now)));
      printResult({ deleted: clientId }, options.json);
    });
}
