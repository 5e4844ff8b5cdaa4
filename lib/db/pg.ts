import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { migrationsFolder } from "./migrations-folder";
import { pgTables } from "./tables";

/**
 * PostgreSQL through drizzle, typed as an asynchronous SQLite database over the same tables: the
 * query builder's calls the data layer makes (select, insert … returning, update, delete, awaited)
 * are the same on both, and code written against this type runs on either.
 */
export type PgDb = BaseSQLiteDatabase<"async", unknown, typeof pgTables> & { $client: pg.Pool };

/** A pool of connections to PostgreSQL, queried through the same table description as SQLite. */
// int8 (bigint, count(*), sum) as a number, as better-sqlite3 gives it: epoch ms and counts fit a
// double. node-postgres reads it as a string otherwise.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 && format !== "binary" ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openPgDatabase(url: string, max = 10): PgDb {
  const pool = new pg.Pool({ connectionString: url, max, types });
  return drizzle(pool, { schema: pgTables }) as unknown as PgDb;
}

/** Applies drizzle/pg/ (generated from lib/db/tables.ts, plus the PostgreSQL-only parts in SQL). */
export async function runPgMigrations(db: PgDb): Promise<void> {
  await migrate(db as unknown as Parameters<typeof migrate>[0], { migrationsFolder: migrationsFolder("postgres") });
}
