import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import { migrationsFolder } from "./migrations-folder";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databaseFile(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_FILE ?? "./data/keyward.db");
}

/** Opens a connection with the pragmas every Keyward connection needs. */
export function openDatabase(file = databaseFile()): Db {
  // The file holds password hashes and encrypted secrets: only Keyward's own user may read it.
  // SQLite gives the -wal and -shm files the main file's permissions.
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: an acknowledged token write survives power loss, not only a process crash.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // Deleted rows are zeroed where that costs no extra I/O: an erased previous secret (a rotation's
  // ended overlap, lib/rotation) must not linger in the file's free space.
  sqlite.pragma("secure_delete = FAST");
  // Statement journals and sorts in memory, not in temporary files: a token write's triggers (the
  // search index, the change log) made SQLite journal each statement to a file (~100 writes per
  // token), and those files held copies of the rows' pages outside the protected data folder.
  sqlite.pragma("temp_store = MEMORY");
  return drizzle(sqlite, { schema }) as Db;
}

export function runMigrations(db: Db): void {
  migrate(db, { migrationsFolder: migrationsFolder("sqlite") });
}

// Kept on globalThis so dev-mode module reloads and Next's separate bundles in one process
// share a single connection instead of leaking one per reload.
const globalForDb = globalThis as unknown as { __keywardDb?: Db };

/** The process's one connection, opened (and migrated) on first use, never at import time. */
export function getDb(): Db {
  if (!globalForDb.__keywardDb) {
    const db = openDatabase();
    runMigrations(db);
    globalForDb.__keywardDb = db;
  }
  return globalForDb.__keywardDb;
}

/**
 * Runs fn inside BEGIN IMMEDIATE … COMMIT. fn must be synchronous: with better-sqlite3 an
 * await inside would let the transaction commit before the awaited work is done.
 */
export function writeTransaction<T>(fn: (tx: Db) => T, db: Db = getDb()): T {
  const result = db.$client.transaction(() => fn(db)).immediate();
  notifyCommitted(db);
  return result;
}

// On globalThis like the connection: Next's bundles and server.ts must share one registry.
const globalForListeners = globalThis as unknown as { __keywardCommitListeners?: Set<(db: Db) => void> };
const committedListeners = (globalForListeners.__keywardCommitListeners ??= new Set());

/**
 * Calls `listener` after every committed writeTransaction in this process, so in-memory state
 * derived from the database (lib/api/token-state.ts) is refreshed at once, not on its next poll.
 * Returns the function that removes it.
 */
/** Tells the onWriteCommitted listeners that a write transaction on `db` committed (lib/db/database.ts's too). */
export function notifyCommitted(db: Db): void {
  for (const listener of committedListeners) listener(db);
}

export function onWriteCommitted(listener: (db: Db) => void): () => void {
  committedListeners.add(listener);
  return () => committedListeners.delete(listener);
}
