import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/**
 * Roster as real processes: a server (`src/server.ts`) or a CLI command (`src/cli/main.ts`),
 * started through tsx from the repository root with their own environment. Every process
 * started here is tracked: `stopAllServers()` (call it in an `after()` hook) kills what is
 * still running, and as a last resort whatever survives is SIGKILLed when the test process
 * exits. Traffic stays on 127.0.0.1.
 */

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const HOST = "127.0.0.1";
/** The last this many characters of a process's stdout and stderr are kept for diagnostics. */
const OUTPUT_KEEP = 64 * 1024;

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A TCP port that was free a moment ago (the OS picked it for a listener we then closed). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a Roster child process: ours, minus the test runner's, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  // A child must not believe it is a node:test worker.
  delete base.NODE_TEST_CONTEXT;
  return { ...base, ...env };
}

function keepTail(buffer: { text: string }, chunk: Buffer): void {
  buffer.text += chunk.toString("utf8");
  if (buffer.text.length > OUTPUT_KEEP) buffer.text = buffer.text.slice(-OUTPUT_KEEP);
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `http://127.0.0.1:<port>/api/v1` */
  readonly api: string;
  /** Settles when the process has exited. */
  readonly exited: Promise<Exit>;
  /** The tail of its stdout and stderr. */
  output(): string;
  /** Sends `signal` (default SIGKILL) and waits for the exit; escalates to SIGKILL if needed. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface StartServerOptions {
  databaseUrl: string;
  /** Extra environment (overrides the defaults below). */
  env?: Record<string, string>;
  /** Most time to wait for the port to answer; the wait is also bounded by a poll count. */
  readyTimeoutMs?: number;
  /**
   * Worker processes (`ROSTER_WORKERS`, default 1). With more, the start waits until the
   * banner says every worker listens.
   */
  workers?: number;
}

/**
 * Spawns `node --import tsx src/server.ts` on a free port with DATABASE_URL, HOST=127.0.0.1,
 * SEED_DEMO=false, LOG_LEVEL=warn, ROSTER_RATE_LIMITS=off and ROSTER_WORKERS=1, and resolves once the port
 * answers HTTP. Fails with the process's output if it exits first or never answers.
 */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  let lastError: unknown;
  // The port is free when chosen but another process may take it first: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startServerOnce(options, await freePort());
    } catch (error) {
      lastError = error;
      if (!String((error as Error).message).includes("EADDRINUSE")) throw error;
    }
  }
  throw lastError;
}

async function startServerOnce(options: StartServerOptions, port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: REPO_ROOT,
    env: childEnv({
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST,
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      // Off unless a test turns them on: load and crash tests hammer one key on purpose.
      ROSTER_RATE_LIMITS: "off",
      // One process unless a test asks for workers (`serve` alone defaults to one per core).
      ROSTER_WORKERS: String(options.workers ?? 1),
      ...options.env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const buffer = { text: "" };
  child.stdout?.on("data", (chunk: Buffer) => keepTail(buffer, chunk));
  child.stderr?.on("data", (chunk: Buffer) => keepTail(buffer, chunk));
  let hasExited = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once("exit", (code, signal) => {
      hasExited = true;
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const origin = `http://${HOST}:${port}`;
  const server: ServerProcess = {
    pid: child.pid ?? -1,
    port,
    origin,
    api: `${origin}/api/v1`,
    exited,
    output: () => buffer.text,
    async stop(signal: NodeJS.Signals = "SIGKILL") {
      if (!hasExited) child.kill(signal);
      const settled = await Promise.race([exited, sleep(10_000).then(() => undefined)]);
      if (settled) return settled;
      child.kill("SIGKILL");
      return exited;
    },
  };

  // Each worker is a process of its own to start (and compile, through tsx): more time.
  const timeout = options.readyTimeoutMs ?? 60_000 * Math.max(1, options.workers ?? 1);
  const pollEvery = 50;
  const deadline = Date.now() + timeout;
  for (let poll = 0; poll < timeout / pollEvery && Date.now() < deadline; poll++) {
    if (hasExited) {
      await exited;
      throw new Error(`The server exited before answering on port ${port}:\n${buffer.text}`);
    }
    // With workers, the first answers before the others listen: the banner comes after all.
    if ((options.workers ?? 1) > 1 ? /listening on/.test(buffer.text) : await answers(origin)) {
      return server;
    }
    await sleep(pollEvery);
  }
  await server.stop();
  throw new Error(`The server did not answer on port ${port} in time:\n${buffer.text}`);
}

/** True when something answers HTTP at `origin` (any status will do). */
async function answers(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/api/v1/me/`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Kills every server this process started and has not stopped yet. */
export async function stopAllServers(): Promise<void> {
  const exits = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  );
  await Promise.all(exits);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node --import tsx src/cli/main.ts ...args` with DATABASE_URL (and `env`) and waits
 * for it.
 */
export function runCli(
  args: string[],
  databaseUrl: string,
  timeoutMs = 60_000,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runToExit(["src/cli/main.ts", ...args], { ...env, DATABASE_URL: databaseUrl }, timeoutMs);
}

/**
 * Runs `node --import tsx <script> ...args` from the repository root with `env` (and
 * LOG_LEVEL=warn) and waits for it to exit; SIGKILLed after `timeoutMs`.
 */
export async function runToExit(
  scriptAndArgs: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<CliResult> {
  const child = spawn(process.execPath, ["--import", "tsx", ...scriptAndArgs], {
    cwd: REPO_ROOT,
    env: childEnv({ LOG_LEVEL: "warn", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => {
    child.once("exit", (exitCode) => {
      running.delete(child);
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, stdout, stderr };
}
