// The settable clock a test double installs: real time until a test moves it.
import type { Clock } from "../domain/time.ts";

/**
 * A clock that follows real time, can be pinned to an instant (`set`), moved forward
 * (`advance`: from a pinned instant, or from real time, which pins it there), and handed back
 * to real time (`real`). Everything in Roster that reads "now" (credential expiry, rate-limit
 * windows, webhook retries, sessions, timestamps) reads it from the injected clock, so moving
 * this one moves them all.
 */
export class SettableClock implements Clock {
  private pinned: number | null = null;

  now(): Date {
    return new Date(this.pinned ?? Date.now());
  }

  /** Moves "now" forward by `seconds` (may be fractional; negative moves it back). */
  advance(seconds: number): Date {
    if (!Number.isFinite(seconds)) throw new RangeError("advance needs a finite number of seconds");
    this.pinned = this.now().getTime() + seconds * 1000;
    return this.now();
  }

  /** Pins "now" to `instant` (a Date or an RFC 3339 / ISO 8601 string). */
  set(instant: Date | string): Date {
    const ms = (typeof instant === "string" ? new Date(instant) : instant).getTime();
    if (Number.isNaN(ms)) throw new RangeError(`not a time: ${String(instant)}`);
    this.pinned = ms;
    return this.now();
  }

  /** Back to real time. */
  real(): Date {
    this.pinned = null;
    return this.now();
  }

  /** True while a test has pinned the clock. */
  get isPinned(): boolean {
    return this.pinned !== null;
  }
}
