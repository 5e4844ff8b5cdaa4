import type { Statement } from "better-sqlite3";
import { lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { KeywardDb } from "@/lib/db/database";
import { seenRequestCounts, seenRequests } from "@/lib/db/schema";
import { wholeNumberFromEnv } from "@/lib/domain/settings";

const RELEASE_PER_CALL = 256;

/**
 * Remembers every accepted request until its issuedAt leaves the acceptance window, after
 * which the time check refuses it anyway: the in-memory first check of ReplayStore below. Keys are filed by the second they may be forgotten;
 * each call forgets a bounded number of due keys, so there is never a pause to sweep the
 * whole cache (which, at 100k entries, would stall every request in flight). Memory is
 * bounded: when full, `remember` says so without recording, and the database decides alone.
 *
 * Not lru-cache: its TTL runs on its own clock rather than the request's `now`.
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

  /** Forgets a key recorded for a request that was then refused, so its retry is not a replay. */
  forget(key: string): void {
    this.seen.delete(key);
  }

  get size(): number {
    return this.seen.size;
  }
}

/** What the store says about a key: new (now recorded), a replay, its token's partition full, or no answer. */
export type Seen = { readonly kind: "new" } | { readonly kind: "replay" } | { readonly kind: "full"; readonly retryAfterS: number } | { readonly kind: "unavailable" };

const NEW: Seen = { kind: "new" };
const REPLAY: Seen = { kind: "replay" };
const UNAVAILABLE: Seen = { kind: "unavailable" };
const MINUTE = 60_000;

interface Pending {
  tokenId: string;
  key: string;
  memoryKey: string;
  forgetAt: number;
  now: number;
  resolve: (seen: Seen) => void;
}

export interface ReplayStoreOptions {
  /** Unexpired keys one token may hold (KEYWARD_API_REPLAY_MAX_PER_TOKEN). */
  maxPerToken?: number;
  /** Keys the in-memory first check holds, all tokens together. */
  memoryEntries?: number;
}

export function maxPerTokenFromEnv(env: Record<string, string | undefined> = process.env): number {
  return wholeNumberFromEnv(env, "KEYWARD_API_REPLAY_MAX_PER_TOKEN", { fallback: 1_000_000, min: 1, max: 100_000_000, unit: "requests" });
}

/**
 * Replay protection shared by every process on the database and surviving restarts: a key is
 * new only if its (token, key) row could be inserted in seen_requests. Each token has its own
 * cap on unexpired keys, so one token flooding the store is refused alone (`full`) while the
 * others go on.
 *
 * Fast enough for the API hot path by two means. An in-memory ReplayCache answers a replay this
 * process already saw without touching the database; being only a first check, it may now
 * forget early when full, since the table still holds the key. And the inserts are group-
 * committed: the keys of every request arriving in one event-loop turn are written in one
 * transaction at the turn's end (setImmediate), and each request is answered only once its key
 * is committed, so an accepted request is on disk before it has any effect. That transaction
 * runs with synchronous=NORMAL (the connection's FULL is restored after it): in WAL mode a
 * commit then survives a crash or restart of the process, but not a power cut, and an fsync per
 * turn would stall every request in flight.
 */
export class ReplayStore {
  private readonly memory: ReplayCache;
  private readonly maxPerToken: number;
  private pending: Pending[] = [];
  private readonly insertStmt: Statement;
  private readonly usedStmt: Statement;
  private readonly oldestStmt: Statement;
  private readonly countStmt: Statement;
  private readonly relaxed: Statement;
  private readonly restore: Statement;
  private readonly flushNow = () => this.flush();
  private readonly insertAll: { immediate: (batch: Pending[]) => Seen[] };

  constructor(
    db: Db,
    opts: ReplayStoreOptions = {},
  ) {
    this.maxPerToken = opts.maxPerToken ?? maxPerTokenFromEnv();
    this.memory = new ReplayCache(opts.memoryEntries ?? 200_000);
    const client = db.$client;
    // A row whose time has passed is taken over rather than counted as a replay: such a request
    // fails the time check anyway, but a jti may be reused in a later assertion.
    this.insertStmt = client.prepare(`
      INSERT INTO seen_requests (token_id, key, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (token_id, key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at < ?`);
    this.usedStmt = client.prepare(`SELECT coalesce(sum(count), 0) FROM seen_request_counts WHERE token_id = ? AND expires_minute >= ?`).pluck();
    this.oldestStmt = client.prepare(`SELECT min(expires_minute) FROM seen_request_counts WHERE token_id = ? AND expires_minute >= ? AND count > 0`).pluck();
    this.countStmt = client.prepare(`
      INSERT INTO seen_request_counts (token_id, expires_minute, count) VALUES (?, ?, ?)
      ON CONFLICT (token_id, expires_minute) DO UPDATE SET count = count + excluded.count`);
    this.insertAll = client.transaction((batch: Pending[]) => this.insert(batch));
    const sync = client.pragma("synchronous", { simple: true }) as number;
    this.relaxed = client.prepare(`PRAGMA synchronous = ${Math.min(sync, 1)}`);
    this.restore = client.prepare(`PRAGMA synchronous = ${sync}`);
  }

