import type { SQL } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { notifyCommitted, type Db } from "./client";
import type { PgDb } from "./pg";
import type * as schema from "./schema";

/**
 * The query builder over lib/db/schema.ts's tables that runs on either database (issue 14): each
 * query is awaited. Not `.all()`, `.get()` or `.run()`, which only SQLite's builder has; one row
 * is `(await q.select()…limit(1))[0]`.
 */
export type AsyncDb = BaseSQLiteDatabase<"async", unknown, typeof schema>;

export interface Queries {
  readonly q: AsyncDb;
  /** A raw statement's rows: SQL both dialects accept (instants are epoch ms on both). */
  rows<T>(query: SQL): Promise<T[]>;
}

/** The database, whichever it is: the data layer written against this runs on SQLite and PostgreSQL alike. */
export interface KeywardDb extends Queries {
  readonly dialect: "sqlite" | "postgres";
  /**
   * Runs fn in one write transaction, committed when it resolves and rolled back when it throws.
   * On SQLite fn may await only the database: better-sqlite3 answers each query at once, so the
   * transaction then opens and ends within one turn of the event loop and no other request's
   * statement can run inside it. Awaiting anything else (a timer, the network) is refused: the
   * transaction is rolled back with an error that says so.
   */
  transaction<T>(fn: (tx: Queries) => Promise<T>): Promise<T>;
}

export class TransactionAwaitedOther extends Error {
  constructor() {
    super("A SQLite write transaction awaited something other than the database, which would let other requests' statements into it; it was rolled back.");
  }
}

/** SQLite, on the process's connection: the same one the synchronous writeTransaction uses. */
export function onSqlite(db: Db): KeywardDb {
  const q = db as unknown as AsyncDb;
  const rows = async <T>(query: SQL) => db.all<T>(query);
  return {
    dialect: "sqlite",
    q,
    rows,
    async transaction<T>(fn: (tx: Queries) => Promise<T>): Promise<T> {
      db.$client.exec("BEGIN IMMEDIATE");
      let open = true;
      let crossed = false;
      // Runs only once the microtasks are done: if the transaction is still open then, fn awaited something else.
      setImmediate(() => {
        crossed = open;
      });
      try {
        const result = await fn({ q, rows });
        if (crossed) throw new TransactionAwaitedOther();
        db.$client.exec("COMMIT");
        open = false;
        notifyCommitted(db);
        return result;
      } catch (err) {
        open = false;
        if (db.$client.inTransaction) db.$client.exec("ROLLBACK");
        throw err;
      }
    },
  };
}

/** PostgreSQL, through its pool: each transaction on a connection of its own. */
export function onPostgres(db: PgDb): KeywardDb {
  const rowsOf = (runner: unknown) => async <T>(query: SQL) => (await (runner as NodePgDatabase).execute(query)).rows as T[];
  return {
    dialect: "postgres",
    q: db,
    rows: rowsOf(db),
    transaction: <T>(fn: (tx: Queries) => Promise<T>) => (db as unknown as NodePgDatabase).transaction((tx) => fn({ q: tx as unknown as AsyncDb, rows: rowsOf(tx) })),
  };
}
