import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createServer } from "node:net";
import { cpus, setPriority, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { randomBase62 } from "../src/domain/ids.ts";
import { openStore } from "../src/store/open.ts";
import { type SeededOrganization, seedOrganization } from "./seed.ts";
import { runTestingBench } from "./testing.ts";
import { startWebhookSink, subscribeSink, type WebhookSink } from "./webhook-sink.ts";

/**
 * `npm run bench`: Roster against a bare node:http server under the same load.
 *
 * For each backend (SQLite always; PostgreSQL when DATABASE_URL names a server) it makes a
 * fresh database, times a first start on it (migrations), seeds one organization of N
 * members and one of 50. Then, --runs times over, the reference server takes each load and
 * every case (CASES) runs in a Roster process of its own: start, time the first served
 * request (the existing-database startup), warm up, measure, read the peak RSS, stop. Each
 * row of the table is the median of its runs; a ratio is taken against the reference of the
 * same run. See bench/README.md for how to read the output.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The flags `npm start` runs the server with (package.json `config.node_flags`). */
const NODE_FLAGS: string[] = JSON.parse(
  readFileSync(join(ROOT, "package.json"), "utf8"),
).config.node_flags.split(" ");
/** Most membership IDs the write load rotates over (a uniform sample of the organization). */
const ID_SAMPLE = 100_000;
const READ_ORG_MEMBERS = 50;
const CLOCK_TICKS = 100;

// ---------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    members: { type: "string", default: "10000" },
    runs: { type: "string", default: "3" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "50" },
    threads: { type: "string", default: "1" },
    json: { type: "string" },
    only: { type: "string" },
    profile: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    autocannon: { type: "boolean", default: false },
    priority: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (flags.help) {
  process.stdout.write(`npm run bench -- [options]
  --members N       members of the large organization (default 10000)
  --runs N          runs of every case; each row is their median (default 3)
  --duration S      seconds measured per case (default 10)
  --warmup S        seconds of discarded load before each case (default 3)
  --connections C   concurrent connections (default 50)
  --threads T       wrk threads (default 1)
  --json PATH       where the results go (default bench/results/<time>-n<N>.json)
  --only LIST       comma-separated cases or prefixes: sqlite, postgres, sqlite-write, ...
  --profile         run Roster with --cpu-prof; profiles go to bench/results/profiles/
  --keep            keep the work directory (SQLite database, seeded.json, ID files) and
                    the PostgreSQL database
  --reuse DIR       SQLite only: run on the database a --keep run left in DIR (no seeding;
                    --members is read from it). For repeating the 1,000,000-member case.
  --autocannon      use autocannon even when wrk is available
  --priority P      nice value of the benchmark's processes and of its scheduler autogroup
                    (default -10 as root, else 0), so other jobs disturb the measurement less
PostgreSQL cases run when DATABASE_URL=postgres://... (a database is created and dropped).
<backend>-write-limited repeats the write case with rate limits on (in memory), and
<backend>-write-limited-redis with them shared through REDIS_URL when it is set.
Every other case runs with ROSTER_RATE_LIMITS=off and Roster's default request logging.
`);
  process.exit(0);
}

function positive(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const options = {
  members: Math.floor(positive("members", flags.members)),
  runs: Math.floor(positive("runs", flags.runs)),
  duration: positive("duration", flags.duration),
  warmup: Number(flags.warmup ?? 0),
  connections: Math.floor(positive("connections", flags.connections)),
  threads: Math.floor(positive("threads", flags.threads)),
  only: flags.only
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean),
  profile: flags.profile ?? false,
  keep: flags.keep ?? false,
  reuse: flags.reuse ? resolve(flags.reuse) : undefined,
  priority:
    flags.priority !== undefined ? Number(flags.priority) : process.getuid?.() === 0 ? -10 : 0,
};

if (options.reuse) {
  const seeded = JSON.parse(readFileSync(join(options.reuse, "sqlite-seeded.json"), "utf8"));
  options.members = seeded.large.members;
}

function selected(name: string): boolean {
  return !options.only || options.only.some((o) => name === o || name.startsWith(`${o}-`));
}

/** Whether any case of `backend` is selected. */
function backendSelected(backend: string): boolean {
  return !options.only || options.only.some((o) => o === backend || o.startsWith(`${backend}-`));
}

// ---------------------------------------------------------------------------------------
// Processes

const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void>> = [];

/** Gives a process we started the benchmark's scheduling priority (best effort). */
function prioritize(pid: number): void {
  if (options.priority === 0) return;
  try {
    setPriority(pid, options.priority);
  } catch {
    // Not permitted (not root): run at the normal priority.
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

interface Child {
  process: ChildProcess;
  pid: number;
  port: number;
  output: () => string;
}

async function startNode(
  script: string,
  env: Record<string, string>,
  extra: string[] = [],
  args: string[] = [],
) {
  const port = await freePort();
  // The built server runs as plain JavaScript, as `npm start` runs it; TypeScript through tsx.
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  // Request logs go to a file, as a user's would: a pipe read by this process would charge
  // the harness for every line.
  const logPath = join(workDir, `server-${port}.log`);
  const log = openSync(logPath, "w");
  const child = spawn(process.execPath, [...extra, ...loader, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", log, "pipe"],
  });
  closeSync(log);
  children.add(child);
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  child.on("exit", () => {
    children.delete(child);
    rmSync(logPath, { force: true });
  });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  prioritize(child.pid);
  const output = () => {
    let logged = "";
    try {
      logged = readFileSync(logPath, "utf8").slice(-4000);
    } catch {}
    return `${logged}${errors}`;
  };
  return { process: child, pid: child.pid, port, output } satisfies Child;
}

/**
 * Rate limits are off in every case but the `-limited` ones (one key hammers the server); there
 * they are on with limits far above the load, so every request pays for the check and none is
 * refused: in this process's memory, or through Redis when the bench has REDIS_URL.
 */
const LIMITS_OFF = { ROSTER_RATE_LIMITS: "off" };
const LIMITED = {
  ROSTER_RATE_LIMITS: "on",
  ROSTER_RATE_LIMIT_MEMBERSHIP_WRITE: "1000000000",
  ROSTER_RATE_LIMIT_READ: "1000000000",
  ROSTER_RATE_LIMIT_REDIS_PREFIX: `roster-bench:${process.pid}:`,
};
const LIMIT_VARIANTS: Array<{ suffix: string; env: Record<string, string> }> = [
  { suffix: "limited", env: { ...LIMITED, REDIS_URL: "" } },
  ...(process.env.REDIS_URL
    ? [{ suffix: "limited-redis", env: { ...LIMITED, REDIS_URL: process.env.REDIS_URL } }]
    : []),
];

/**
 * How a case starts Roster beyond the defaults: environment, arguments to the server, and a
 * step once it answers (`prepare`, whose result ends the step after the measurement and says
 * what it saw).
 */
interface ServerVariant {
  env?: Record<string, string>;
  args?: string[];
  prepare?: (port: number, load: Load) => Promise<() => Promise<string>>;
}

/** The webhook rows' receiver, started on first use and kept until the bench ends. */
let sink: Promise<WebhookSink> | undefined;
function webhookSink(): Promise<WebhookSink> {
  if (!sink) {
    sink = startWebhookSink();
    cleanups.push(async () => (await sink)?.close());
  }
  return sink;
}

function startRoster(databaseUrl: string, variant: ServerVariant = {}): Promise<Child> {
  const extra = [
    ...NODE_FLAGS,
    ...(options.profile
      ? ["--cpu-prof", "--cpu-prof-dir", join(ROOT, "bench/results/profiles")]
      : []),
  ];
  return startNode(
    "dist/server.js",
    {
      DATABASE_URL: databaseUrl,
      SEED_DEMO: "false",
      // One process unless a case asks for workers: `serve` alone runs one per core.
      ROSTER_WORKERS: "1",
      SQLITE_SYNCHRONOUS: "FULL",
      ...LIMITS_OFF,
      ...variant.env,
    },
    extra,
    variant.args,
  );
}

async function stop(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.process.once("exit", () => done()));
  child.process.kill("SIGTERM");
  const timer = setTimeout(() => child.process.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The process and its descendants (a server may fork workers), from /proc. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    const tasks = `/proc/${tree[i]}/task`;
    try {
      for (const task of readdirSync(tasks)) {
        const children = readFileSync(`${tasks}/${task}/children`, "utf8").trim();
        if (children) tree.push(...children.split(" ").map(Number));
      }
    } catch {
      // Exited meanwhile.
    }
  }
  return tree;
}

/** The highest peak resident set (VmHWM) of the process and its descendants, in MB. */
function peakRssMb(pid: number): number {
  let peak = Number.NaN;
  for (const member of processTree(pid)) {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, "utf8"));
      if (match) peak = Math.max(Number.isNaN(peak) ? 0 : peak, Number(match[1]) / 1024);
    } catch {}
  }
  return Math.round(peak * 10) / 10;
}

