// The safe-write extensions on the wire: ETag and 304 on reads, and the refusals of misuse.
import { RosterError } from "../errors.ts";
import { repeatWhileOpen } from "../http/periodic.ts";
import type { App, Services } from "../http/types.ts";
import { etagOf, ifNoneMatchHolds } from "./etag.ts";
import { parseIdempotencyKey, sweepExpiredKeys } from "./idempotency.ts";
import { isDryRun } from "./write.ts";

/** What a route offers beyond Close (set in its `config.safeWrites`). */
export interface SafeWriteFeatures {
  /** Its 2xx answers are one membership, role or organization, and carry that object's ETag. */
  etag?: boolean;
  /** A write that takes `If-Match` (its `safeWrite` spec has `current`). */
  ifMatch?: boolean;
  /** A write that takes `Idempotency-Key` (it goes through `safeWrite`). */
  idempotent?: boolean;
  /** A write that takes `?dry_run=true` (its query schema lists `dry_run`). */
  dryRun?: boolean;
}

declare module "fastify" {
  interface FastifyContextConfig {
    safeWrites?: SafeWriteFeatures;
  }
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** How often expired idempotency keys are deleted (each user's also go whenever they store one). */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

function unsupported(what: string): RosterError {
  return new RosterError("bad_request", `${what} is not supported on this endpoint.`);
}

/**
 * Registers, on the `/api/v1` scope: the refusal of an extension a write does not offer (so a
 * client never believes it got a guarantee it did not), the `Idempotency-Key` form check, the
 * ETag of object answers and 304 for a current `If-None-Match`, and the sweep of expired keys.
 * Each hook is synchronous and does nothing but look at a header unless it is asked for.
 */
export function registerSafeWrites(api: App, { store, clock }: Services): void {
  api.addHook("preValidation", (request, _reply, done) => {
    if (!WRITE_METHODS.has(request.method)) return done();
    const features = request.routeOptions.config.safeWrites ?? {};
    const headers = request.headers;
    if (headers["idempotency-key"] !== undefined) {
      if (!features.idempotent) return done(unsupported("Idempotency-Key"));
      try {
        parseIdempotencyKey(headers["idempotency-key"]);
      } catch (error) {
        return done(error as RosterError);
      }
    }
    if (headers["if-match"] !== undefined && !features.ifMatch) {
      return done(unsupported("If-Match"));
    }
    const query = request.query as Record<string, unknown> | undefined;
    if (query?.dry_run !== undefined && !features.dryRun) {
      return done(
        RosterError.validation({ dry_run: "Dry runs are not supported on this endpoint." }),
      );
    }
    done();
  });

  api.addHook("preSerialization", (request, reply, payload, done) => {
    if (
      request.routeOptions.config.safeWrites?.etag &&
      reply.statusCode < 300 &&
      !isDryRun(request)
    ) {
      const tag = etagOf(payload);
      reply.header("ETag", tag);
      const ifNoneMatch = request.headers["if-none-match"];
      if (
        request.method === "GET" &&
        ifNoneMatch !== undefined &&
        ifNoneMatchHolds(ifNoneMatch, tag)
      ) {
        reply.code(304);
      }
    }
    done(null, payload);
  });

  api.addHook("onSend", (_request, reply, payload, done) => {
    if (reply.statusCode !== 304) return done(null, payload);
    reply.removeHeader("content-type");
    done(null, null);
  });

  repeatWhileOpen(api, SWEEP_EVERY_MS, () =>
    store.write((tx) => sweepExpiredKeys(tx, clock.now())),
  );
}
