import { readFileSync } from "node:fs";

/**
 * Summarizes a V8 `.cpuprofile` (from `npm run bench -- --profile`, which runs Roster with
 * `node --cpu-prof`): self time by function, and by package or source folder.
 *
 *   npx tsx bench/profile.ts bench/results/profiles/CPU.*.cpuprofile [--top 30]
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function where(url: string): string {
  if (url === "") return "(native / V8)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith("node:")) return url;
  const src = url.indexOf("/src/");
  if (src >= 0) return url.slice(src + 1).replace(/\/[^/]+$/, "/");
  return url;
}

function summarize(path: string, top: number): void {
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const file = frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/src\//, "src/");
    const name = `${frame.functionName || "(anonymous)"}  ${file}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const place = where(frame.url);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  process.stdout.write(`${path}: ${(total / 1e6).toFixed(1)} s sampled\n\nby place:\n`);
  for (const [place, us] of [...places].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`  ${pct(us)}  ${place}\n`);
  }
  process.stdout.write("\nby function (self time):\n");
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`  ${pct(us)}  ${name}\n`);
  }
  process.stdout.write("\n");
}

const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const files = args.filter((a, i) => a !== "--top" && i !== topAt + 1);
if (files.length === 0) {
  process.stderr.write("usage: tsx bench/profile.ts FILE.cpuprofile... [--top N]\n");
  process.exit(1);
}
for (const file of files) summarize(file, top);
