// The team page's browser assets: `dist/web/` from `npm run build`, or bundled in memory from `web/`.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

function asset(name: string, body: Buffer): Asset {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  return { body, type: TYPES[name] as string, etag };
}

/**
 * Loads the assets once, on the first page asked for. A built bundle (`dist/server.js`, and
 * the packed `dist/testing.js`) serves what `npm run build` wrote beside it; run from source
 * (tests, `tsx`), esbuild bundles `web/` in memory with the options `scripts/build.mjs` uses,
 * so a page never runs stale code.
 */
export async function loadWebAssets(): Promise<Map<string, Asset>> {
  const here = fileURLToPath(import.meta.url);
  if (basename(dirname(here)) === "dist") {
    const dir = join(dirname(here), "web");
    return new Map(
      Object.keys(TYPES).map((name) => [name, asset(name, readFileSync(join(dir, name)))]),
    );
  }
  const root = join(dirname(here), "..", "..");
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [join(root, "web", "app.ts"), join(root, "web", "app.css")],
    outdir: join(root, "dist", "web"),
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = file.path.split(sep).pop() as string;
    if (TYPES[name]) assets.set(name, asset(name, Buffer.from(file.contents)));
  }
  return assets;
}
