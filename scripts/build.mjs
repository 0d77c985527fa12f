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

// The team page's browser code (web/): one small bundle and one stylesheet, served by the
// server from dist/web/ (src/web/assets.ts bundles the same way in memory when run from source).
await build({
  entryPoints: ["web/app.ts", "web/app.css"],
  outdir: "dist/web",
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  logLevel: "warning",
});
