import { readFileSync } from "node:fs";

/**
 * Roster's version, from package.json (the one place it is set). Read at load time from the
 * file beside `src/` and `dist/`, so the bundled server and the TypeScript sources agree.
 */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;
