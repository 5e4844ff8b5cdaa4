import { describe, expect, it } from "vitest";
import { onPostgres } from "@/lib/db/database";
import { migratedPgDatabase } from "@/test/pg-cluster";
import { release, tryLead } from "./leader";

// Issue 14: the lease on a throwaway PostgreSQL 15 decides as it does on SQLite (leader.test.ts).
const pgTest = migratedPgDatabase(2);

const tryLeadOnPg = (name: string, holder: string, now: number, ttlMs: number) => tryLead(onPostgres(pgTest.db), name, holder, now, ttlMs);

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

describe("the lease on PostgreSQL", () => {
  it("lets one holder lead, renews it, hands it over once it has expired", async () => {
    expect(await tryLeadOnPg("scheduler", "a", NOW, 30_000)).toBe(true);
    expect(await tryLeadOnPg("scheduler", "b", NOW + 1, 30_000)).toBe(false);
    expect(await tryLeadOnPg("scheduler", "a", NOW + 10_000, 30_000)).toBe(true);
    expect(await tryLeadOnPg("scheduler", "b", NOW + 39_999, 30_000)).toBe(false);
    expect(await tryLeadOnPg("scheduler", "b", NOW + 40_000, 30_000)).toBe(true);
    expect(await tryLeadOnPg("scheduler", "a", NOW + 40_001, 30_000)).toBe(false);
    const { rows } = await pgTest.db.$client.query(`SELECT name, holder, expires_at::text AS "expiresAt" FROM scheduler_leases`);
    expect(rows).toEqual([{ name: "scheduler", holder: "b", expiresAt: String(NOW + 70_000) }]);
    await release(onPostgres(pgTest.db), "scheduler", "a");
    expect(await tryLeadOnPg("scheduler", "a", NOW + 40_002, 30_000)).toBe(false);
    await release(onPostgres(pgTest.db), "scheduler", "b");
    expect(await tryLeadOnPg("scheduler", "a", NOW + 40_003, 30_000)).toBe(true);
  });
});
