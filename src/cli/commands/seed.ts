import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { FixtureError, parseFixture, seedFixture } from "../../testing/fixture.ts";
import { withStore } from "../context.ts";

/** Reads a fixture file: YAML for `.yaml`/`.yml`, JSON otherwise. Errors name the file. */
export function readFixtureFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new FixtureError(
      "",
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new FixtureError(
      "",
      `${file} is not valid ${/\.ya?ml$/i.test(file) ? "YAML" : "JSON"}: ${(error as Error).message}`,
    );
  }
}

export function registerSeedCommands(program: Command): void {
  program
    .command("seed")
    .description(
      "Create the organizations, roles, members and API keys a fixture file describes (JSON or YAML), all or nothing; prints every API key",
    )
    .requiredOption("--file <path>", "fixture file (.json, .yaml or .yml)")
    .action(async (options: { file: string }) => {
      let seeded: Awaited<ReturnType<typeof seedFixture>>;
      try {
        const fixture = parseFixture(readFixtureFile(options.file));
        seeded = await withStore((store, now) => seedFixture(store, fixture, now));
      } catch (error) {
        if (error instanceof FixtureError && !error.message.startsWith(options.file))
          error.message = `${options.file}: ${error.message}`;
        throw error;
      }
      process.stdout.write(`${JSON.stringify({ organizations: seeded }, null, 2)}\n`);
    });
}