/** User + system CPU seconds the process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds of the process and its living descendants. */
function treeCpuSeconds(pid: number): number {
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      total += cpuSeconds(member);
    } catch {}
  }
  return total;
}

/**
 * fsync latency of the disk the SQLite database lives on: 200 × (write 4 KiB, fsync). Under
 * `synchronous=FULL` every group COMMIT waits for one, on the event loop's thread.
 */
function probeFsync(dir: string): { p50_ms: number; p99_ms: number } {
  const path = join(dir, "fsync-probe");
  const fd = openSync(path, "w");
  const block = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < 200; i++) {
      writeSync(fd, block, 0, block.length, i * block.length);
      const start = performance.now();
      fsyncSync(fd);
      times.push(performance.now() - start);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.floor(q * (times.length - 1))] ?? 0) * 100) / 100;
  return { p50_ms: at(0.5), p99_ms: at(0.99) };
}

/** Busy and total CPU ticks of the whole machine (all cores), from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number) as number[];
  const busy =
    (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  return { busy, total: busy + (idle ?? 0) + (iowait ?? 0) };
}

/**
 * Milliseconds from `since` until the server answers `path` with `expect` (or with any
 * status when `expect` is undefined). Polls every 5 ms.
 */
async function firstAnswer(
  child: Child,
  since: number,
  path: string,
  headers: Record<string, string>,
  expect?: number,
): Promise<number> {
  const deadline = since + 60_000;
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`the server exited (${child.process.exitCode}):\n${child.output()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${child.port}${path}`, { headers });
      await response.arrayBuffer();
      if (expect === undefined || response.status === expect) return performance.now() - since;
      throw new Error(`${path} answered ${response.status}, expected ${expect}`);
    } catch (error) {
      if ((error as Error).message.includes("answered")) throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  throw new Error(`no answer from the server within 60 s:\n${child.output()}`);
}

