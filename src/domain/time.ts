/** Where "now" comes from; tests pass their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Close's timestamp form: ISO 8601 UTC with six fractional digits and an explicit offset,
 * e.g. `2026-11-28T13:46:31.870000+00:00`. Fixed width, so it also sorts as text.
 */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000+00:00`;
}
