import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/lib/db/client";
import { onSqlite, type KeywardDb } from "@/lib/db/database";

export interface TempDb {
  db: Db;
  /** The same connection through the data layer's one API (lib/db/database.ts). */
  kdb: KeywardDb;
  dir: string;
  file: string;
  /** Closes the connection and removes the folder. */
  close(): void;
}

/** The migrated, seeded file made once per run by test/template-db.ts (vitest.config.ts). */
function templateFile(): string {
  const file = process.env.KEYWARD_TEST_TEMPLATE_DB;
  if (!file || !fs.existsSync(file)) throw new Error("No template database: run the unit tests through vitest (vitest.config.ts's globalSetup makes it).");
  return file;
}

/** A migrated, seeded database in a fresh temporary folder, for tests: a copy of the run's template. */
export function createTempDb(prefix = "keyward-test-"): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(templateFile(), file);
  const db = openDatabase(file);
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
