// `npm run db:copy -- --to postgres://… [--from FILE]`: copies a SQLite installation (DATABASE_FILE
// by default) into an empty PostgreSQL database, checks every table's row count, and refuses a
// target that holds any row (lib/db/copy.ts).
import { parseArgs } from "node:util";
import { databaseFile } from "../lib/db/client";
import { databaseUrl } from "../lib/db/database-url";
import { copyToPostgres, CopyRefused } from "../lib/db/copy";
import { openPgDatabase } from "../lib/db/pg";

const { values } = parseArgs({ options: { to: { type: "string" }, from: { type: "string" } } });
let url: string | null = null;
try {
  url = values.to ? databaseUrl({ DATABASE_URL: values.to }) : null;
} catch (err) {
  console.error((err as Error).message);
}
if (!url) {
  console.error("Usage: npm run db:copy -- --to postgres://user:password@host:5432/database [--from path/to/keyward.db]");
  process.exit(1);
}
const from = values.from ?? databaseFile();
const target = openPgDatabase(url, 2);
// The URL may hold a password: name only the host and database.
const where = (() => {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
})();
console.log(`Copying ${from} into PostgreSQL at ${where}…`);
try {
  const report = await copyToPostgres(from, target, (line) => console.log(`  ${line}`));
  const total = report.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`Copied ${total.toLocaleString("en")} rows in ${report.tables.length} tables in ${report.seconds.toFixed(1)} s; every table's row count matches.`);
  console.log("Token secrets stay encrypted with this installation's master key: give the servers on PostgreSQL the same KEYWARD_SECRET_KEY (or key file).");
} catch (err) {
  console.error(err instanceof CopyRefused ? err.message : `The copy failed and nothing was committed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await target.$client.end();
}
