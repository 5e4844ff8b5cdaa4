import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import { getTableConfig as pgTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migratedPgDatabase } from "@/test/pg-cluster";
import { databaseUrl } from "./database-url";
import { runPgMigrations } from "./pg";
import { pgTables, sqliteTables } from "./tables";
import { createTempDb } from "@/test/temp-db";

// Issue 14: one description of the tables (lib/db/tables.ts) gives both dialects the same
// tables; PostgreSQL's migrations apply and its own parts (pg_trgm search, LISTEN/NOTIFY of
// token state changes) work on a real PostgreSQL 15.

const ROOT = path.resolve(import.meta.dirname, "../..");
const pgTest = migratedPgDatabase();

describe("one description, two dialects", () => {
  it("builds the same tables, columns, keys and indexes for SQLite and PostgreSQL", () => {
    const names = Object.keys(sqliteTables) as (keyof typeof sqliteTables)[];
    expect(Object.keys(pgTables)).toEqual(names);
    for (const name of names) {
      const s = sqliteTableConfig(sqliteTables[name] as unknown as SQLiteTable);
      const p = pgTableConfig(pgTables[name] as unknown as PgTable);
      expect(p.name).toBe(s.name);
      const shape = (cols: { name: string; notNull: boolean; primary: boolean; hasDefault: boolean; isUnique: boolean }[]) =>
        cols.map((c) => [c.name, c.notNull, c.primary, c.hasDefault, c.isUnique]);
      expect(shape(p.columns), s.name).toEqual(shape(s.columns));
      expect(p.indexes.map((i) => i.config.name), s.name).toEqual(s.indexes.map((i) => i.config.name));
      expect(p.foreignKeys.length, s.name).toBe(s.foreignKeys.length);
      expect(p.primaryKeys.map((k) => k.columns.map((c) => c.name)), s.name).toEqual(s.primaryKeys.map((k) => k.columns.map((c) => c.name)));
    }
  });

  it("migrates an empty PostgreSQL database to every table of the description", async () => {
    const { rows } = await pgTest.db.$client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    for (const table of Object.values(pgTables)) {
      const name = getTableName(table);
      expect(rows.filter((r) => r.table_name === name).map((r) => r.column_name), name).toEqual(Object.values(getTableColumns(table)).map((c) => c.name));
    }
    // Migrating again changes nothing and does not fail.
    await runPgMigrations(pgTest.db);
  });

  it("reads and writes instants, booleans, bytes and JSON through the SQLite-typed tables", async () => {
    const { user, roles, apiTokens, rotationCampaigns } = pgTables;
    const [role] = await pgTest.db.insert(roles).values({ name: "Auditors" }).returning();
    expect(role).toMatchObject({ name: "Auditors", builtIn: false });
    expect(role.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(role.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const signedIn = new Date("2026-12-01T10:00:00.123Z");
    await pgTest.db.insert(user).values({ id: "u1", name: "Ann", email: "ann@example.com", roleId: role.id, lastSignInAt: signedIn, updatedAt: signedIn });
    const secret = Buffer.from([0, 1, 2, 250, 255]);
    await pgTest.db.insert(apiTokens).values({ id: "t1", title: "Billing sync", type: "generated", secretCiphertext: secret, creatorId: "u1", expiresOn: "2027-06-01", deviceScope: "all" });
    await pgTest.db.insert(rotationCampaigns).values({
      name: "Q1",
      reason: "Yearly",
      scopeKind: "users",
      scopeUserIds: ["u1", "u2"],
      deadlineOn: "2027-01-31",
      deadlineAt: new Date("2027-01-31T23:59:59Z"),
      action: "rotate",
      status: "active",
      createdByEmail: "ann@example.com",
    });
    const [u] = await pgTest.db.select().from(user).where(sql`${user.id} = 'u1'`);
    expect(u.lastSignInAt).toEqual(signedIn);
    expect(u.emailVerified).toBe(false);
    const [t] = await pgTest.db.select().from(apiTokens);
    expect(Buffer.compare(t.secretCiphertext!, secret)).toBe(0);
    const [c] = await pgTest.db.select().from(rotationCampaigns);
    expect(c.scopeUserIds).toEqual(["u1", "u2"]);
    expect(c.deadlineAt).toEqual(new Date("2027-01-31T23:59:59Z"));
    // Raw SQL compares an instant with a number, as it does on SQLite.
    const { rows } = await pgTest.db.$client.query(`SELECT count(*)::int AS n FROM rotation_campaigns WHERE deadline_at > $1`, [Date.now()]);
    expect(rows[0].n).toBe(1);
  });

  it("searches titles and IDs through trigram indexes", async () => {
    const client = await pgTest.db.$client.connect();
    try {
      await client.query("BEGIN");
      // Too few rows for the planner to prefer an index of its own accord.
      await client.query("SET LOCAL enable_seqscan = off");
      const plan = (await client.query(`EXPLAIN SELECT id FROM api_tokens WHERE title ILIKE '%ling sy%' OR id ILIKE '%ling sy%'`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("api_tokens_title_trgm_idx");
      expect(plan).toContain("api_tokens_id_trgm_idx");
      const found = await client.query(`SELECT id FROM api_tokens WHERE title ILIKE '%ling sy%'`);
      expect(found.rows).toEqual([{ id: "t1" }]);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
  });

  it("tells every listener which token's state changed, at commit and not before", async () => {
    const listener = new pg.Client({ connectionString: pgTest.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => n.channel === "keyward_token_state" && heard.push(n.payload ?? ""));
    await listener.query("LISTEN keyward_token_state");
    const settle = async () => {
      await listener.query("SELECT 1");
      const copy = [...heard];
      heard.length = 0;
      return copy;
    };
    try {
      const writer = await pgTest.db.$client.connect();
      try {
        await writer.query("BEGIN");
        await writer.query(`UPDATE api_tokens SET revoked_at = $1 WHERE id = 't1'`, [Date.now()]);
        expect(await settle()).toEqual([]);
        await writer.query("COMMIT");
      } finally {
        writer.release();
      }
      expect(await settle()).toEqual(["t1"]);

      // A column the state does not hold tells nothing.
      await pgTest.db.$client.query(`UPDATE api_tokens SET last_used_at = 1 WHERE id = 't1'`);
      expect(await settle()).toEqual([]);
      await pgTest.db.$client.query(`INSERT INTO token_permissions (token_id, permission) VALUES ('t1', 'policies.view')`);
      expect(await settle()).toEqual(["t1"]);
      // The creator's status reaches each of their tokens.
      await pgTest.db.$client.query(`INSERT INTO api_tokens (id, title, type, creator_id, expires_on, device_scope) VALUES ('t2', 'Second', 'generated', 'u1', '2027-01-01', 'all')`);
      expect(await settle()).toEqual(["t2"]);
      await pgTest.db.$client.query(`UPDATE "user" SET status = 'suspended' WHERE id = 'u1'`);
      expect((await settle()).sort()).toEqual(["t1", "t2"]);
      // A role's permissions: everything.
      await pgTest.db.$client.query(`INSERT INTO role_permissions (role_id, permission) SELECT id, 'policies.view' FROM roles LIMIT 1`);
      expect(await settle()).toEqual(["*"]);
      // Enrolling tokens in a campaign: the pending deadlines, once per statement.
      await pgTest.db.$client.query(`INSERT INTO rotation_campaign_tokens (campaign_id, token_id, owner_id, title, used_recently) SELECT c.id, t.id, 'u1', t.title, false FROM rotation_campaigns c, api_tokens t`);
      expect(await settle()).toEqual(["#campaigns"]);
      await pgTest.db.$client.query(`DELETE FROM api_tokens WHERE id = 't2'`);
      expect(await settle()).toEqual(["t2"]);
    } finally {
      await listener.end();
    }
  });
});

describe("DATABASE_URL", () => {
  it("selects PostgreSQL with a postgres:// URL, SQLite without one, and refuses anything else", () => {
    expect(databaseUrl({})).toBeNull();
    expect(databaseUrl({ DATABASE_URL: " " })).toBeNull();
    expect(databaseUrl({ DATABASE_URL: "postgres://k@db:5432/keyward" })).toBe("postgres://k@db:5432/keyward");
    expect(databaseUrl({ DATABASE_URL: "postgresql://k@db/keyward" })).toBe("postgresql://k@db/keyward");
    expect(() => databaseUrl({ DATABASE_URL: "mysql://k@db/keyward" })).toThrow(/must be a PostgreSQL URL/);
  });

  it("keeps SQLite's migrations as they were: the description builds the schema they made", () => {
    const sqlite = createTempDb("keyward-pg-parity-");
    try {
      for (const table of Object.values(sqliteTables)) {
        const name = getTableName(table);
        const cols = sqlite.db.$client.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(name);
        expect(cols, name).toEqual(Object.values(getTableColumns(table)).map((c) => c.name));
      }
    } finally {
      sqlite.close();
    }
  });

  it("has each dialect's migrations generated from the description as it is now", () => {
    // drizzle-kit against a copy of drizzle/: a change to lib/db/tables.ts without its migrations shows here.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-migrations-"));
    try {
      fs.cpSync(path.join(ROOT, "drizzle"), path.join(copy, "drizzle"), { recursive: true });
      for (const [dialect, schema, out] of [
        ["sqlite", "lib/db/schema.ts", "drizzle"],
        ["postgresql", "lib/db/pg-schema.ts", "drizzle/pg"],
      ]) {
        const config = path.join(copy, `${dialect}.config.js`);
        fs.writeFileSync(config, `module.exports = ${JSON.stringify({ dialect, schema: path.join(ROOT, schema), out })};`);
        const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/drizzle-kit/bin.cjs"), "generate", "--config", config], { cwd: copy, encoding: "utf8" });
        expect(`${run.stdout}${run.stderr}`, dialect).toContain("No schema changes");
      }
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
