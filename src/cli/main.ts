import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.ts";
import { RosterError } from "../errors.ts";
import { DatabaseUrlError } from "../store/database-url.ts";
import { FixtureError } from "../testing/fixture.ts";
import { VERSION } from "../version.ts";
import { registerAppCommands } from "./commands/app.ts";
import { registerKeyCommands } from "./commands/key.ts";
import { registerMemberCommands } from "./commands/member.ts";
import { registerOrgCommands } from "./commands/org.ts";
import { registerSeedCommands } from "./commands/seed.ts";
import { registerServerCommands } from "./commands/server.ts";
import { registerSessionCommands } from "./commands/session.ts";
import { registerTokenCommands } from "./commands/token.ts";
import { registerWebhookCommands } from "./commands/webhook.ts";

/** A user mistake as one line: the message, and for validation the fields at fault. */
function describe(error: unknown): string {
  if (error instanceof RosterError) {
    const fields = Object.entries(error.fieldErrors ?? {}).map(
      ([field, message]) => `${field}: ${message}`,
    );
    return fields.length > 0 ? fields.join("; ") : error.message;
  }
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseUrlError ||
    error instanceof FixtureError
  )
    return error.message;
  return `unexpected error: ${(error as Error).message}`;
}

const program = new Command("roster")
  .description("Roster: a Close-compatible memberships, roles and organizations server")
  .version(VERSION, "-V, --version", "print the version")
  .exitOverride();
registerOrgCommands(program);
registerMemberCommands(program);
registerKeyCommands(program);
registerTokenCommands(program);
registerWebhookCommands(program);
registerAppCommands(program);
registerServerCommands(program);
registerSessionCommands(program);
registerSeedCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 1);
  process.stderr.write(`roster: ${describe(error)}\n`);
  process.exit(1);
}
