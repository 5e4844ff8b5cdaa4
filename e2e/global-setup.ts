import path from "node:path";

// Refuses to run against any database but the throwaway ones under e2e/.tmp.
export default function globalSetup() {
  const tmp = path.resolve(process.env.E2E_TMP ?? path.join(import.meta.dirname, ".tmp"));
  const db = process.env.DATABASE_FILE;
  if (db && !path.resolve(db).startsWith(tmp)) {
    throw new Error(`Refusing to run end-to-end tests with DATABASE_FILE=${db}: tests use ${tmp} only.`);
  }
}
