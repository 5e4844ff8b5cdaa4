import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, runMigrations } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { seed } from "@/lib/db/seed";

/**
 * Vitest's global setup: one migrated, seeded SQLite file per run, which createTempDb copies
 * (test/temp-db.ts), instead of migrating and seeding a database for every test.
 */
export default async function setup(): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-template-"));
  const file = path.join(dir, "template.db");
  const db = openDatabase(file);
  runMigrations(db);
  await seed(onSqlite(db));
  // Everything in the main file: a copy of it alone is the whole database.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  process.env.KEYWARD_TEST_TEMPLATE_DB = file;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