// ---------------------------------------------------------------------------------------
// Load

type Load =
  | { kind: "update-membership"; idsFile: string; ids: string[]; authorization: string }
  | { kind: "get"; path: string; label: string; authorization: string };

interface LoadResult {
  requests: number;
  rps: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  errors: number;
  non_2xx: number;
  /** Mean bytes read per response, headers included. */
  response_bytes: number;
  /** CPU seconds the load generator used. */
  generator_cpu_s: number;
}

type Generator = { name: "wrk"; path: string } | { name: "autocannon" };

function which(command: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

/** wrk if present or installable with apt-get; autocannon otherwise (with a warning). */
function findGenerator(): Generator {
  if (flags.autocannon) {
    process.stdout.write(
      "Using autocannon (--autocannon): it under-drives 2 cores, see bench/README.md.\n",
    );
    return { name: "autocannon" };
  }
  let path = which("wrk");
  if (!path && process.getuid?.() === 0 && which("apt-get")) {
    process.stdout.write("wrk not found; installing it with apt-get ...\n");
    try {
      execFileSync("sh", ["-c", "apt-get update -qq && apt-get install -y -qq wrk"], {
        stdio: "ignore",
      });
      path = which("wrk");
    } catch {
      path = undefined;
    }
  }
  if (path) return { name: "wrk", path };
  process.stdout.write(
    "WARNING: wrk is not available; falling back to autocannon. autocannon runs on Node and " +
      "competes with the server for the 2 cores, so it under-drives both servers: ratios stay " +
      "meaningful, absolute req/s do not. Install wrk (apt-get install wrk) for real numbers.\n",
  );
  return { name: "autocannon" };
}

async function runWrk(path: string, port: number, load: Load, seconds: number) {
  const script =
    load.kind === "update-membership"
      ? [join(ROOT, "bench/wrk/update-membership.lua"), load.idsFile]
      : [join(ROOT, "bench/wrk/get.lua"), load.path];
  const args = [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${seconds}s`,
    "-s",
    script[0] as string,
    `http://127.0.0.1:${port}/`,
    "--",
    script[1] as string,
    load.authorization,
  ];
  let generatorCpu = 0;
  const output = await new Promise<string>((done, fail) => {
    const child = spawn(path, args, { stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid !== undefined) prioritize(child.pid);
    // wrk's CPU time, polled: /proc forgets a process once it has exited.
    const poll = setInterval(() => {
      try {
        if (child.pid !== undefined) generatorCpu = cpuSeconds(child.pid);
      } catch {}
    }, 100);
    child.on("exit", () => clearInterval(poll));
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0 ? done(text) : fail(new Error(`wrk exited ${code}:\n${text}`)),
    );
  });
  const line = output.split("\n").find((l) => l.startsWith("@@WRK_JSON "));
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const raw = JSON.parse(line.slice("@@WRK_JSON ".length)) as {
    requests: number;
    bytes: number;
    duration_us: number;
    errors: Record<"connect" | "read" | "write" | "status" | "timeout", number>;
    latency_us: { p50: number; p90: number; p99: number; max: number };
  };
  const e = raw.errors;
  // No response at all (a server stalled for the whole window): no latency to speak of.
  const ms = (us: number) => (raw.requests > 0 ? us / 1000 : Number.NaN);
  return {
    requests: raw.requests,
    rps: raw.requests / (raw.duration_us / 1e6),
    p50_ms: ms(raw.latency_us.p50),
    p90_ms: ms(raw.latency_us.p90),
    p99_ms: ms(raw.latency_us.p99),
    max_ms: ms(raw.latency_us.max),
    errors: e.connect + e.read + e.write + e.timeout,
    non_2xx: e.status,
    response_bytes: raw.requests > 0 ? Math.round(raw.bytes / raw.requests) : 0,
    generator_cpu_s: generatorCpu,
  } satisfies LoadResult;
}

async function runAutocannon(port: number, load: Load, seconds: number): Promise<LoadResult> {
  const { default: autocannon } = await import("autocannon");
  type AutocannonRequest = Parameters<
    NonNullable<NonNullable<Parameters<typeof autocannon>[0]["requests"]>[number]["setupRequest"]>
  >[0];
  const bodies = ["superuser", "user", "restricteduser"].flatMap((role) =>
    ["enabled", "disabled"].map((arc) => JSON.stringify({ role_id: role, auto_record_calls: arc })),
  );
  const cpuBefore = process.cpuUsage();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request): AutocannonRequest =>
          load.kind === "update-membership"
            ? {
                ...request,
                method: "PUT",
                path: `/api/v1/membership/${pick(load.ids)}/`,
                headers: { authorization: load.authorization, "content-type": "application/json" },
                body: pick(bodies),
              }
            : {
                ...request,
                method: "GET",
                path: load.path,
                headers: { authorization: load.authorization },
              },
      },
    ],
  });
  const none = result.requests.total === 0;
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50_ms: none ? Number.NaN : result.latency.p50,
    p90_ms: none ? Number.NaN : result.latency.p90,
    p99_ms: none ? Number.NaN : result.latency.p99,
    max_ms: none ? Number.NaN : result.latency.max,
    errors: result.errors,
    non_2xx: result.non2xx,
    response_bytes:
      result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
    generator_cpu_s: (() => {
      const used = process.cpuUsage(cpuBefore);
      return (used.user + used.system) / 1e6;
    })(),
  };
}

