// `npm run fuzz -- --requests 100000`: fuzzes a real Roster server on SQLite and, when a PostgreSQL URL is set, on PostgreSQL.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Backend } from "../src/store/store.ts";
import { fuzz, fuzzSeed } from "../test/helpers/fuzz/run.ts";
import { callersOf, seedOrg, startTarget, type Target } from "../test/helpers/fuzz/target.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "8" },
    backend: { type: "string", multiple: true },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:/.test(url ?? ""),
);
if (postgresUrl) process.env.TEST_DATABASE_URL = postgresUrl;
const backends = (values.backend as Backend[] | undefined) ?? [
  "sqlite",
  ...(postgresUrl ? (["postgres"] as const) : []),
];
const seed = fuzzSeed();

/** The server's resident memory in MB: from /proc for a process, from this process otherwise. */
function rssMb(target: Target): number {
  if (target.pid === undefined) return process.memoryUsage().rss / 2 ** 20;
  const status = readFileSync(`/proc/${target.pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

let failed = false;
for (const backend of backends) {
  const target = await startTarget(backend);
  try {
    const a = await seedOrg(target, "Fuzz A");
    const b = await seedOrg(target, "Fuzz B");
    const ids = [...(await a.ids()), ...(await b.ids())];
    const rssStart = rssMb(target);
    const started = performance.now();
    console.log(
      `[${backend}] fuzzing ${requests} requests, concurrency ${concurrency}, FUZZ_SEED=${seed}`,
    );
    const tally = await fuzz({
      origin: target.origin,
      identities: { callers: await callersOf(a, b), ids },
      requests,
      seed,
      concurrency,
      onBatch: (progress) => {
        if (progress.sent % 10_000 === 0) {
          const line = `${progress.sent} sent, ${progress.serverErrors} >= 500, RSS ${rssMb(target).toFixed(0)} MB`;
          console.log(`[${backend}] ${line}`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const classes = Object.entries(tally.byClass)
      .sort()
      .map(([cls, n]) => `${cls} ${n}`)
      .join(", ");
    console.log(
      `[${backend}] routes ${tally.routes}, requests sent ${tally.sent} in ${seconds.toFixed(0)} s`,
    );
    console.log(`[${backend}] by status class: ${classes}`);
    console.log(`[${backend}] by status: ${JSON.stringify(tally.byStatus)}`);
    console.log(`[${backend}] responses >= 500: ${tally.serverErrors}`);
    console.log(`[${backend}] other problems: ${tally.problems.length - tally.serverErrors}`);
    console.log(
      `[${backend}] RSS start ${rssStart.toFixed(0)} MB, end ${rssMb(target).toFixed(0)} MB`,
    );
    for (const problem of tally.problems.slice(0, 10)) {
      console.log(`  #${problem.index}: ${problem.problem}\n    ${problem.request}`);
    }
    if (tally.problems.length > 0) {
      failed = true;
      const errors = target
        .output()
        .split("\n")
        .filter((line) => line.includes('"level":50'));
      for (const line of errors.slice(0, 5)) console.log(`  server: ${line.slice(0, 1500)}`);
    }
  } finally {
    await target.close();
  }
}
process.exit(failed ? 1 : 0);
