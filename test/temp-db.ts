import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, runMigrations, type Db } from "@/lib/db/client";
import { onSqlite, type KeywardDb } from "@/lib/db/database";
import { seed } from "@/lib/db/seed";

export interface TempDb {
  db: Db;
  /** The same connection through the data layer's one API (lib/db/database.ts). */
  kdb: KeywardDb;
  dir: string;
  file: string;
  /** Closes the connection and removes the folder. */
  close(): void;
}

/** A migrated, seeded database in a fresh temporary folder, for tests. */
export function createTempDb(prefix = "keyward-test-"): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "test.db");
  const db = openDatabase(file);
  runMigrations(db);
  seed(db);
  return {
    db,
    kdb: onSqlite(db),
    dir,
    file,
    close() {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