function runLoad(generator: Generator, port: number, load: Load, seconds: number) {
  return generator.name === "wrk"
    ? runWrk(generator.path, port, load, seconds)
    : runAutocannon(port, load, seconds);
}

// ---------------------------------------------------------------------------------------
// Cases

interface CaseResult extends LoadResult {
  case: string;
  backend: "node:http" | "sqlite" | "postgres";
  request: string;
  members: number | null;
  /** The highest peak RSS of the server's processes (one, unless it forks workers). */
  peak_rss_mb: number;
  /** Start of the process to its first served authenticated request, on the seeded database. */
  startup_ms: number;
  /** CPU during the measurement, in percent of one core: the server (all its processes), the
   * load generator, and everything else on the machine (other processes; the database server
   * for PostgreSQL). */
  server_cpu_pct: number;
  generator_cpu_pct: number;
  other_cpu_pct: number;
  rps_ratio: number | null;
  p99_ratio: number | null;
  reference: string | null;
  /** SQLite: the WAL file's size when the measurement ends (it is rewound, never shrunk). */
  wal_mb?: number;
  /** Which run (1-based); absent on a row, which is the median of the runs. */
  run?: number;
  runs?: number;
}

/** What a case is expected to reach (the issue's targets); reported, never enforced. */
interface TargetSpec {
  /** req/s ≥ this × the reference's, of the same run. */
  ratio?: number;
  /** p99 ≤ this × the reference's p99. */
  p99Ratio?: number;
  p99Ms?: number;
  rssMb?: number;
}

/** One row of the table: a load against one Roster process (started as `server` says). */
interface CaseSpec {
  name: string;
  backend: "sqlite" | "postgres";
  databaseUrl: string;
  load: Load;
  members: number;
  reference: keyof References;
  server?: ServerVariant;
  targets?: TargetSpec;
}

/** Every run of every case, in order; the table shows their medians. */
const runs: CaseResult[] = [];
const startups: Array<{ backend: string; database: string; startup_ms: number }> = [];

async function measure(generator: Generator, child: Child, load: Load) {
  if (options.warmup > 0) await runLoad(generator, child.port, load, options.warmup);
  const cpuBefore = treeCpuSeconds(child.pid);
  const machineBefore = machineTicks();
  const started = performance.now();
  const result = await runLoad(generator, child.port, load, options.duration);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = treeCpuSeconds(child.pid) - cpuBefore;
  const machineAfter = machineTicks();
  const machine =
    ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) *
    cpus().length;
  const server = cpu / elapsed;
  const generatorShare = result.generator_cpu_s / elapsed;
  return {
    ...result,
    server_cpu_pct: Math.round(server * 100),
    generator_cpu_pct: Math.round(generatorShare * 100),
    other_cpu_pct: Math.max(0, Math.round((machine - server - generatorShare) * 100)),
    peak_rss_mb: peakRssMb(child.pid),
  };
}

function describe(load: Load): string {
  return load.kind === "update-membership" ? "PUT /api/v1/membership/{id}/" : load.label;
}

async function referenceCase(generator: Generator, name: string, load: Load, run: number) {
  const since = performance.now();
  const child = await startNode("bench/reference-server.ts", {});
  try {
    const startup = await firstAnswer(child, since, "/", {}, 200);
    const measured = await measure(generator, child, load);
    const result: CaseResult = {
      case: name,
      backend: "node:http",
      request: describe(load),
      members: null,
      startup_ms: Math.round(startup),
      ...measured,
      rps_ratio: null,
      p99_ratio: null,
      reference: null,
      run,
    };
    runs.push(result);
    report(result);
    return result;
  } finally {
    await stop(child);
  }
}

