import type Database from "better-sqlite3";

/**
 * Online backup through SQLite's backup API: consistent, and includes what is still in the WAL
 * (a bare copy of the .db file without its -wal would lose committed writes).
 */
export async function backupDatabase(client: Database.Database, destination: string): Promise<void> {
  await client.backup(destination);
}
