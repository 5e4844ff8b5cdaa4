/**
 * Remembers every accepted request until its issuedAt leaves the acceptance window, after
 * which the time check refuses it anyway. Memory is bounded: when full even after sweeping,
 * `remember` reports it and the caller refuses the request rather than forgetting one (which
 * would reopen replay).
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(
    private readonly maxEntries = 1_000_000,
    private readonly sweepEveryMs = 5_000,
  ) {}

  /** Returns "new" and records the key, "replay" if it was seen, "full" if it cannot be recorded. */
  remember(key: string, forgetAt: number, now: number): "new" | "replay" | "full" {
    const until = this.seen.get(key);
    if (until !== undefined && until >= now) return "replay";
    if (now >= this.nextSweep || this.seen.size >= this.maxEntries) this.sweep(now);
    if (this.seen.size >= this.maxEntries) return "full";
    this.seen.set(key, forgetAt);
    return "new";
  }

  sweep(now: number): void {
    this.nextSweep = now + this.sweepEveryMs;
    for (const [k, until] of this.seen) if (until < now) this.seen.delete(k);
  }

  get size(): number {
    return this.seen.size;
  }
}
