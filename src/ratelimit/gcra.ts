// Rate limits: the generic cell rate algorithm, the arithmetic every store shares.

/**
 * GCRA keeps one number per bucket, its theoretical arrival time (TAT): the moment the bucket
 * would be empty again if no more requests came. A bucket of `limit` requests per `windowMs`
 * refills one request every `windowMs / limit` and holds at most `limit`, so a burst of
 * `limit` is admitted at once and a steady client gets exactly `limit` per window, with no
 * boundary at which two windows' worth slip through.
 */
export function intervalOf(limit: number, windowMs: number): number {
  return windowMs / limit;
}

/** Whether a request arriving at `now` fits a bucket whose TAT is `tat` (or earlier). */
export function fits(tat: number, now: number, intervalMs: number, windowMs: number): boolean {
  return Math.max(tat, now) + intervalMs - now <= windowMs;
}

/** What a bucket looks like after a decision: what the `RateLimit` header and 429 body say. */
export interface BucketState {
  limit: number;
  /** Requests that would still be admitted now. */
  remaining: number;
  /** Milliseconds until the bucket is full again (`remaining` back to `limit`). */
  resetMs: number;
  /** Milliseconds until one more request would be admitted (0 when one would be now). */
  retryAfterMs: number;
}

/**
 * The state of a bucket whose TAT was `tat` before a request at `now`, once that request is
 * admitted (`admitted`, the TAT moves on by one interval) or refused (it stays).
 */
export function stateAfter(
  tat: number,
  now: number,
  limit: number,
  windowMs: number,
  admitted: boolean,
): BucketState {
  const interval = intervalOf(limit, windowMs);
  const after = Math.max(tat, now) + (admitted ? interval : 0);
  const used = after - now;
  // A hair of slack so that floating-point leftovers do not hide a whole request.
  const remaining = Math.max(0, Math.min(limit, Math.floor((windowMs - used) / interval + 1e-9)));
  return {
    limit,
    remaining,
    resetMs: used,
    retryAfterMs: Math.max(0, after + interval - windowMs - now),
  };
}
