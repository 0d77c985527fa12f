import type { Command } from "commander";
import { RosterError } from "../../errors.ts";
import { updateOrganization } from "../../operations/organization.ts";
import { createOrganization, operatorActor } from "../../operations/provisioning.ts";
import { listOrganizations } from "../../store/organizations.ts";
import { printResult, printRows, withStore } from "../context.ts";
import { registerDomainCommands } from "./org-domains.ts";

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
  org
    .command("list")
    .description("List every organization, oldest first")
    .option("--json", "print one JSON object")
    .action(async (options: { json?: boolean }) => {
      const organizations = await withStore((store) => listOrganizations(store.db));
      printRows(
        organizations.map(({ id, name, date_created }) => ({ id, name, date_created })),
        ["id", "date_created", "name"],
        options.json,
      );
    });
  org
    .command("set")
    .description(
      "Change an organization's name or the email-domain settings that membership create uses",
    )
    .requiredOption("--org <id>", "organization ID (orga_...)")
    .option("--name <name>", "new name")
    .option(
      "--verified-domains <domains>",
      "comma-separated email domains, verified at once (replaces the list; '' empties it)",
    )
    .option(
      "--restrict-new-users <on>",
      "true or false: restrict new users to the verified domains",
    )
    .option("--json", "print one JSON object")
    .action(
      async (options: {
        org: string;
        name?: string;
        verifiedDomains?: string;
        restrictNewUsers?: string;
        json?: boolean;
      }) => {
        const restrict = options.restrictNewUsers;
        if (restrict !== undefined && restrict !== "true" && restrict !== "false") {
          throw RosterError.validation({ "restrict-new-users": "Must be true or false." });
        }
        const organization = await withStore((store, now) =>
          store.write((tx) =>
            updateOrganization(
              tx,
              operatorActor(options.org, "roster org set"),
              {
                name: options.name,
                verified_email_domains: options.verifiedDomains?.split(",").filter(Boolean),
                restrict_new_users_to_verified_domains:
                  restrict === undefined ? undefined : restrict === "true",
              },
              now,
              true,
            ),
          ),
        );
        printResult(
          {
            organization_id: organization.id,
            name: organization.name,
            verified_email_domains: organization.verified_email_domains,
            restrict_new_users_to_verified_domains:
              organization.restrict_new_users_to_verified_domains,
          },
          options.json,
        );
      },
    );
  registerDomainCommands(org);
}
