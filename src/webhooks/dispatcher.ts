// The dispatcher: in each server process, claims due deliveries and POSTs them, signed, with bounded concurrency.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { FastifyBaseLogger } from "fastify";
import { randomBase62 } from "../domain/ids.ts";
import type { Clock } from "../domain/time.ts";
import { EventSchema } from "../schemas/event.ts";
import { findEvent } from "../store/events.ts";
import type { WebhookDeliveryRow } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import {
  type AttemptOutcome,
  claimDeliveries,
  recordAttempt,
  releaseDeliveries,
  subscriptionsWithDueDeliveries,
} from "./deliveries.ts";
import {
  type DestinationPolicy,
  DestinationRefused,
  type Lookup,
  type ResolvedDestination,
  resolveDestination,
} from "./destinations.ts";
import { signatureOf } from "./signing.ts";

export interface DispatcherOptions {
  store: Store;
  clock: Clock;
  policy: DestinationPolicy;
  /** How long a claim holds; a dead instance's claims are taken over after it (default 60 s). */
  leaseMs?: number;
  /** Most deliveries in flight at once, overall and per subscription. */
  maxInFlight?: number;
  maxInFlightPerSubscription?: number;
  /**
   * How often to look for due deliveries, in real time (default 200 ms). While the queue
   * holds more than the free capacity, a finished attempt claims again at once, without
   * waiting for the next poll.
   */
  pollMs?: number;
  /** A receiver's whole answer must arrive within this (default 10 s). */
  timeoutMs?: number;
  log?: Pick<FastifyBaseLogger, "warn" | "error">;
  /** DNS, for tests of destinations by name. */
  lookup?: Lookup;
}

export interface Dispatcher {
  /** Claims and sends everything due now, and waits until those attempts are recorded. */
  runDue(): Promise<void>;
  /** Stops polling, aborts attempts in flight and gives their claims back. */
  stop(): Promise<void>;
}

export const USER_AGENT = "Roster-Webhooks/1.0 (Close-compatible)";
/** The body of a receiver's answer is read up to this much, then dropped. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const EVENT_FIELDS = Object.keys(EventSchema.properties);
/** Subscriptions looked at per claim; a claim that finds this many may have left some out. */
const SUBSCRIPTIONS_PER_CLAIM = 100;

/** The event exactly as `GET /event/{id}/` shows it: the same fields, in the same order. */
function publicEvent(event: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(EVENT_FIELDS.map((field) => [field, event[field]]));
}

/**
 * Starts the dispatcher loop: every `pollMs` it claims due deliveries (up to the free
 * capacity, per subscription and overall), sends them without waiting, and records each
 * outcome in a unit of work of its own; while a claim was cut short by that capacity, each
 * finished attempt claims again at once. Nothing here runs on a request's path.
 */
export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const dispatcher = createDispatcher(options);
  dispatcher.start();
  return dispatcher;
}

