// The fuzz loop: seeded batches of requests, sent with some concurrency, tallied by outcome.
import fc from "fast-check";
import { type FuzzRequest, fuzzRequest, type Identities, routesOf } from "./requests.ts";
import { describeRequest, fuzzAgent, problemWith, sendFuzzRequest } from "./send.ts";

export interface FuzzOptions {
  origin: string;
  identities: Identities;
  requests: number;
  seed: number;
  concurrency: number;
  /** Stop after this many problems (default: never). */
  maxProblems?: number;
  /** Called after each batch, e.g. to print progress. */
  onBatch?: (tally: FuzzTally) => void;
}

export interface FuzzProblem {
  index: number;
  problem: string;
  request: string;
}

export interface FuzzTally {
  sent: number;
  /** Count by status class: "2xx", "4xx", ... and "none" for no answer. */
  byClass: Record<string, number>;
  /** Count by exact status. */
  byStatus: Record<string, number>;
  /** Answers of 500 or more (but `/ready`'s 503 for a slow check, which is its answer). */
  serverErrors: number;
  problems: FuzzProblem[];
  routes: number;
}

const BATCH = 500;

/** The requests of batch `batch`: the same for the same seed, so a run can be replayed. */
function batchOf(arbitrary: fc.Arbitrary<FuzzRequest>, seed: number, batch: number, size: number) {
  return fc.sample(arbitrary, { seed: (seed + batch * 7919) | 0, numRuns: size });
}

/** Fuzzes the server at `origin`: every route of its OpenAPI document and the undocumented ones. */
export async function fuzz(options: FuzzOptions): Promise<FuzzTally> {
  const res = await fetch(`${options.origin}/openapi.json`);
  const routes = routesOf(await res.json());
  const arbitrary = fuzzRequest(routes, options.identities);
  const agent = fuzzAgent(options.concurrency);
  const tally: FuzzTally = {
    sent: 0,
    byClass: {},
    byStatus: {},
    serverErrors: 0,
    problems: [],
    routes: routes.length,
  };
  try {
    for (let start = 0, batch = 0; start < options.requests; start += BATCH, batch++) {
      const requests = batchOf(
        arbitrary,
        options.seed,
        batch,
        Math.min(BATCH, options.requests - start),
      );
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const index = next++;
          const request = requests[index] as FuzzRequest;
          const answer = await sendFuzzRequest(options.origin, request, agent);
          tally.sent++;
          const cls = answer.status === 0 ? "none" : `${Math.floor(answer.status / 100)}xx`;
          tally.byClass[cls] = (tally.byClass[cls] ?? 0) + 1;
          tally.byStatus[answer.status] = (tally.byStatus[answer.status] ?? 0) + 1;
          const problem = problemWith(request, answer);
          if (answer.status >= 500 && problem) tally.serverErrors++;
          if (problem) {
            tally.problems.push({
              index: start + index,
              problem,
              request: describeRequest(request),
            });
          }
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      options.onBatch?.(tally);
      if (options.maxProblems !== undefined && tally.problems.length >= options.maxProblems) break;
    }
  } finally {
    agent.destroy();
  }
  return tally;
}

/** FUZZ_SEED when given (to replay a run), otherwise a fresh one. */
export function fuzzSeed(): number {
  const given = process.env.FUZZ_SEED;
  return given ? Number(given) | 0 : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
}
