import { LRUCache } from "lru-cache";
import type { KeywardDb } from "@/lib/db/database";
import { recordEvents } from "@/lib/data/record-event";

const MINUTE = 60_000;
/** How often a token's last use is written: by each process (LastUsedThrottle), and by all of them together (the conditional UPDATE in lib/api/service.ts). */
export const LAST_USED_INTERVAL_MS = MINUTE;

interface FailureBucket {
  minute: number;
  tokenId: string | null;
  tokenTitle: string | null;
  count: number;
  codes: Record<string, number>;
  ips: Set<string>;
}

const MAX_IPS = 5;

/**
 * Authentication failures, counted in memory per (token, minute) — or per minute for requests
 * naming no existing token — and written as one `api.auth_failed` event per key and minute,
 * so a flood of bad requests costs a few rows, not one per request.
 */
export class FailureLog {
  private readonly buckets = new Map<string, FailureBucket>();

  add(token: { id: string; title: string } | null, code: string, ip: string, now: number): void {
    const minute = Math.floor(now / MINUTE) * MINUTE;
    const key = `${token?.id ?? "unknown"}@${minute}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { minute, tokenId: token?.id ?? null, tokenTitle: token?.title ?? null, count: 0, codes: {}, ips: new Set() };
      this.buckets.set(key, b);
    }
    b.count++;
    b.codes[code] = (b.codes[code] ?? 0) + 1;
    if (b.ips.size < MAX_IPS) b.ips.add(ip);
  }

  /** Writes the buckets of finished minutes (all of them when `all`), one event each, in one transaction. */
  async flush(db: KeywardDb, now: number, all = false): Promise<number> {
    const current = Math.floor(now / MINUTE) * MINUTE;
    const due = [...this.buckets].filter(([, b]) => all || b.minute < current);
    if (due.length === 0) return 0;
    // Taken out first: failures counted while the events are written go into new buckets, not lost.
    for (const [k] of due) this.buckets.delete(k);
    try {
      await db.transaction((tx) =>
        recordEvents(
          tx,
          due.map(([, b]) => ({
            at: new Date(b.minute),
            actor: b.tokenId ? { type: "token", id: b.tokenId, label: b.tokenTitle ?? b.tokenId } : { type: "anonymous", label: "Unknown token" },
            action: "api.auth_failed",
            target: b.tokenId ? { type: "token", id: b.tokenId, label: b.tokenTitle } : undefined,
            sourceIp: [...b.ips][0] ?? null,
            details: { count: b.count, codes: b.codes, ips: [...b.ips], minute: new Date(b.minute).toISOString() },
          })),
        ),
      );
    } catch (err) {
      // Kept for the next flush.
      for (const [k, b] of due) if (!this.buckets.has(k)) this.buckets.set(k, b);
      throw err;
    }
    return due.length;
  }
}

/** Writes a token's last-used time at most once a minute, so the hot path rarely writes. */
export class LastUsedThrottle {
  /**
   * When each token was last written, by the caller's clock (which tests move). The cache's own
   * TTL only bounds memory: an entry older than the interval is due anyway.
   */
  private readonly written: LRUCache<string, number>;

  constructor(
    private readonly intervalMs = LAST_USED_INTERVAL_MS,
    maxEntries = 100_000,
  ) {
    this.written = new LRUCache({ max: maxEntries, ttl: intervalMs });
  }

  /** True when the caller should write now; records that it did. */
  due(tokenId: string, now: number): boolean {
    const last = this.written.get(tokenId);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.written.set(tokenId, now);
    return true;
  }
}
