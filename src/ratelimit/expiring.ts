// Rate limits: a map of entries that expire, bounded by the entries live at one time.

/** Below this many entries the map does not bother sweeping. */
const SWEEP_FLOOR = 10_000;

/**
 * Entries keyed by something a client chooses (its address, its key), each with an expiry.
 * An expired entry means the same as none, so expired entries are swept out whenever the map
 * has doubled since the last sweep: clients that never come back cannot grow it for ever,
 * it holds at most about twice the entries live at once (and never fewer than the floor).
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, V>();
  private sweepAt = SWEEP_FLOOR;

  constructor(private readonly expiresAt: (value: V) => number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Sets `key`; `now` (ms) is when, to sweep out what has expired by then. */
  set(key: string, value: V, now: number): void {
    this.entries.set(key, value);
    if (this.entries.size < this.sweepAt) return;
    for (const [k, v] of this.entries) if (this.expiresAt(v) <= now) this.entries.delete(k);
    this.sweepAt = Math.max(SWEEP_FLOOR, this.entries.size * 2);
  }
}
