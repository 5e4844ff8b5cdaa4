import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { pgTables } from "./tables";

/**
 * PostgreSQL through drizzle, typed as an asynchronous SQLite database over the same tables: the
 * query builder's calls the data layer makes (select, insert … returning, update, delete, awaited)
 * are the same on both, and code written against this type runs on either.
 */
export type PgDb = BaseSQLiteDatabase<"async", unknown, typeof pgTables> & { $client: pg.Pool };

/** A pool of connections to PostgreSQL, queried through the same table description as SQLite. */
export function openPgDatabase(url: string, max = 10): PgDb {
  const pool = new pg.Pool({ connectionString: url, max });
  return drizzle(pool, { schema: pgTables }) as unknown as PgDb;
}

/** Applies drizzle/pg/ (generated from lib/db/tables.ts, plus the PostgreSQL-only parts in SQL). */
export async function runPgMigrations(db: PgDb): Promise<void> {
  await migrate(db as unknown as Parameters<typeof migrate>[0], { migrationsFolder: path.resolve(/*turbopackIgnore: true*/ process.env.KEYWARD_ROOT ?? process.cwd(), "drizzle", "pg") });
}
