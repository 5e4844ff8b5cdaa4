import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { onPostgres, onSqlite, type KeywardDb } from "@/lib/db/database";
import { openPgDatabase } from "@/lib/db/pg";
import { idempotencyKeys } from "@/lib/db/schema";
import { migratedPgDatabase } from "@/test/pg-cluster";
import { expectRefusal } from "@/test/refusal";
import { createTempDb } from "@/test/temp-db";
import { claimIdempotencyKey, IDEMPOTENCY_WINDOW_MS, pruneIdempotencyKeys } from "./idempotency";

// Issue 14: a form's idempotency key lives in the database, so a replayed submission is refused
// whichever process gets it. Two connections stand for two processes, on each database.

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const pgTest = migratedPgDatabase();
const sqlite = createTempDb("keyward-idempotency-");
const second = openDatabase(sqlite.file);
let pgSecond: ReturnType<typeof openPgDatabase> | undefined;
afterAll(async () => {
  second.$client.close();
  sqlite.close();
  await pgSecond?.$client.end();
});

const processes: Record<"sqlite" | "postgres", () => [KeywardDb, KeywardDb]> = {
  sqlite: () => [sqlite.kdb, onSqlite(second)],
  postgres: () => [onPostgres(pgTest.db), onPostgres((pgSecond ??= openPgDatabase(pgTest.url, 2)))],
};

const claim = (db: KeywardDb, key: string, now = NOW) => db.transaction((tx) => claimIdempotencyKey(tx, "actor-1", key, now));

describe.each(["sqlite", "postgres"] as const)("idempotency keys on %s", (dialect) => {
  it("refuse a replay from another process within the window, and accept the key again after it", async () => {
    const [a, b] = processes[dialect]();
    await claim(a, `${dialect}-once`);
    const replay = await expectRefusal(() => claim(b, `${dialect}-once`, NOW + 1000));
    expect(replay.status).toBe(409);
    expect(replay.message).toMatch(/already created/);
    // Another actor's form may use the same key.
    await b.transaction((tx) => claimIdempotencyKey(tx, "actor-2", `${dialect}-once`, NOW));
    await claim(b, `${dialect}-once`, NOW + IDEMPOTENCY_WINDOW_MS + 1);
  });

  it("let the same form try again when the attempt that claimed the key failed", async () => {
    const [a, b] = processes[dialect]();
    await expect(
      a.transaction(async (tx) => {
        await claimIdempotencyKey(tx, "actor-1", `${dialect}-failed`, NOW);
        throw new Error("the creation was refused");
      }),
    ).rejects.toThrow("refused");
    await claim(b, `${dialect}-failed`);
  });

  it("race: of several processes submitting the same key at once, exactly one claims it", async () => {
    const [a, b] = processes[dialect]();
    const results = await Promise.allSettled([a, b, a, b].map((db) => claim(db, `${dialect}-race`)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("are pruned once the window is over, the newer ones kept", async () => {
    const [a] = processes[dialect]();
    await a.transaction(async (tx) => {
      await tx.q.delete(idempotencyKeys);
    });
    await claim(a, `${dialect}-old`, NOW - IDEMPOTENCY_WINDOW_MS - 1);
    await claim(a, `${dialect}-new`, NOW);
    expect(await pruneIdempotencyKeys(a, NOW)).toBe(1);
    expect(await pruneIdempotencyKeys(a, NOW)).toBe(0);
    expect((await a.q.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map((r) => r.key)).toEqual([`${dialect}-new`]);
  });
});
