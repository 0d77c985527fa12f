// Every core: how many server processes `roster serve` runs on one port, and why only one.
import { availableParallelism } from "node:os";
import type { Config } from "../config.ts";
import { parseDatabaseUrl } from "../store/database-url.ts";

export interface WorkerPlan {
  /** Server processes to run; 1 means this process serves alone, without a primary. */
  count: number;
  /** Set when more were asked for (or cores are there) but one process must serve. */
  singleBecause?: string;
}

/**
 * `ROSTER_WORKERS` (or `--workers`), else one per core. A database or a mode whose state
 * lives inside one process gets one worker, whatever was asked: PGlite and in-memory SQLite
 * are the database itself, and the test double's clock, faults, journal and snapshots are
 * this process's memory.
 */
export function planWorkers(config: Config, cores = availableParallelism()): WorkerPlan {
  const wanted = config.workers ?? cores;
  if (wanted <= 1) return { count: 1 };
  const single = inProcessReason(config);
  return single ? { count: 1, singleBecause: single } : { count: wanted };
}

function inProcessReason(config: Config): string | undefined {
  const target = parseDatabaseUrl(config.databaseUrl);
  if (target.kind === "pglite") return "PGlite runs inside this one process";
  if (target.kind === "sqlite" && target.path === ":memory:") {
    return "an in-memory SQLite database lives inside this one process";
  }
  if (config.controlToken) {
    return "ROSTER_CONTROL_TOKEN is set, and the test double's clock, faults, journal and snapshots live in one process";
  }
  return undefined;
}
