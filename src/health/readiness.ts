// Readiness: the named checks `GET /ready` runs. Rooms add their own (a Redis connection, say).
import { sql } from "kysely";
import { pendingMigrations } from "../store/migrations.ts";
import type { Store } from "../store/store.ts";

/** One thing the instance needs before it should get traffic. `check` throws when it is not so. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  /** Per check: "ok", or why not. */
  checks: Record<string, string>;
}

/** A check that does not answer within this long has failed: `/ready` must stay cheap. */
const CHECK_TIMEOUT_MS = 2000;

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The readiness checks of one app, run together on every `GET /ready`. While the instance
 * drains for shutdown it reports not ready, so a load balancer stops sending it new work.
 */
export class Readiness {
  private readonly checks: ReadinessCheck[] = [];
  private draining = false;

  constructor(checks: readonly ReadinessCheck[] = []) {
    for (const check of checks) this.add(check);
  }

  add(check: ReadinessCheck): void {
    if (this.checks.some((existing) => existing.name === check.name)) {
      throw new Error(`a readiness check named "${check.name}" exists already`);
    }
    this.checks.push(check);
  }

  names(): string[] {
    return this.checks.map((check) => check.name);
  }

  /** From now on the instance reports not ready (graceful shutdown has begun). */
  drain(): void {
    this.draining = true;
  }

  async report(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }): Promise<[string, string]> => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return [name, "ok"];
        } catch (error) {
          return [name, (error as Error).message || "failed"];
        }
      }),
    );
    const checks = Object.fromEntries(results);
    if (this.draining) checks.shutdown = "draining";
    return { ready: !this.draining && results.every(([, status]) => status === "ok"), checks };
  }
}

/** The store's checks: the database answers a query, and every migration has been applied. */
export function storeReadinessChecks(store: Store): ReadinessCheck[] {
  return [
    {
      name: "database",
      async check() {
        await sql`select 1`.execute(store.db);
      },
    },
    {
      name: "migrations",
      async check() {
        const pending = await pendingMigrations(store.db);
        if (pending.length > 0) throw new Error(`not applied: ${pending.join(", ")}`);
      },
    },
  ];
}
