import crypto from "node:crypto";
import os from "node:os";
import { and, eq, lte, or, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "@/lib/db/client";
import { schedulerLeases } from "@/lib/db/schema";

/**
 * One leader at a time among the Keyward processes on one database (issue 14), by a lease row in
 * scheduler_leases: the holder renews it before it expires; once it has expired (the holder
 * crashed or hung) any other process takes it. Portable SQL, the same on SQLite and PostgreSQL.
 */

/** This process's holder ID: random, so a restarted process on the same host and pid is another holder; host and pid for whoever reads the row. */
export function newHolderId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomUUID()}`;
}

/**
 * Takes or renews the lease `name` for `holder` until now + ttlMs, unless another holder's lease
 * is still running. One conditional upsert: a new row, or an update that applies only when the row
 * is already ours or has expired; RETURNING gives a row exactly when it applied. Returns whether
 * `holder` leads now.
 */
export function tryLead(db: Db, name: string, holder: string, now: number, ttlMs: number): boolean {
  const won = writeTransaction(
    (tx) =>
      tx
        .insert(schedulerLeases)
        .values({ name, holder, expiresAt: new Date(now + ttlMs) })
        .onConflictDoUpdate({
          target: schedulerLeases.name,
          set: { holder: sql`excluded.holder`, expiresAt: sql`excluded.expires_at` },
          setWhere: or(eq(schedulerLeases.holder, sql`excluded.holder`), lte(schedulerLeases.expiresAt, new Date(now))),
        })
        .returning({ holder: schedulerLeases.holder })
        .get(),
    db,
  );
  return won?.holder === holder;
}

/** Gives the lease up (a graceful shutdown), so another process takes it on its next try instead of after the TTL. */
export function release(db: Db, name: string, holder: string): void {
  writeTransaction((tx) => tx.delete(schedulerLeases).where(and(eq(schedulerLeases.name, name), eq(schedulerLeases.holder, holder))).run(), db);
}
