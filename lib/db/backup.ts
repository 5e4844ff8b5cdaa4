import type Database from "better-sqlite3";
import fs from "node:fs";

/**
 * Online backup through SQLite's backup API: consistent, and includes what is still in the WAL
 * (a bare copy of the .db file without its -wal would lose committed writes). The copy holds
 * what the database holds, so it is created readable by its owner only.
 */
export async function backupDatabase(client: Database.Database, destination: string): Promise<void> {
  fs.closeSync(fs.openSync(destination, "a", 0o600));
  fs.chmodSync(destination, 0o600);
  await client.backup(destination);
}
