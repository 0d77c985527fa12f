import type { Command } from "commander";
import { revokeSessionsOfMembership } from "../../sessions/store.ts";
import { printResult, withStore } from "../context.ts";

export function registerSessionCommands(program: Command): void {
  const session = program.command("session").description("Manage browser sign-in sessions");
  session
    .command("revoke")
    .description("Sign a membership out of every browser at once")
    .requiredOption("--membership <id>", "membership ID (memb_...)")
    .option("--json", "print one JSON object")
    .action(async (options: { membership: string; json?: boolean }) => {
      const revoked = await withStore((store) =>
        store.write((tx) => revokeSessionsOfMembership(tx, options.membership)),
      );
      printResult({ membership_id: options.membership, sessions_revoked: revoked }, options.json);
    });
}
