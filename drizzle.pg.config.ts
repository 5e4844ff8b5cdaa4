import { defineConfig } from "drizzle-kit";

// PostgreSQL's migrations (issue 14), generated from the same table description as SQLite's
// (lib/db/tables.ts): `npm run db:generate`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/pg-schema.ts",
  out: "./drizzle/pg",
});
