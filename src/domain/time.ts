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

/**
 * A client's ISO 8601 date-time in the stored form, or undefined when it names no instant
 * JavaScript can hold: a leap second (`23:59:60`) passes a `date-time` schema but is not a
 * `Date`.
 */
export function parseTimestamp(value: string): string | undefined {
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : formatTimestamp(new Date(millis));
}

const STORED_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;

/** True when `value` has the stored form `formatTimestamp` gives. */
export function isStoredTimestamp(value: string): boolean {
  return STORED_TIMESTAMP.test(value);
}
