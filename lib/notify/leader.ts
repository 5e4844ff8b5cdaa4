import crypto from "node:crypto";
import os from "node:os";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { KeywardDb } from "@/lib/db/database";
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
 * The one statement that takes or renews the lease `name` for `holder` until now + ttlMs, unless
 * another holder's lease is still running: a new row, or an update that applies only when the row
 * is already ours or has expired. RETURNING gives a row exactly when it applied. Plain SQL that
 * SQLite and PostgreSQL both run (leader-pg.test.ts runs it on PostgreSQL); instants are epoch ms.
 */
export function leaseSql(name: string, holder: string, now: number, ttlMs: number): SQL {
  return sql`INSERT INTO scheduler_leases (name, holder, expires_at) VALUES (${name}, ${holder}, ${now + ttlMs})
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE scheduler_leases.holder = excluded.holder OR scheduler_leases.expires_at <= ${now}
    RETURNING holder`;
}

/** Takes or renews the lease (leaseSql) in a write transaction; returns whether `holder` leads now. */
export async function tryLead(db: KeywardDb, name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  const [won] = await db.transaction((tx) => tx.rows<{ holder: string }>(leaseSql(name, holder, now, ttlMs)));
  return won?.holder === holder;
}

/** Gives the lease up (a graceful shutdown), so another process takes it on its next try instead of after the TTL. */
export async function release(db: KeywardDb, name: string, holder: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.q.delete(schedulerLeases).where(and(eq(schedulerLeases.name, name), eq(schedulerLeases.holder, holder)));
  });
}