  /**
   * Records `key` for `tokenId` until `forgetAt` (ms); resolves once that is committed, or with
   * why not. `now` is the request's time, as for its other checks.
   */
  remember(tokenId: string, key: string, forgetAt: number, now: number): Promise<Seen> {
    const memoryKey = `${tokenId} ${key}`;
    if (this.memory.remember(memoryKey, forgetAt, now) === "replay") return Promise.resolve(REPLAY);
    return new Promise((resolve) => {
      if (this.pending.push({ tokenId, key, memoryKey, forgetAt, now, resolve }) === 1) setImmediate(this.flushNow);
    });
  }

  /** Writes the turn's keys in one transaction, then answers each request. */
  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    let results: Seen[];
    try {
      this.relaxed.run();
      try {
        results = this.insertAll.immediate(batch);
      } finally {
        this.restore.run();
      }
    } catch (err) {
      // Only the message: SQL text could carry request data.
      console.error("Could not record API requests:", err instanceof Error ? err.message : String(err));
      results = batch.map(() => UNAVAILABLE);
    }
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i];
      // Refused for want of room or a database: not seen, so a retry must not look like a replay.
      if (results[i].kind === "full" || results[i] === UNAVAILABLE) this.memory.forget(p.memoryKey);
      p.resolve(results[i]);
    }
  }

  private insert(batch: Pending[]): Seen[] {
    // Per token: its unexpired keys (counted by expiry minute, the current one included, so the
    // count errs high by under a minute's worth) and the new ones by minute.
    const used = new Map<string, number>();
    const added = new Map<string, Map<number, number>>();
    const results = batch.map((p) => {
      const current = Math.floor(p.now / MINUTE);
      let n = used.get(p.tokenId);
      if (n === undefined) n = this.usedStmt.get(p.tokenId, current) as number;
      if (n >= this.maxPerToken) {
        used.set(p.tokenId, n);
        const oldest = (this.oldestStmt.get(p.tokenId, current) as number | null) ?? current;
        return { kind: "full", retryAfterS: Math.max(1, Math.ceil(((oldest + 1) * MINUTE - p.now) / 1000)) } as const;
      }
      if (this.insertStmt.run(p.tokenId, p.key, p.forgetAt, p.now).changes === 0) {
        used.set(p.tokenId, n);
        return REPLAY;
      }
      used.set(p.tokenId, n + 1);
      const minute = Math.floor(p.forgetAt / MINUTE);
      let byMinute = added.get(p.tokenId);
      if (!byMinute) added.set(p.tokenId, (byMinute = new Map()));
      byMinute.set(minute, (byMinute.get(minute) ?? 0) + 1);
      return NEW;
    });
    for (const [tokenId, byMinute] of added) for (const [minute, count] of byMinute) this.countStmt.run(tokenId, minute, count);
    return results;
  }
}

/**
 * Deletes the rows of expired keys, at most `batch` per transaction, yielding between them so
 * requests keep being answered while a large backlog goes; returns how many were deleted.
 */
export async function pruneSeenRequests(db: KeywardDb, now: number, batch = 2_000, maxBatches = 1_000): Promise<number> {
  let deleted = 0;
  // Read first: a quiet pass (nothing expired) takes no write lock.
  const expired = await db.q.select({ one: sql`1` }).from(seenRequests).where(lt(seenRequests.expiresAt, new Date(now))).limit(1);
  for (let i = 0; expired.length && i < maxBatches; i++) {
    const n = await db.transaction(
      async (tx) =>
        (
          await tx.rows(sql`DELETE FROM seen_requests WHERE (token_id, key) IN (SELECT token_id, key FROM seen_requests WHERE expires_at < ${now} LIMIT ${batch}) RETURNING 1 AS gone`)
        ).length,
    );
    deleted += n;
    if (n < batch) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  // A minute's count goes once the minute is over: every key it counted has expired by then.
  const over = lt(seenRequestCounts.expiresMinute, Math.floor(now / MINUTE));
  if ((await db.q.select({ one: sql`1` }).from(seenRequestCounts).where(over).limit(1)).length) {
    await db.transaction(async (tx) => {
      await tx.q.delete(seenRequestCounts).where(over);
    });
  }
  return deleted;
}
