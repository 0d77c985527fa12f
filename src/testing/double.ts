// The test double's moving parts in one object, and the hooks that let them act on /api/v1/.
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyReply, FastifyRequest } from "fastify";
import { formatTimestamp } from "../domain/time.ts";
import type { App } from "../http/types.ts";
import type { Store } from "../store/store.ts";
import { SettableClock } from "./clock.ts";
import { type FaultRule, Faults, faultAnswer, normalizeRoute } from "./faults.ts";
import { Journal } from "./journal.ts";
import { Snapshots } from "./snapshots.ts";

export interface TestDoubleOptions {
  /** Enables the HTTP controls under `/_roster/` (ROSTER_CONTROL_TOKEN). */
  controlToken?: string;
  /** Most journal entries kept (default 1000). */
  journalCapacity?: number;
  /** Seed for the faults' draws. */
  seed?: number;
}

/**
 * What `startRoster` and `roster serve` with ROSTER_CONTROL_TOKEN add to an app: a settable
 * clock (given to buildApp as its clock), fault rules, a request journal, snapshots of the
 * store, and the baseline that `reset()` returns to.
 */
export class TestDouble {
  readonly clock = new SettableClock();
  readonly faults = new Faults();
  readonly journal: Journal;
  readonly snapshots: Snapshots;
  readonly controlToken: string | undefined;
  private baseline: string | null = null;

  constructor(store: Store, options: TestDoubleOptions = {}) {
    this.snapshots = new Snapshots(store);
    this.journal = new Journal(options.journalCapacity);
    this.controlToken = options.controlToken;
    if (options.seed !== undefined) this.faults.seed(options.seed);
  }

  /** Takes the snapshot that `reset()` returns to (after seeding). */
  async markBaseline(): Promise<void> {
    this.baseline = await this.snapshots.take();
  }

  /**
   * Back to the start: the database as it was after seeding, no fault rules, an empty
   * journal, the clock on real time.
   */
  async reset(): Promise<void> {
    if (this.baseline === null) await this.markBaseline();
    else await this.snapshots.restore(this.baseline);
    this.faults.clear();
    this.journal.clear();
    this.clock.real();
  }

  /**
   * Hooks for the `/api/v1/` scope, installed after authentication (so a rule can match an
   * organization or a key) and before the permission check (so a fault answers first).
   */
  install(api: App): void {
    const states = new WeakMap<FastifyRequest, RequestState>();
    const stateOf = (request: FastifyRequest): RequestState => {
      let state = states.get(request);
      if (!state) {
        state = {
          date: formatTimestamp(this.clock.now()),
          route: request.routeOptions.url ? toOpenApiRoute(request.routeOptions.url) : null,
          fault: undefined,
        };
        states.set(request, state);
      }
      return state;
    };
    api.addHook("onRequest", async (request, reply) => {
      const principal = request.principal;
      const state = stateOf(request);
      state.fault = this.faults.decide({
        method: request.method,
        route: state.route ?? "",
        path: pathOf(request.url),
        organizationId: principal?.organizationId ?? null,
        credentialId: principal?.apiKeyId ?? null,
      });
      const fault = state.fault;
      if (fault?.phase !== "before_commit") return;
      if (fault.latency_ms > 0) await sleep(fault.latency_ms);
      if (fault.drop === "before_body") return this.drop(request, reply, state);
    });
    api.addHook("preValidation", async (request, reply) => {
      const state = states.get(request);
      const fault = state?.fault;
      if (!state || !fault || fault.phase !== "before_commit") return;
      if (fault.drop === "after_body") return this.drop(request, reply, state);
      if (fault.status !== null) {
        const answer = faultAnswer(fault);
        return reply.code(answer.status).headers(answer.headers).send(answer.body);
      }
    });
    api.addHook("onSend", async (request, reply, payload) => {
      // A request refused before this double's onRequest hook (a bad credential) is recorded too.
      const state = stateOf(request);
      const fault = state.fault;
      if (fault?.phase === "after_commit") {
        // The unit of work has committed: the change stays, the answer is lost.
        if (fault.latency_ms > 0) await sleep(fault.latency_ms);
        if (fault.drop === "after_body") {
          this.record(request, state, null, undefined);
          request.raw.socket?.destroy();
          return payload;
        }
        if (fault.status !== null) {
          const answer = faultAnswer(fault);
          reply.code(answer.status).headers(answer.headers).type("application/json; charset=utf-8");
          payload = JSON.stringify(answer.body);
        }
      }
      this.record(request, state, reply.statusCode, payload);
      return payload;
    });
  }

  private drop(request: FastifyRequest, reply: FastifyReply, state: RequestState): void {
    this.record(request, state, null, undefined);
    reply.hijack();
    request.raw.socket?.destroy();
  }

  private record(
    request: FastifyRequest,
    state: RequestState,
    status: number | null,
    payload: unknown,
  ): void {
    this.journal.record({
      method: request.method,
      path: pathOf(request.url),
      route: state.route,
      query: request.query as Record<string, string>,
      headers: request.headers,
      body: request.body ?? null,
      status,
      response: parsePayload(payload),
      date: state.date,
      fault_id: state.fault?.id ?? null,
    } as Parameters<Journal["record"]>[0]);
  }
}

interface RequestState {
  date: string;
  route: string | null;
  fault: FaultRule | undefined;
}

/** Fastify's `/api/v1/membership/:id/` as OpenAPI writes it: `/api/v1/membership/{id}/`. */
function toOpenApiRoute(url: string): string {
  const route = normalizeRoute(url);
  return url.endsWith("/") ? `${route}/` : route;
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}

function parsePayload(payload: unknown): unknown {
  if (payload === undefined || payload === null || payload === "") return null;
  const text = Buffer.isBuffer(payload) ? payload.toString("utf8") : payload;
  if (typeof text !== "string") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
