import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { openPgDatabase, runPgMigrations, type PgDb } from "@/lib/db/pg";
import { freePort } from "@/scripts/bench-support";

const ROOT = path.resolve(import.meta.dirname, "..");


/**
 * A throwaway PostgreSQL cluster for one test file (scripts/pg-cluster.sh; `npm test` installs
 * PostgreSQL first, scripts/ensure-postgres.sh). Returns its URL and the function that removes it.
 */
export async function startPgCluster(): Promise<{ url: string; stop: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-pg-"));
  const script = path.join(ROOT, "scripts/pg-cluster.sh");
  const url = execFileSync("bash", [script, "start", dir, String(await freePort())], { encoding: "utf8" }).trim();
  return { url, stop: () => execFileSync("bash", [script, "stop", dir]) };
}

/**
 * For a test file: a throwaway cluster with Keyward's PostgreSQL migrations applied, started
 * before its tests and removed after them. Read `.db` and `.url` inside the tests.
 */
export function migratedPgDatabase(poolSize = 4): { readonly db: PgDb; readonly url: string } {
  let cluster: Awaited<ReturnType<typeof startPgCluster>> | undefined;
  let db: PgDb | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster();
    db = openPgDatabase(cluster.url, poolSize);
    await runPgMigrations(db);
  }, 60_000);
  afterAll(async () => {
    await db?.$client.end();
    cluster?.stop();
  });
  return {
    get db() {
      if (!db) throw new Error("The PostgreSQL test database is ready only inside tests.");
      return db;
    },
    get url() {
      if (!cluster) throw new Error("The PostgreSQL test database is ready only inside tests.");
      return cluster.url;
    },
  };
}