/** A dispatcher that only sends when told (`runDue`): for tests that drive the clock. */
export function createDispatcher(options: DispatcherOptions) {
  const { store, clock, policy } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxInFlight = options.maxInFlight ?? 16;
  const maxPerSubscription = options.maxInFlightPerSubscription ?? 4;
  const pollMs = options.pollMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const owner = `dispatcher_${randomBase62(16)}`;
  const inFlight = new Map<
    string,
    { delivery: WebhookDeliveryRow; abort: AbortController; done: Promise<void> }
  >();
  const perSubscription = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let polling: Promise<void> = Promise.resolve();
  /** Claims run one at a time (each counts the free capacity): this is the last one queued. */
  let claims: Promise<unknown> = Promise.resolve();
  /** The last claim was cut short by the capacity: more deliveries may be due right now. */
  let moreDue = false;
  /** A claim for finished attempts is queued and has not counted the free capacity yet. */
  let reclaimQueued = false;

  function claimDue(): Promise<Promise<void>[]> {
    const claim = claims.then(claimOnce);
    claims = claim.catch(() => {});
    return claim;
  }

  async function claimOnce(): Promise<Promise<void>[]> {
    reclaimQueued = false;
    const free = maxInFlight - inFlight.size;
    if (stopped) return [];
    if (free <= 0) {
      moreDue = true;
      return [];
    }
    const now = clock.now();
    const subscriptionIds = await subscriptionsWithDueDeliveries(
      store.db,
      now,
      SUBSCRIPTIONS_PER_CLAIM,
    );
    moreDue = subscriptionIds.length === SUBSCRIPTIONS_PER_CLAIM;
    if (subscriptionIds.length === 0) return [];
    const exclude = [...inFlight.keys()];
    const claimed = await store.write(async (tx) => {
      const all: WebhookDeliveryRow[] = [];
      let cut = false;
      for (const subscriptionId of subscriptionIds) {
        const room = Math.min(
          maxPerSubscription - (perSubscription.get(subscriptionId) ?? 0),
          free - all.length,
        );
        if (room <= 0) {
          cut = true;
          continue;
        }
        const rows = await claimDeliveries(tx, subscriptionId, owner, now, leaseMs, room, exclude);
        if (rows.length === room) cut = true;
        all.push(...rows);
      }
      return { all, cut };
    });
    moreDue ||= claimed.cut;
    return claimed.all.map((delivery) => send(delivery));
  }

  /** After an attempt: if the last claim left due deliveries behind, claim again now. */
  function reclaim(): void {
    if (!moreDue || stopped || reclaimQueued) return;
    reclaimQueued = true;
    claimDue().catch((error) =>
      options.log?.error({ err: error }, "webhook dispatcher could not claim deliveries"),
    );
  }

  function send(delivery: WebhookDeliveryRow): Promise<void> {
    const abort = new AbortController();
    perSubscription.set(
      delivery.subscription_id,
      (perSubscription.get(delivery.subscription_id) ?? 0) + 1,
    );
    const done = attempt(delivery, abort.signal)
      .catch((error) =>
        options.log?.error(
          { err: error, delivery: delivery.id },
          "webhook delivery failed to record",
        ),
      )
      .finally(() => {
        inFlight.delete(delivery.id);
        const left = (perSubscription.get(delivery.subscription_id) ?? 1) - 1;
        if (left > 0) perSubscription.set(delivery.subscription_id, left);
        else perSubscription.delete(delivery.subscription_id);
        reclaim();
      });
    inFlight.set(delivery.id, { delivery, abort, done });
    return done;
  }

  async function attempt(delivery: WebhookDeliveryRow, signal: AbortSignal): Promise<void> {
    const subscription = await store.db
      .selectFrom("webhook_subscriptions")
      .select(["url", "signature_key", "verify_ssl"])
      .where("id", "=", delivery.subscription_id)
      .executeTakeFirst();
    if (!subscription) return; // deleted meanwhile, with its deliveries
    const event = await findEvent(
      store.db,
      delivery.organization_id,
      delivery.event_id,
      clock.now(),
    );
    const started = performance.now();
    let outcome: AttemptOutcome;
    if (!event) {
      outcome = { statusCode: null, error: "The event no longer exists.", durationMs: 0 };
    } else {
      const body = JSON.stringify({
        event: publicEvent(event),
        subscription_id: delivery.subscription_id,
      });
      const timestamp = String(Math.floor(clock.now().getTime() / 1000));
      outcome = await post(
        subscription.url,
        body,
        {
          "content-type": "application/json",
          "user-agent": USER_AGENT,
          "close-sig-timestamp": timestamp,
          "close-sig-hash": signatureOf(subscription.signature_key, timestamp, body),
        },
        subscription.verify_ssl === 1,
        signal,
      );
      outcome.durationMs = performance.now() - started;
    }
    if (signal.aborted) return; // stopping: the claim is given back, the attempt not counted
    const result = await store.write((tx) => recordAttempt(tx, delivery, outcome, clock.now()));
    if (result.paused) {
      options.log?.warn(
        { subscription: delivery.subscription_id },
        "webhook subscription paused after 3 days of failures",
      );
    }
  }

  async function post(
    url: string,
    body: string,
    headers: Record<string, string>,
    verifySsl: boolean,
    signal: AbortSignal,
  ): Promise<AttemptOutcome> {
    let destination: ResolvedDestination;
    try {
      destination = await resolveDestination(url, policy, options.lookup);
    } catch (error) {
      if (error instanceof DestinationRefused)
        return { statusCode: null, error: error.message, durationMs: 0 };
      throw error;
    }
    return sendTo(
      destination,
      body,
      headers,
      verifySsl,
      AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    );
  }

  async function poll(): Promise<void> {
    try {
      await claimDue();
    } catch (error) {
      options.log?.error({ err: error }, "webhook dispatcher could not claim deliveries");
    }
  }

  return {
    start() {
      const tick = () => {
        if (stopped) return;
        polling = poll().finally(() => {
          if (!stopped) timer = setTimeout(tick, pollMs);
        });
      };
      timer = setTimeout(tick, 0);
    },
    async runDue() {
      for (;;) {
        const started = await claimDue();
        if (started.length === 0 && inFlight.size === 0) return;
        await Promise.all([...inFlight.values()].map((f) => f.done));
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
      await claims;
      const pending = [...inFlight.values()];
      for (const flight of pending) flight.abort.abort();
      await Promise.all(pending.map((f) => f.done));
      await store
        .write((tx) =>
          releaseDeliveries(
            tx,
            owner,
            pending.map((f) => f.delivery.id),
          ),
        )
        .catch(() => {});
    },
  };
}

/**
 * POSTs to the address that was checked (never resolving the name again), with TLS checked
 * against the host name unless the subscription turned that off. Never follows redirects.
 */
function sendTo(
  destination: ResolvedDestination,
  body: string,
  headers: Record<string, string>,
  verifySsl: boolean,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  const { url, host, address, family } = destination;
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(
        null,
        [{ address, family }],
      );
    } else {
      callback(null, address, family);
    }
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const started = performance.now();
    const finish = (statusCode: number | null, error: string | null) =>
      resolve({ statusCode, error, durationMs: performance.now() - started });
    const request = client.request(
      {
        method: "POST",
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: pinned,
        agent: false,
        signal,
        ...(url.protocol === "https:" ? { servername: host, rejectUnauthorized: verifySsl } : {}),
      },
      (response) => {
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on("close", () => {
          const status = response.statusCode ?? null;
          finish(
            status,
            status !== null && status >= 200 && status < 300 ? null : `HTTP ${status}`,
          );
        });
        response.on("error", () => {});
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      const reason = signal.aborted ? "timed out or stopped" : (error.code ?? error.message);
      finish(null, `Could not deliver: ${reason}.`);
    });
    request.end(body);
  });
}
