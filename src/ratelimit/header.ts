// Rate limits: the `RateLimit` and `Retry-After` headers, in exactly the form Close sends.

import type { RateLimitDetails } from "../errors.ts";

/**
 * `limit=<n>, remaining=<n>, reset=<seconds>`: integers, comma and space, the form Close's
 * official Python client parses. `reset` is whole seconds, rounded up, until the budget is
 * full again.
 */
export function formatRateLimit(limit: number, remaining: number, resetSeconds: number): string {
  return `limit=${limit}, remaining=${remaining}, reset=${Math.ceil(resetSeconds)}`;
}

/**
 * The headers of a 429: `RateLimit` with nothing remaining, and `Retry-After` in whole
 * seconds, rounded up (at least 1: a refused request has something to wait for).
 */
export function rateLimitHeaders(details: RateLimitDetails): Record<string, string> {
  return {
    RateLimit: formatRateLimit(details.limit, 0, details.resetSeconds),
    "Retry-After": String(Math.max(1, Math.ceil(details.retryAfterSeconds))),
  };
}
