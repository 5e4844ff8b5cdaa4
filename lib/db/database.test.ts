import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { migratedPgDatabase } from "@/test/pg-cluster";
import { createTempDb } from "@/test/temp-db";
import { onWriteCommitted } from "./client";
import { NestedTransaction, onPostgres, onSqlite, TransactionAwaitedOther, type KeywardDb } from "./database";
import { roles } from "./schema";

// Issue 14: one data-layer API over both databases. The same code, below, on each.

const pgTest = migratedPgDatabase();
const sqlite = createTempDb("keyward-database-");
const databases: Record<"sqlite" | "postgres", () => KeywardDb> = {
  sqlite: () => onSqlite(sqlite.db),
  postgres: () => onPostgres(pgTest.db),
};

afterAll(() => sqlite.close());

describe.each(["sqlite", "postgres"] as const)("on %s", (dialect) => {
  const names = async (k: KeywardDb, prefix: string) =>
    (await k.q.select({ name: roles.name }).from(roles).where(sql`${roles.name} LIKE ${`${prefix}%`}`).orderBy(roles.name)).map((r) => r.name);

  it("commits a transaction's writes together, and reads them back through the same builder", async () => {
    const k = databases[dialect]();
    expect(k.dialect).toBe(dialect);
    const ids = await k.transaction(async (tx) => {
      const [a] = await tx.q.insert(roles).values({ name: `${dialect} commit A` }).returning({ id: roles.id });
      const [b] = await tx.q.insert(roles).values({ name: `${dialect} commit B` }).returning({ id: roles.id });
      await tx.q.update(roles).set({ name: `${dialect} commit B2` }).where(eq(roles.id, b.id));
      return [a.id, b.id];
    });
    expect(ids[1]).toBeGreaterThan(ids[0]);
    expect(await names(k, `${dialect} commit`)).toEqual([`${dialect} commit A`, `${dialect} commit B2`]);
    const [row] = await k.rows<{ n: number | string }>(sql`SELECT count(*) AS n FROM roles WHERE name LIKE ${`${dialect} commit%`}`);
    expect(Number(row.n)).toBe(2);
  });

  it("rolls back every write of a transaction that throws", async () => {
    const k = databases[dialect]();
    await expect(
      k.transaction(async (tx) => {
        await tx.q.insert(roles).values({ name: `${dialect} rollback A` });
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    // A constraint the database enforces rolls back the rows before it too.
    await expect(
      k.transaction(async (tx) => {
        await tx.q.insert(roles).values({ name: `${dialect} rollback B` });
        await tx.q.insert(roles).values({ name: `${dialect} ROLLBACK b` }); // roles_name_nocase
      }),
    ).rejects.toThrow();
    expect(await names(k, `${dialect} rollback`)).toEqual([]);
    expect(await names(k, `${dialect} ROLLBACK`)).toEqual([]);
  });

  it("keeps a check and the write that depends on it together when transactions race", async () => {
    const k = databases[dialect]();
    // Each adds a role only while none with the prefix exists: racing, exactly one may add it
    // (SQLite: one writer at a time; PostgreSQL: SERIALIZABLE, the loser run again and sees the winner's row).
    // On PostgreSQL every transaction has read before any writes (SQLite runs them one after another).
    let read = 0;
    let allRead: () => void = () => {};
    const barrier = new Promise<void>((resolve) => (allRead = resolve));
    const addIfNone = (n: number) =>
      k.transaction(async (tx) => {
        const existing = await tx.q.select({ id: roles.id }).from(roles).where(sql`${roles.name} LIKE ${`${dialect} only one%`}`);
        if (dialect === "postgres" && ++read === 4) allRead();
        if (dialect === "postgres") await barrier;
        if (existing.length) return false;
        await tx.q.insert(roles).values({ name: `${dialect} only one ${n}` });
        return true;
      });
    const added = await Promise.all([1, 2, 3, 4].map(addIfNone));
    expect(added.filter(Boolean)).toHaveLength(1);
    expect(await names(k, `${dialect} only one`)).toHaveLength(1);
  });

  it("refuses a transaction opened inside another, rolling back the outer one", async () => {
    const k = databases[dialect]();
    await expect(
      k.transaction(async (tx) => {
        await tx.q.insert(roles).values({ name: `${dialect} nested outer` });
        await k.transaction(async (inner) => inner.q.insert(roles).values({ name: `${dialect} nested inner` }));
      }),
    ).rejects.toThrow(NestedTransaction);
    expect(await names(k, `${dialect} nested`)).toEqual([]);
  });
});

describe("on sqlite only", () => {
  it("refuses a transaction that awaits something other than the database, rolling it back", async () => {
    const k = onSqlite(sqlite.db);
    await expect(
      k.transaction(async (tx) => {
        await tx.q.insert(roles).values({ name: "sqlite awaited a timer" });
        await new Promise((r) => setTimeout(r, 5));
      }),
    ).rejects.toThrow(TransactionAwaitedOther);
    expect(sqlite.db.$client.inTransaction).toBe(false);
    expect(sqlite.db.$client.prepare(`SELECT count(*) FROM roles WHERE name = 'sqlite awaited a timer'`).pluck().get()).toBe(0);
  });

  it("tells this process's in-memory state a transaction committed, as writeTransaction does", async () => {
    let told = 0;
    const stop = onWriteCommitted((written) => written === sqlite.db && told++);
    try {
      await onSqlite(sqlite.db).transaction(async (tx) => tx.q.insert(roles).values({ name: "sqlite told" }));
      await expect(onSqlite(sqlite.db).transaction(async () => Promise.reject(new Error("no")))).rejects.toThrow("no");
      expect(told).toBe(1);
    } finally {
      stop();
    }
  });
});
