// The test double's own figures for `npm run bench`: start, reset, snapshot and restore times.
import { type StartOptions, startRoster } from "../src/testing/index.ts";

const RUNS = 20;
const MEMBERS = 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const fixture: StartOptions["fixture"] = {
  organizations: [
    {
      name: "Bench",
      members: [
        { email: "admin@bench.test", role: "admin" },
        ...Array.from({ length: MEMBERS - 1 }, (_, i) => ({
          email: `m${i}@bench.test`,
          role: "user",
        })),
      ],
    },
  ],
};

export interface TestingFigures {
  backend: string;
  first_start_ms: number;
  start_ms: number;
  reset_ms: number;
  snapshot_ms: number;
  restore_ms: number;
}

/**
 * Medians over RUNS in one warm process: `startRoster()` (default fixture; the first start,
 * which loads the modules, is reported apart), and with 100 members `reset()` after a write,
 * `snapshot()` and `restore()`.
 */
export async function benchTesting(databaseUrl?: string): Promise<TestingFigures> {
  const backend = databaseUrl ?? "sqlite::memory:";
  const starts: number[] = [];
  for (let i = 0; i <= 5; i++) {
    let roster: Awaited<ReturnType<typeof startRoster>> | undefined;
    starts.push(
      await timed(async () => {
        roster = await startRoster({ databaseUrl });
      }),
    );
    await roster?.close();
  }
  const roster = await startRoster({ fixture, databaseUrl });
  const auth = `Basic ${Buffer.from(`${roster.adminKey}:`).toString("base64")}`;
  const member = roster.organizations[0]?.members[1]?.membership_id;
  const write = () =>
    fetch(`${roster.url}/api/v1/membership/${member}/`, {
      method: "PUT",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ auto_record_calls: "enabled" }),
    });
  const resets: number[] = [];
  const snapshots: number[] = [];
  const restores: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await write();
    resets.push(await timed(() => roster.reset()));
    let id = "";
    snapshots.push(
      await timed(async () => {
        id = await roster.snapshot();
      }),
    );
    await write();
    restores.push(await timed(() => roster.restore(id)));
  }
  await roster.close();
  return {
    backend: backend.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@"),
    first_start_ms: Math.round(starts[0] as number),
    start_ms: Math.round(median(starts.slice(1))),
    reset_ms: +median(resets).toFixed(1),
    snapshot_ms: +median(snapshots).toFixed(1),
    restore_ms: +median(restores).toFixed(1),
  };
}

/** Runs the cases for SQLite in memory and, when given, a PostgreSQL URL; prints a table. */
export async function runTestingBench(postgresUrl?: string): Promise<TestingFigures[]> {
  const figures = [await benchTesting()];
  if (postgresUrl) figures.push(await benchTesting(postgresUrl));
  process.stdout.write(
    `\nTest double (medians; reset/snapshot/restore with ${MEMBERS} members):\n`,
  );
  console.table(figures);
  return figures;
}

if (process.argv[1]?.endsWith("bench/testing.ts")) {
  const url = process.env.DATABASE_URL;
  await runTestingBench(url && /^postgres(ql)?:/.test(url) ? url : undefined);
  process.exit(0);
}
