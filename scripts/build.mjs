#!/usr/bin/env node
// Bundles the server into one ESM file (dependencies stay in node_modules), so `npm start`
// runs plain JavaScript: faster to start and lighter than compiling TypeScript at load time.
import { build } from "esbuild";

await build({
  entryPoints: ["src/server.ts"],
  outfile: "dist/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
