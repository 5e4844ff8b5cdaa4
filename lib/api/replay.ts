const RELEASE_PER_CALL = 256;

/**
 * Remembers every accepted request until its issuedAt leaves the acceptance window, after
 * which the time check refuses it anyway. Keys are filed by the second they may be forgotten;
 * each call forgets a bounded number of due keys, so there is never a pause to sweep the
 * whole cache (which, at 100k entries, would stall every request in flight). Memory is
 * bounded: when full, `remember` says so and the caller refuses the request rather than
 * forgetting one early (which would reopen replay).
 *
 * Not lru-cache, unlike the other caches: lru-cache makes room by evicting the least recently
 * used entry, which here would be a request still inside its window, so a captured request
 * could be replayed by flooding the cache first. It cannot refuse an insert when full, and its
 * TTL runs on its own clock rather than the request's `now`.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private readonly bySecond = new Map<number, string[]>();
  private readonly due: string[][] = [];
  private cursor = -1;

  constructor(private readonly maxEntries = 1_000_000) {}

  /** Returns "new" and records the key, "replay" if it was seen, "full" if it cannot be recorded. */
  remember(key: string, forgetAt: number, now: number): "new" | "replay" | "full" {
    const until = this.seen.get(key);
    if (until !== undefined && until >= now) return "replay";
    this.release(now, this.seen.size >= this.maxEntries ? Infinity : RELEASE_PER_CALL);
    if (this.seen.size >= this.maxEntries) return "full";
    this.seen.set(key, forgetAt);
    const second = Math.floor(forgetAt / 1000);
    const bucket = this.bySecond.get(second);
    if (bucket) bucket.push(key);
    else this.bySecond.set(second, [key]);
    return "new";
  }

  /** Moves the buckets of past seconds to the due list, then forgets up to `limit` due keys. */
  private release(now: number, limit: number): void {
    const past = Math.floor(now / 1000) - 1;
    if (this.cursor < 0) this.cursor = past;
    while (this.cursor < past) {
      this.cursor++;
      const bucket = this.bySecond.get(this.cursor);
      if (bucket) {
        this.bySecond.delete(this.cursor);
        this.due.push(bucket);
      }
    }
    let n = 0;
    while (n < limit && this.due.length > 0) {
      const bucket = this.due[this.due.length - 1];
      const key = bucket.pop();
      if (bucket.length === 0) this.due.pop();
      if (key === undefined) continue;
      const until = this.seen.get(key);
      if (until !== undefined && until < now) this.seen.delete(key);
      n++;
    }
  }

  get size(): number {
    return this.seen.size;
  }
}
