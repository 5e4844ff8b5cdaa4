import { AsyncLocalStorage } from "node:async_hooks";
import type { SQL } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { getDb, notifyCommitted, type Db } from "./client";
import { databaseUrl } from "./database-url";
import { openPgDatabase, type PgDb } from "./pg";
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

export class NestedTransaction extends Error {
  constructor() {
    super("A write transaction was opened inside another: pass the outer transaction's queries (tx) down instead.");
  }
}

const sqliteOf = new WeakMap<Db, KeywardDb>();
// The transaction queue, one per process whatever the connection (on globalThis: Next's bundles and
// server.ts share it): a second connection's BEGIN IMMEDIATE while one is open would wait out its
// busy timeout blocking the only thread, the one the open transaction needs to finish.
const globalForQueue = globalThis as unknown as { __keywardSqliteQueue?: { running: Promise<unknown> } };
const queue = (globalForQueue.__keywardSqliteQueue ??= { running: Promise.resolve() });
// Which transaction the running code is inside, so a nested one is refused rather than left waiting for itself.
const inside = new AsyncLocalStorage<object>();

/**
 * SQLite, on the process's connection: the same one the synchronous writeTransaction uses. One
 * transaction at a time in the process: another request's transaction that starts meanwhile (its
 * code can run between this one's awaits) waits for this one to end.
 */
export function onSqlite(db: Db): KeywardDb {
  const known = sqliteOf.get(db);
  if (known) return known;
  const q = db as unknown as AsyncDb;
  const rows = async <T>(query: SQL) => db.all<T>(query);
  async function run<T>(fn: (tx: Queries) => Promise<T>): Promise<T> {
    db.$client.exec("BEGIN IMMEDIATE");
    let open = true;
    let crossed = false;
    // Runs only once the microtasks are done: if the transaction is still open then, fn awaited something else.
    setImmediate(() => {
      crossed = open;
    });
    try {
      const result = await inside.run({}, () => fn({ q, rows }));
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
  }
  const k: KeywardDb = {
    dialect: "sqlite",
    q,
    rows,
    transaction<T>(fn: (tx: Queries) => Promise<T>): Promise<T> {
      if (inside.getStore()) return Promise.reject(new NestedTransaction());
      const result = queue.running.then(() => run(fn));
      queue.running = result.catch(() => undefined);
      return result;
    },
  };
  sqliteOf.set(db, k);
  return k;
}

/** SQLSTATEs after which a transaction is simply run again: serialization failure, deadlock detected. */
const RETRYABLE = new Set(["40001", "40P01"]);
const ATTEMPTS = 5;

/**
 * PostgreSQL, through its pool: each transaction on a connection of its own, SERIALIZABLE, so a
 * check and the write that depends on it (the last administrator, a unique title, a campaign's
 * one action per token) hold as they do under SQLite's single writer. A transaction that loses a
 * race is run again from the start, up to five times.
 */
export function onPostgres(db: PgDb): KeywardDb {
  const rowsOf = (runner: unknown) => async <T>(query: SQL) => (await (runner as NodePgDatabase).execute(query)).rows as T[];
  return {
    dialect: "postgres",
    q: db,
    rows: rowsOf(db),
    async transaction<T>(fn: (tx: Queries) => Promise<T>): Promise<T> {
      if (inside.getStore()) throw new NestedTransaction();
      for (let attempt = 1; ; attempt++) {
        try {
          return await inside.run({}, () =>
            (db as unknown as NodePgDatabase).transaction((tx) => fn({ q: tx as unknown as AsyncDb, rows: rowsOf(tx) }), { isolationLevel: "serializable" }),
          );
        } catch (err) {
          const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
          if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw err;
        }
      }
    },
  };
}

const globalForKeyward = globalThis as unknown as { __keywardDatabase?: KeywardDb };

/**
 * The process's database: PostgreSQL when DATABASE_URL names one, else the SQLite file. Opened on
 * first use; PostgreSQL's migrations are run by whoever starts the process (server.ts, scripts).
 */
export function getKeywardDb(): KeywardDb {
  if (!globalForKeyward.__keywardDatabase) {
    const url = databaseUrl();
    globalForKeyward.__keywardDatabase = url ? onPostgres(openPgDatabase(url)) : onSqlite(getDb());
  }
  return globalForKeyward.__keywardDatabase;
}