async function rosterCase(
  generator: Generator,
  spec: CaseSpec,
  reference: CaseResult | undefined,
  run: number,
) {
  const { load, backend, databaseUrl } = spec;
  const since = performance.now();
  const child = await startRoster(databaseUrl, spec.server);
  try {
    const startup = await firstAnswer(
      child,
      since,
      "/api/v1/me/",
      { authorization: load.authorization },
      200,
    );
    const finish = await spec.server?.prepare?.(child.port, load);
    const measured = await measure(generator, child, load);
    if (finish) process.stdout.write(`  ${spec.name}: ${await finish()}\n`);
    const result: CaseResult = {
      case: spec.name,
      backend,
      request: describe(load),
      members: spec.members,
      startup_ms: Math.round(startup),
      ...measured,
      rps_ratio: reference ? measured.rps / reference.rps : null,
      p99_ratio: reference ? measured.p99_ms / reference.p99_ms : null,
      reference: reference?.case ?? null,
      ...(backend === "sqlite" ? { wal_mb: walMb(databaseUrl) } : {}),
      run,
    };
    runs.push(result);
    report(result);
  } finally {
    await stop(child);
  }
}

/** Starts Roster on an empty database (it migrates) and times its first answer (a 401). */
async function emptyStartup(backend: string, databaseUrl: string): Promise<void> {
  const since = performance.now();
  const child = await startRoster(databaseUrl);
  try {
    const ms = await firstAnswer(child, since, "/api/v1/me/", {}, 401);
    startups.push({ backend, database: "empty (migrates)", startup_ms: Math.round(ms) });
    process.stdout.write(
      `  ${backend}: first answer on an empty database in ${Math.round(ms)} ms\n`,
    );
  } finally {
    await stop(child);
  }
}

function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
}

