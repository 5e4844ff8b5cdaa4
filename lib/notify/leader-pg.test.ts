import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { describe, expect, it } from "vitest";
import { migratedPgDatabase } from "@/test/pg-cluster";
import { leaseSql } from "./leader";

// Issue 14: the lease's statement is portable SQL. The statement tryLead runs on SQLite runs here
// on a throwaway PostgreSQL 15 and decides the same way.
const pgTest = migratedPgDatabase(2);

/** tryLead's statement, on PostgreSQL: whether `holder` leads afterwards. */
async function tryLeadOnPg(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  // PgDb is typed as SQLite's async database; raw statements go through node-postgres's execute.
  const { rows } = await (pgTest.db as unknown as NodePgDatabase).execute<{ holder: string }>(leaseSql(name, holder, now, ttlMs));
  return rows[0]?.holder === holder;
}

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
  });
});
