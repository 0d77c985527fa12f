#!/usr/bin/env node
// Builds what the installed package runs without tsx: `roster/testing` and `roster/client` as
// plain ESM (dependencies stay external) and their .d.ts files. `npm pack` runs it (prepack).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

// The server and the team page's assets first (dist/web/: the packed double serves the page).
await import("./build.mjs");
rmSync("dist/types", { recursive: true, force: true });
await build({
  entryPoints: { testing: "src/testing/index.ts", client: "src/client/index.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
  stdio: "inherit",
});

// The sources import each other as `./x.ts`; the declarations must name `./x.js`.
function rewrite(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) rewrite(path);
    else if (entry.name.endsWith(".d.ts")) {
      const text = readFileSync(path, "utf8");
      writeFileSync(path, text.replace(/(from\s+["']\.{1,2}\/[^"']*)\.ts(["'])/g, "$1.js$2"));
    }
  }
}
rewrite("dist/types");