async function seed(databaseUrl: string, backend: string, workDir: string) {
  const store = await openStore(databaseUrl, {
    // Seed data need not survive a power cut; the server reopens the file with FULL.
    sqlite: { synchronous: "OFF" },
  });
  try {
    if (store.backend === "sqlite") await sql`PRAGMA cache_size = -262144`.execute(store.db);
    const started = performance.now();
    let lastReport = started;
    const large = await seedOrganization(store, {
      name: "Bench Large",
      members: options.members,
      sample: ID_SAMPLE,
      onProgress: (done, total) => {
        if (performance.now() - lastReport > 5000 || done === total) {
          lastReport = performance.now();
          process.stdout.write(
            `  ${backend}: seeded ${done.toLocaleString("en")} / ${total.toLocaleString("en")} members\n`,
          );
        }
      },
    });
    const small = await seedOrganization(store, {
      name: "Bench Read",
      members: READ_ORG_MEMBERS - 1,
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`  ${backend}: seeding took ${seconds.toFixed(1)} s\n`);
    const idsFile = join(workDir, `${backend}-membership-ids.txt`);
    writeFileSync(idsFile, `${large.memberIds.join("\n")}\n`);
    const seeded = { large, small, idsFile, seedSeconds: seconds };
    if (options.keep) {
      // What --reuse needs. The keys only open this throwaway database.
      writeFileSync(join(workDir, `${backend}-seeded.json`), JSON.stringify(seeded));
    }
    return seeded;
  } finally {
    await store.close();
  }
}

function loadsOf(seeded: {
  large: SeededOrganization;
  small: SeededOrganization;
  idsFile: string;
}) {
  const write: Load = {
    kind: "update-membership",
    idsFile: seeded.idsFile,
    ids: seeded.large.memberIds,
    authorization: basic(seeded.large.apiKey),
  };
  const read: Load = {
    kind: "get",
    path: `/api/v1/organization/${seeded.small.organizationId}/`,
    label: "GET /api/v1/organization/{id}/",
    authorization: basic(seeded.small.apiKey),
  };
  const readMembership: Load = {
    kind: "get",
    path: `/api/v1/membership/${seeded.small.memberIds[0] ?? seeded.small.adminMembershipId}/`,
    label: "GET /api/v1/membership/{id}/",
    authorization: basic(seeded.small.apiKey),
  };
  return { write, read, readMembership };
}

interface References {
  write?: CaseResult;
  read?: CaseResult;
}

/**
 * Variants of the write case: each adds a row `<backend>-write-<suffix>`, the same load
 * against a server started differently (environment, server arguments).
 */
const WRITE_VARIANTS: Array<{
  suffix: string;
  server: ServerVariant;
  targets?: (backend: "sqlite" | "postgres") => TargetSpec;
}> = [
  ...LIMIT_VARIANTS.map(({ suffix, env }) => ({ suffix, server: { env } })),
  // One subscription to membership updates: every write also queues a delivery, and the
  // dispatcher sends them (signed) to a local receiver while the load runs.
  {
    suffix: "webhook",
    server: {
      env: { ROSTER_WEBHOOK_ALLOW_PRIVATE: "true" },
      prepare: async (port, load) => {
        const end = await subscribeSink(port, load.authorization, await webhookSink());
        return async () => `${(await end()).toLocaleString("en")} deliveries received`;
      },
    },
  },
  // Every core (this machine's two): a primary and two workers on one port.
  {
    suffix: "workers-2",
    server: { env: { ROSTER_WORKERS: "2" } },
    targets: (backend) => ({ ratio: backend === "postgres" ? 0.12 : 0.3 }),
  },
];

/** The issue's targets for one process writing (the large case has its own). */
function writeTargets(backend: "sqlite" | "postgres", members: number): TargetSpec {
  if (backend === "postgres") return { ratio: 0.08, rssMb: 150 };
  return members >= 1_000_000
    ? { ratio: 0.15, p99Ms: 20 }
    : { ratio: 0.2, p99Ratio: 5, rssMb: 150 };
}

/** A backend's cases, as `--only` selects them. */
function casesOf(
  backend: "sqlite" | "postgres",
  databaseUrl: string,
  seeded: { large: SeededOrganization; small: SeededOrganization; idsFile: string },
): CaseSpec[] {
  const loads = loadsOf(seeded);
  const members = seeded.large.members;
  const write = { backend, databaseUrl, load: loads.write, members, reference: "write" } as const;
  const read = { backend, databaseUrl, members: READ_ORG_MEMBERS, reference: "read" } as const;
  const cases: CaseSpec[] = [
    { ...write, name: `${backend}-write`, targets: writeTargets(backend, members) },
    ...WRITE_VARIANTS.map((variant) => ({
      ...write,
      name: `${backend}-write-${variant.suffix}`,
      server: variant.server,
      targets: variant.targets?.(backend),
    })),
    { ...read, name: `${backend}-read`, load: loads.read },
    {
      ...read,
      name: `${backend}-read-membership`,
      load: loads.readMembership,
      targets: { ratio: 0.3 },
    },
  ];
  return cases.filter((spec) => selected(spec.name));
}

/** Starts the backend on an empty database, seeds it (or reuses a kept one): its cases. */
async function prepareBackend(
  backend: "sqlite" | "postgres",
  databaseUrl: string,
): Promise<CaseSpec[]> {
  process.stdout.write(`\n${backend}\n`);
  let seeded: Awaited<ReturnType<typeof seed>>;
  if (backend === "sqlite" && options.reuse) {
    seeded = JSON.parse(readFileSync(join(options.reuse, "sqlite-seeded.json"), "utf8"));
    process.stdout.write(
      `  reusing ${options.reuse} (${seeded.large.members.toLocaleString("en")} members)\n`,
    );
  } else {
    await emptyStartup(backend, databaseUrl);
    seeded = await seed(databaseUrl, backend, workDir);
    seedTimes[backend] = seeded.seedSeconds;
  }
  return casesOf(backend, databaseUrl, seeded);
}

const seedTimes: Record<string, number> = {};

/** A fresh PostgreSQL database on the server DATABASE_URL names; dropped at the end (unless --keep). */
async function createPostgresDatabase(serverUrl: string): Promise<string> {
  const name = `roster_bench_${randomBase62(10).toLowerCase()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (options.keep) {
    process.stdout.write(`  keeping the database: ${url}\n`);
    return url.toString();
  }
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  return url.toString();
}

// ---------------------------------------------------------------------------------------
// Report

function fixed(value: number | null, digits: number): string {
  return value === null || Number.isNaN(value) ? "–" : value.toFixed(digits);
}

function report(r: CaseResult): void {
  const run = r.run === undefined ? "" : ` [run ${r.run}]`;
  const ratio = r.rps_ratio === null ? "" : ` (${fixed(r.rps_ratio, 2)}× ref)`;
  const wal = r.wal_mb === undefined ? "" : `, WAL ${fixed(r.wal_mb, 1)} MB`;
  process.stdout.write(
    `  ${r.case}${run}: ${Math.round(r.rps)} req/s${ratio}, p50 ${fixed(r.p50_ms, 2)} ms, p99 ${fixed(r.p99_ms, 2)} ms, ` +
      `errors ${r.errors}, non-2xx ${r.non_2xx}, peak RSS ${r.peak_rss_mb} MB${wal}, ` +
      `CPU server ${r.server_cpu_pct}% / ${generatorName} ${r.generator_cpu_pct}% / other ${r.other_cpu_pct}%\n`,
  );
}

function walMb(databaseUrl: string): number {
  const wal = `${databaseUrl.replace(/^sqlite:/, "")}-wal`;
  return existsSync(wal) ? statSync(wal).size / 1e6 : 0;
}

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * One row per case: the median of each measure over its runs (ratios are the median of each
 * run's ratio to its own reference), errors and non-2xx summed.
 */
function rows(): CaseResult[] {
  const byCase = new Map<string, CaseResult[]>();
  for (const r of runs) byCase.set(r.case, [...(byCase.get(r.case) ?? []), r]);
  return [...byCase.values()].map((list) => {
    const first = list[0] as CaseResult;
    const mid = (pick: (r: CaseResult) => number | null | undefined) => {
      const values = list.map(pick).filter((v): v is number => typeof v === "number");
      return values.length === 0 ? null : median(values);
    };
    const row: CaseResult = {
      ...first,
      requests: mid((r) => r.requests) ?? 0,
      rps: mid((r) => r.rps) ?? 0,
      p50_ms: mid((r) => r.p50_ms) ?? Number.NaN,
      p90_ms: mid((r) => r.p90_ms) ?? Number.NaN,
      p99_ms: mid((r) => r.p99_ms) ?? Number.NaN,
      max_ms: mid((r) => r.max_ms) ?? Number.NaN,
      errors: list.reduce((sum, r) => sum + r.errors, 0),
      non_2xx: list.reduce((sum, r) => sum + r.non_2xx, 0),
      response_bytes: Math.round(mid((r) => r.response_bytes) ?? 0),
      generator_cpu_s: mid((r) => r.generator_cpu_s) ?? 0,
      peak_rss_mb: mid((r) => r.peak_rss_mb) ?? Number.NaN,
      startup_ms: Math.round(mid((r) => r.startup_ms) ?? Number.NaN),
      server_cpu_pct: Math.round(mid((r) => r.server_cpu_pct) ?? 0),
      generator_cpu_pct: Math.round(mid((r) => r.generator_cpu_pct) ?? 0),
      other_cpu_pct: Math.round(mid((r) => r.other_cpu_pct) ?? 0),
      rps_ratio: mid((r) => r.rps_ratio),
      p99_ratio: mid((r) => r.p99_ratio),
      runs: list.length,
    };
    delete row.run;
    const wal = mid((r) => r.wal_mb);
    if (wal !== null) row.wal_mb = wal;
    return row;
  });
}

function table(results: CaseResult[]): string {
  const head =
    "| case | request | members | req/s | × ref | p50 ms | p99 ms | p99 × ref | errors | non-2xx | resp B | peak RSS MB | CPU % server / gen / other | startup ms |";
  const rule = "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
  const lines = results.map((r) =>
    [
      r.case,
      r.request,
      r.members === null ? "–" : r.members.toLocaleString("en"),
      Math.round(r.rps).toLocaleString("en"),
      fixed(r.rps_ratio, 2),
      fixed(r.p50_ms, 2),
      fixed(r.p99_ms, 2),
      fixed(r.p99_ratio, 1),
      r.errors,
      r.non_2xx,
      r.response_bytes.toLocaleString("en"),
      fixed(r.peak_rss_mb, 0),
      `${r.server_cpu_pct} / ${r.generator_cpu_pct} / ${r.other_cpu_pct}`,
      r.startup_ms,
    ].join(" | "),
  );
  return [head, rule, ...lines.map((line) => `| ${line} |`)].join("\n");
}

interface Target {
  case: string;
  target: string;
  met: boolean;
}

/** The issue's targets, for reading the run; nothing fails on them. */
function targets(results: CaseResult[], specs: CaseSpec[]): Target[] {
  const out: Target[] = [];
  const check = (name: string, target: string, met: boolean) =>
    out.push({ case: name, target, met });
  for (const r of results) {
    const goal = specs.find((spec) => spec.name === r.case)?.targets;
    if (goal?.ratio !== undefined) {
      check(r.case, `req/s ≥ ${goal.ratio}× reference`, (r.rps_ratio ?? 0) >= goal.ratio);
    }
    if (goal?.p99Ratio !== undefined) {
      check(
        r.case,
        `p99 ≤ ${goal.p99Ratio}× reference p99`,
        (r.p99_ratio ?? Number.POSITIVE_INFINITY) <= goal.p99Ratio,
      );
    }
    if (goal?.p99Ms !== undefined) check(r.case, `p99 ≤ ${goal.p99Ms} ms`, r.p99_ms <= goal.p99Ms);
    if (goal?.rssMb !== undefined) {
      check(r.case, `peak RSS ≤ ${goal.rssMb} MB`, r.peak_rss_mb <= goal.rssMb);
    }
    if (r.backend !== "node:http") {
      check(r.case, "0 errors, 0 non-2xx", r.requests > 0 && r.errors === 0 && r.non_2xx === 0);
    }
    const unlimited = results.find((u) => u.case === r.case.replace(/-limited(-redis)?$/, ""));
    if (unlimited && unlimited !== r) {
      check(r.case, "rate limits cost ≤ 5 % of req/s", r.rps >= 0.95 * unlimited.rps);
    }
    if (r.backend !== "node:http") {
      check(
        r.case,
        "startup to first served request ≤ 1 s (existing database)",
        r.startup_ms <= 1000,
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Main

let generatorName = "wrk";
const workDir = mkdtempSync(join(tmpdir(), "roster-bench-"));

async function main(): Promise<void> {
  const generator = findGenerator();
  generatorName = generator.name;
  // The harness seeds, and runs autocannon when wrk is missing: it gets the priority too.
  prioritize(process.pid);
  if (options.priority !== 0) {
    // With autogroup scheduling, a nice value only ranks processes within their session;
    // between sessions the kernel shares CPU by the session group's own nice value.
    try {
      writeFileSync("/proc/self/autogroup", String(options.priority));
    } catch {
      // No autogroups, or not permitted.
    }
  }
  const loadAtStart = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
  const load1 = loadAtStart[0];
  if ((load1 ?? 0) > cpus().length / 2) {
    process.stdout.write(
      `WARNING: the machine is busy before the run (load average ${load1} on ${cpus().length} cores); ` +
        "every number below will be low and noisy. See the 'other' CPU column.\n",
    );
  }
  if (!options.keep) cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
  const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
    ? (process.env.DATABASE_URL as string)
    : undefined;
  if (selected("testing")) await runTestingBench(postgresUrl);
  const wantPostgres = postgresUrl !== undefined && backendSelected("postgres");

  // Roster runs as `npm start` runs it: the bundled build.
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
  process.stdout.write(
    `Roster benchmark: ${options.members.toLocaleString("en")} members, ` +
      `${generator.name} -t${options.threads} -c${options.connections}, ` +
      `${options.warmup} s warm-up + ${options.duration} s per case, ${options.runs} run(s), ` +
      `${options.priority === 0 ? "" : `nice ${options.priority}, `}node ${process.version}, ` +
      `${cpus().length} cores${postgresUrl ? "" : " (set DATABASE_URL=postgres://... for the PostgreSQL cases)"}\n`,
  );
  if (options.profile) mkdirSync(join(ROOT, "bench/results/profiles"), { recursive: true });
  const fsync = probeFsync(workDir);
  process.stdout.write(
    `fsync on the database's disk: p50 ${fsync.p50_ms} ms, p99 ${fsync.p99_ms} ms\n`,
  );

  const specs: CaseSpec[] = [];
  if (backendSelected("sqlite")) {
    const url = `sqlite:${join(options.reuse ?? workDir, "roster.db")}`;
    specs.push(...(await prepareBackend("sqlite", url)));
  }
  if (wantPostgres && postgresUrl) {
    const url = await createPostgresDatabase(postgresUrl);
    specs.push(...(await prepareBackend("postgres", url)));
  }

  // The reference takes the loads the cases need; any IDs and key will do, it reads none.
  const placeholderIds = join(workDir, "reference-ids.txt");
  const ids = Array.from({ length: 1000 }, () => `memb_${randomBase62(43)}`);
  writeFileSync(placeholderIds, `${ids.join("\n")}\n`);
  const placeholderAuth = basic(`api_${randomBase62(22)}.${randomBase62(43)}`);
  const referenceLoads: Record<keyof References, Load> = {
    write: {
      kind: "update-membership",
      idsFile: placeholderIds,
      ids,
      authorization: placeholderAuth,
    },
    read: {
      kind: "get",
      path: `/api/v1/organization/orga_${randomBase62(43)}/`,
      label: "GET /api/v1/{object}/{id}/",
      authorization: placeholderAuth,
    },
  };
  const needed = (["write", "read"] as const).filter((kind) =>
    specs.some((spec) => spec.reference === kind),
  );

  for (let run = 1; run <= options.runs; run++) {
    process.stdout.write(`\nrun ${run} of ${options.runs}\n`);
    const references: References = {};
    for (const kind of needed) {
      const name = kind === "write" ? "reference-put" : "reference-get";
      references[kind] = await referenceCase(generator, name, referenceLoads[kind], run);
    }
    for (const spec of specs) await rosterCase(generator, spec, references[spec.reference], run);
  }

  const results = rows();
  const checks = targets(results, specs);
  const output = {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "",
    load_average_at_start: loadAtStart,
    fsync,
    generator: generator.name,
    options: {
      members: options.members,
      runs: options.runs,
      duration_s: options.duration,
      warmup_s: options.warmup,
      connections: options.connections,
      threads: options.threads,
      priority: options.priority,
      sqlite_synchronous: "FULL",
    },
    seed_seconds: seedTimes,
    startups,
    results,
    runs,
    targets: checks,
  };
  const jsonPath = flags.json
    ? resolve(flags.json)
    : join(ROOT, "bench/results", `${output.date.replace(/[:.]/g, "-")}-n${options.members}.json`);
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(output, null, 2)}\n`);

  process.stdout.write(
    `\nMedian of ${options.runs} run(s) per row; × ref against the reference of the same run.\n`,
  );
  process.stdout.write(`\n${table(results)}\n\n`);
  for (const s of startups) {
    process.stdout.write(`Startup on an ${s.database} ${s.backend} database: ${s.startup_ms} ms\n`);
  }
  if (checks.length > 0) {
    process.stdout.write("\nTargets:\n");
    for (const c of checks) {
      process.stdout.write(`  ${c.met ? "met    " : "NOT met"}  ${c.case}: ${c.target}\n`);
    }
  }
  process.stdout.write(`\nResults: ${jsonPath}\n`);
}

async function cleanup(): Promise<void> {
  for (const child of children) child.kill("SIGKILL");
  for (const step of cleanups.reverse()) await step().catch(() => {});
}

process.on("SIGINT", () => {
  void cleanup().then(() => process.exit(130));
});

try {
  await main();
  await cleanup();
} catch (error) {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  await cleanup();
  process.exit(1);
}
