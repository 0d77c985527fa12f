// Rate limits: where requests meet the limiter (Fastify hooks), and the `RateLimit` header.

import type { FastifyReply, FastifyRequest } from "fastify";
import { RosterError } from "../errors.ts";
import type { Principal } from "../http/auth.ts";
import type { App, Services } from "../http/types.ts";
import { ExpiringMap } from "./expiring.ts";
import { addressGroupOf, apiGroupOf, type RateLimitGroup } from "./groups.ts";
import { formatRateLimit } from "./header.ts";
import { type Bucket, RateLimiter, type RateLimitStatus, type Verdict } from "./limiter.ts";
import type { RateLimitStore } from "./store.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A route outside `/api/v1` limited per client address in this group (sign-in, token). */
    rateLimitGroup?: RateLimitGroup;
  }
  interface FastifyInstance {
    /** The limiter's store and its health; null when rate limits are off. */
    rateLimitStatus(): RateLimitStatus | null;
  }
}

export interface RateLimitHooks {
  /** Registers, on the `/api/v1` scope, the limit per credential and per organization. Call it
   * after the authentication hook. */
  limitApi(api: App): void;
  /** Whether no per-credential or per-organization limit applies to this API request. */
  exempts(request: FastifyRequest): boolean;
}

/** The budget of a credential: an API key by its ID; OAuth tokens and sessions per member and
 * app (so refreshing a token does not buy a fresh budget). */
function credentialOf(principal: Principal): string {
  return principal.apiKeyId ?? `${principal.membershipId}:${principal.oauthAppId ?? "-"}`;
}

function isApiPath(url: string): boolean {
  return url.startsWith("/api/v1/") || url === "/api/v1" || url.startsWith("/api/v1?");
}

/**
 * Turns on rate limits for `app` unless `ROSTER_RATE_LIMITS=off`:
 * - under `/api/v1`, once authenticated, each request spends from its credential's and its
 *   organization's budget for its endpoint group, and every answer carries `RateLimit`;
 * - a request that fails to authenticate spends from its client address's budget; an address
 *   that has spent it all is answered 429 before its credential is even looked at, so guessing
 *   keys is slow (this block is kept by each instance);
 * - sign-in and the OAuth token endpoint are limited per address before anything else.
 * Over a limit, the one error mapper answers 429 with `Retry-After` and Close's body.
 */
export function registerRateLimits(
  app: App,
  { config, clock }: Services,
  local?: RateLimitStore,
): RateLimitHooks {
  const settings = config.rateLimits;
  if (!settings.enabled) {
    app.decorate("rateLimitStatus", () => null);
    return { limitApi: () => {}, exempts: () => true };
  }
  const limiter = new RateLimiter(settings, clock, app.log, config.redisUrl, local);
  app.decorate("rateLimitStatus", () => limiter.status());
  app.addHook("onReady", async () => limiter.connected());
  app.addHook("onClose", async () => limiter.close());
  /** Addresses whose failed authentications used up their budget, and until when (ms). Swept
   * as they expire: an attacker with many addresses (an IPv6 prefix) cannot grow it for ever. */
  const blocked = new ExpiringMap<{ until: number; verdict: Verdict }>((block) => block.until);

  const enforce = (reply: FastifyReply, verdict: Verdict): void => {
    const { bucket, state } = verdict;
    if (verdict.admitted) {
      reply.header(
        "RateLimit",
        formatRateLimit(bucket.limit, state.remaining, state.resetMs / 1000),
      );
      return;
    }
    throw RosterError.rateLimited({
      type: bucket.type,
      limit: bucket.limit,
      windowSeconds: settings.windowSeconds,
      retryAfterSeconds: state.retryAfterMs / 1000,
      resetSeconds: state.resetMs / 1000,
    });
  };

  const takeForAddress = async (request: FastifyRequest, group: RateLimitGroup) => {
    const limit = limiter.limitOf(group);
    if (limit === 0) return undefined;
    const verdict = await limiter.take([{ key: `${group}:ip:${request.ip}`, limit, type: "key" }]);
    if (!verdict.admitted) {
      const now = clock.now().getTime();
      blocked.set(request.ip, { until: now + verdict.state.retryAfterMs, verdict }, now);
    }
    return verdict;
  };

  app.addHook("onRequest", async (request, reply) => {
    if (isApiPath(request.url)) {
      if (request.is404) {
        const verdict = await takeForAddress(request, "unauthenticated");
        if (verdict) enforce(reply, verdict);
        return;
      }
      const block = blocked.get(request.ip);
      if (!block) return;
      const left = block.until - clock.now().getTime();
      if (left <= 0) {
        blocked.delete(request.ip);
        return;
      }
      const { state } = block.verdict;
      enforce(reply, {
        ...block.verdict,
        state: {
          ...state,
          retryAfterMs: left,
          resetMs: state.resetMs - (state.retryAfterMs - left),
        },
      });
      return;
    }
    const group =
      request.routeOptions.config?.rateLimitGroup ?? addressGroupOf(request.method, request.url);
    if (!group) return;
    const verdict = await takeForAddress(request, group);
    if (verdict) enforce(reply, verdict);
  });

  return {
    exempts(request) {
      const group = apiGroupOf(request.method, request.routeOptions.url);
      return limiter.limitOf(group) === 0 && limiter.organizationLimitOf(group) === 0;
    },
    limitApi(api) {
      api.addHook("onRequest", async (request, reply) => {
        const principal = request.principal;
        if (!principal) return;
        const group = apiGroupOf(request.method, request.routeOptions.url);
        const buckets: Bucket[] = [];
        const limit = limiter.limitOf(group);
        if (limit > 0) {
          buckets.push({ key: `${group}:key:${credentialOf(principal)}`, limit, type: "key" });
        }
        const organizationLimit = limiter.organizationLimitOf(group);
        if (organizationLimit > 0) {
          buckets.push({
            key: `${group}:org:${principal.organizationId}`,
            limit: organizationLimit,
            type: "organization",
          });
        }
        if (buckets.length > 0) enforce(reply, await limiter.take(buckets));
      });
      // A request that failed to authenticate spends its address's budget instead.
      api.addHook("onError", async (request, reply, error) => {
        if (request.principal || !(error instanceof RosterError)) return;
        if (error.code !== "unauthorized") return;
        const verdict = await takeForAddress(request, "unauthenticated");
        if (!verdict) return;
        const { bucket, state } = verdict;
        reply.header(
          "RateLimit",
          formatRateLimit(bucket.limit, state.remaining, state.resetMs / 1000),
        );
      });
    },
  };
}
