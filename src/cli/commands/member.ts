import type { Command } from "commander";
import { addMember, listMembers } from "../../operations/provisioning.ts";
import { printResult, printRows, withStore } from "../context.ts";

export function registerMemberCommands(program: Command): void {
  const member = program.command("member").description("Manage memberships");
  member
    .command("add")
    .description("Add a member to an organization; prints the member's API key once")
    .requiredOption("--org <id>", "organization ID (orga_...)")
    .requiredOption("--email <email>", "the member's email")
    .requiredOption("--role <role>", "admin, superuser, user, restricteduser or a role_... ID")
    .option("--first-name <name>", "first name")
    .option("--last-name <name>", "last name")
    .option("--json", "print one JSON object")
    .action(
      async (options: {
        org: string;
        email: string;
        role: string;
        firstName?: string;
        lastName?: string;
        json?: boolean;
      }) => {
        const result = await withStore((store, now) =>
          store.write((tx) =>
            addMember(
              tx,
              options.org,
              {
                email: options.email,
                role: options.role,
                firstName: options.firstName,
                lastName: options.lastName,
              },
              now,
            ),
          ),
        );
        printResult(result, options.json);
      },
    );
  member
    .command("list")
    .description("List an organization's memberships, oldest first, with their users")
    .requiredOption("--org <id>", "organization ID (orga_...)")
    .option("--json", "print one JSON object")
    .action(async (options: { org: string; json?: boolean }) => {
      const members = await withStore((store) => listMembers(store.db, options.org));
      printRows(
        members,
        ["membership_id", "email", "role_id", "active", "date_created"],
        options.json,
      );
    });
}
