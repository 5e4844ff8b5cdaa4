import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, getTableName } from "drizzle-orm";
import { decryptTokenSecret } from "@/lib/crypto/token-crypto";
import { freshDatabase, insertRole, insertToken, insertUser } from "@/test/api-fixture";
import { startPgCluster } from "@/test/pg-cluster";
import { copyOrder, copyToPostgres, CopyRefused } from "./copy";
import { openPgDatabase, type PgDb } from "./pg";
import { pgTables, sqliteTables } from "./tables";

// Issue 14: `npm run db:copy` moves a SQLite installation into an empty PostgreSQL database.

const ROOT = path.resolve(import.meta.dirname, "../..");
let cluster: Awaited<ReturnType<typeof startPgCluster>>;
const pools: PgDb[] = [];

beforeAll(async () => {
  cluster = await startPgCluster();
}, 60_000);

afterAll(async () => {
  for (const p of pools) await p.$client.end();
  cluster?.stop();
});

/** A new, empty database on the test cluster. */
async function emptyDatabase(name: string): Promise<{ url: string; db: PgDb }> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = cluster.url.replace(/\/postgres$/, `/${name}`);
  const db = openPgDatabase(url, 2);
  pools.push(db);
  return { url, db };
}

/** Every row of a table as plain values, in a stable order (instants, bytes and JSON included). */
const snapshot = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

describe("db:copy", () => {
  it("orders the tables so that each one's references are copied before it", () => {
    const order = copyOrder().map((k) => getTableName(pgTables[k]));
    expect(order.indexOf("user")).toBeLessThan(order.indexOf("api_tokens"));
    expect(order.indexOf("roles")).toBeLessThan(order.indexOf("user"));
    expect(order.indexOf("api_tokens")).toBeLessThan(order.indexOf("token_permissions"));
    expect(order.indexOf("rotation_campaigns")).toBeLessThan(order.indexOf("rotation_campaign_tokens"));
    expect(new Set(order).size).toBe(Object.keys(pgTables).length);
  });

  it("copies every table row for row into an empty database, secrets still decrypting, and refuses a second copy", async () => {
    const { db: source, file } = freshDatabase();
    const roleId = insertRole(source, ["device-groups.view", "policies.manage"]);
    const creatorId = insertUser(source, roleId);
    const generated = insertToken(source, { creatorId, permissions: ["device-groups.view"], allowedIps: ["10.0.0.0/8", "2001:db8::/32"] });
    insertToken(source, { creatorId, type: "public_key", permissions: ["policies.view"] });
    source.$client
      .prepare(`INSERT INTO events (at, actor_type, actor_id, actor_label, action, target_type, target_id, details) VALUES (?, 'user', ?, 'Ann', 'token.created', 'token', ?, ?)`)
      .run(Date.parse("2026-11-30T08:00:00.5Z"), creatorId, generated.id, JSON.stringify({ permissions: ["device-groups.view"], note: "日本語" }));
    source.$client.prepare(`INSERT INTO outbox (dedupe_key, kind, recipient, subject, body, status) VALUES ('k1', 'expiring', 'a@example.com', 'S', 'B', 'pending')`).run();
    const campaign = source.$client
      .prepare(`INSERT INTO rotation_campaigns (name, reason, scope_kind, scope_user_ids, deadline_on, deadline_at, action, status, created_by_email) VALUES ('Q1', 'r', 'users', ?, '2027-01-31', ?, 'rotate', 'active', 'a@example.com') RETURNING id`)
      .pluck()
      .get(JSON.stringify([creatorId]), Date.parse("2027-01-31T23:59:59Z")) as number;
    source.$client.prepare(`INSERT INTO rotation_campaign_tokens (campaign_id, token_id, owner_id, title, used_recently) VALUES (?, ?, ?, 't', 1)`).run(campaign, generated.id, creatorId);

    const { db: target } = await emptyDatabase("copy_round_trip");
    const lines: string[] = [];
    const report = await copyToPostgres(file, target, (l) => lines.push(l));
    expect(report.tables.find((t) => t.name === "api_tokens")?.rows).toBe(2);
    expect(lines).toContain("events: 1 rows");

    for (const k of Object.keys(sqliteTables) as (keyof typeof sqliteTables)[]) {
      const before = source.select().from(sqliteTables[k]).all() as Record<string, unknown>[];
      const after = (await target.select().from(pgTables[k])) as Record<string, unknown>[];
      expect(snapshot(after), getTableName(pgTables[k])).toEqual(snapshot(before));
    }
    const [token] = await target.select().from(pgTables.apiTokens).where(eq(pgTables.apiTokens.id, generated.id));
    expect(decryptTokenSecret(generated.id, token.secretCiphertext!)).toBe(generated.secret);

    // New rows continue after the copied ids.
    const [role] = await target.insert(pgTables.roles).values({ name: "After the copy" }).returning();
    expect(role.id).toBeGreaterThan(roleId);

    await expect(copyToPostgres(file, target)).rejects.toThrow(CopyRefused);
    await expect(copyToPostgres(file, target)).rejects.toThrow(/not empty \(rows in roles, .*api_tokens/);
    expect((await target.select().from(pgTables.apiTokens)).length).toBe(2);
  }, 60_000);

  it("from the command line: refuses a URL that is not PostgreSQL's, copies, and refuses a non-empty target without changing it", async () => {
    const { file } = freshDatabase();
    const { url, db } = await emptyDatabase("copy_cli");
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/db-copy.ts", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_FILE: file } });

    const wrong = run("--to", "mysql://k@localhost/keyward");
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain("DATABASE_URL must be a PostgreSQL URL");

    const first = run("--to", url);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Copied [\d,]+ rows in \d+ tables .*every table's row count matches/);
    const roles = (await db.select().from(pgTables.roles)).length;
    expect(roles).toBeGreaterThan(0);

    const second = run("--to", url);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain("The target database is not empty");
    expect((await db.select().from(pgTables.roles)).length).toBe(roles);
  }, 60_000);
});
