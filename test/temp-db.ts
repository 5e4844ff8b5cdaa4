import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, runMigrations, type Db } from "@/lib/db/client";
import { seed } from "@/lib/db/seed";

export interface TempDb {
  db: Db;
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
    dir,
    file,
    close() {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
