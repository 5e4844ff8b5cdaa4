import { lt, sql } from "drizzle-orm";
import type { KeywardDb, Queries } from "@/lib/db/database";
import { idempotencyKeys } from "@/lib/db/schema";
import { ConflictError } from "@/lib/domain/errors";
import { msg } from "@/lib/domain/message";

// No "server-only": the scheduler started by server.ts prunes the keys.

/** How long a form's key refuses a replay: far longer than any retry of one submission. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60_000;

/**
 * Claims the key of one form submission in the transaction that acts on it: a replay within the
 * window (from this process or another) is refused as already done; a refused or failed attempt
 * rolls its claim back with everything else, so the same form may try again.
 */
export async function claimIdempotencyKey(tx: Queries, actorId: string, key: string | undefined, now: number): Promise<void> {
  if (!key) return;
  const claimed = await tx.q
    .insert(idempotencyKeys)
    .values({ actorId, key, createdAt: new Date(now) })
    .onConflictDoUpdate({
      target: [idempotencyKeys.actorId, idempotencyKeys.key],
      set: { createdAt: new Date(now) },
      setWhere: lt(idempotencyKeys.createdAt, new Date(now - IDEMPOTENCY_WINDOW_MS)),
    })
    .returning({ key: idempotencyKeys.key });
  if (!claimed.length) throw new ConflictError(msg("tokenRules.alreadyCreated"));
}

/** Drops the keys older than the window (the scheduler's pass); a quiet pass takes no write lock. */
export async function pruneIdempotencyKeys(db: KeywardDb, now: number): Promise<number> {
  const old = lt(idempotencyKeys.createdAt, new Date(now - IDEMPOTENCY_WINDOW_MS));
  if (!(await db.q.select({ one: sql`1` }).from(idempotencyKeys).where(old).limit(1)).length) return 0;
  return db.transaction(async (tx) => (await tx.q.delete(idempotencyKeys).where(old).returning({ key: idempotencyKeys.key })).length);
}
