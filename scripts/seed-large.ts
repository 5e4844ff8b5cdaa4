// `npm run seed:large -- --tokens 100000 --events 1000000 --yes`: adds users, roles, tokens of
// every status and a year of events to the configured database (DATABASE_FILE), so the console
// can be tried and measured at size. Without --yes it only says what it would add.
import { parseArgs } from "node:util";
import { databaseFile, openDatabase, runMigrations } from "../lib/db/client";
import { planFor, requireAdministrator, seedLarge } from "./large-data";

const { values } = parseArgs({ options: { tokens: { type: "string", default: "100000" }, events: { type: "string", default: "1000000" }, yes: { type: "boolean", default: false } } });
const tokens = Number(values.tokens);
const eventCount = Number(values.events);
if (!Number.isInteger(tokens) || tokens < 1 || tokens > 1_000_000 || !Number.isInteger(eventCount) || eventCount < 0 || eventCount > 10_000_000) {
  console.error("Usage: npm run seed:large -- --tokens <1–1000000> --events <0–10000000> [--yes]");
  process.exit(1);
}

const db = openDatabase();
runMigrations(db);
try {
  requireAdministrator(db);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const plan = planFor(tokens, eventCount);
const what = `${plan.roles} roles, ${plan.users} users, ${plan.tokens.toLocaleString("en")} tokens and ${plan.events.toLocaleString("en")} events`;
if (!values.yes) {
  console.log(`Would add ${what} to ${databaseFile()}. Nothing was changed; run again with --yes to add them.`);
  process.exit(0);
}
console.log(`Adding ${what} to ${databaseFile()}…`);
const result = await seedLarge(db, plan, { log: (line) => console.log(line) });
const statuses = Object.entries(result.byStatus).map(([s, n]) => `${n.toLocaleString("en")} ${s}`).join(", ");
console.log(`Done in ${result.seconds.toFixed(1)} s: tokens ${statuses}; ${result.events.toLocaleString("en")} events.`);
db.$client.close();
