import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { testBackend } from "./helpers/backend.ts";
import { fuzz, fuzzSeed } from "./helpers/fuzz/run.ts";
import {
  callersOf,
  type SeededOrg,
  seedOrg,
  startTarget,
  type Target,
} from "./helpers/fuzz/target.ts";

/** Requests per backend in CI (fewer on PGlite, which runs in this process); `FUZZ_REQUESTS` or `npm run fuzz` runs more. */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? (testBackend() === "pglite" ? 600 : 1500));

/**
 * Random and hostile requests on every route of a real server over real sockets (a process
 * on SQLite and PostgreSQL, in this process on PGlite), as A's admin, A's least member, B's
 * admin, a bearer token and nobody: never a 5xx, every error Close's JSON, never a hang.
 * The seed is printed; FUZZ_SEED=<seed> replays the same requests.
 */
describe("fuzzing every route", () => {
  let target: Target;
  let a: SeededOrg;
  let b: SeededOrg;

  before(async () => {
    target = await startTarget(testBackend());
    a = await seedOrg(target, "Fuzz A");
    b = await seedOrg(target, "Fuzz B");
  });
  after(async () => {
    await target?.close();
  });

  test(`${REQUESTS} fuzzed requests: no 5xx, errors in Close's shape, no hang`, async (t) => {
    const seed = fuzzSeed();
    t.diagnostic(`FUZZ_SEED=${seed}`);
    const tally = await fuzz({
      origin: target.origin,
      identities: { callers: await callersOf(a, b), ids: [...(await a.ids()), ...(await b.ids())] },
      requests: REQUESTS,
      seed,
      concurrency: 4,
      maxProblems: 5,
    });
    t.diagnostic(`${tally.routes} routes; by status: ${JSON.stringify(tally.byStatus)}`);
    const report = tally.problems
      .map((p) => `#${p.index} (FUZZ_SEED=${seed}): ${p.problem}\n  ${p.request}`)
      .join("\n");
    assert.equal(tally.problems.length, 0, `${report}\n${target.output().slice(-3000)}`);
    assert.ok(tally.sent >= Math.min(REQUESTS, 1), "requests were sent");
    // The run reached the handlers, not only the gates in front of them.
    assert.ok((tally.byClass["2xx"] ?? 0) > 0, JSON.stringify(tally.byStatus));
    assert.ok((tally.byStatus["400"] ?? 0) > 0, JSON.stringify(tally.byStatus));
  });
});
