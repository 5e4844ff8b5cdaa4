import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { getTableColumns, getTableName, type Column } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type pg from "pg";
import { migrationsFolder } from "./migrations-folder";
import { runPgMigrations, type PgDb } from "./pg";
import { pgTables, sqliteTables } from "./tables";

type TableKey = keyof typeof sqliteTables;

/** Why a copy did not start; nothing was written. */
export class CopyRefused extends Error {}

export interface CopyReport {
  tables: { name: string; rows: number }[];
  seconds: number;
}

/** Rows per INSERT: the widest table (api_tokens, 18 columns) stays well below PostgreSQL's 65,535 parameters. */
const BATCH = 1_000;

/** The tables in an order that inserts every referenced row before the rows that reference it. */
export function copyOrder(): TableKey[] {
  const keys = Object.keys(pgTables) as TableKey[];
  const byName = new Map<string, TableKey>(keys.map((k) => [getTableName(pgTables[k]), k]));
  const done = new Set<TableKey>();
  const order: TableKey[] = [];
  const visit = (k: TableKey) => {
    if (done.has(k)) return;
    done.add(k);
    for (const fk of getTableConfig(pgTables[k] as unknown as PgTable).foreignKeys) {
      const parent = byName.get(getTableName(fk.reference().foreignTable));
      if (parent && parent !== k) visit(parent);
    }
    order.push(k);
  };
  keys.forEach(visit);
  return order;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Copies a SQLite installation (every table of lib/db/tables.ts: users, sessions, tokens with their
 * encrypted secrets, events, outbox, campaigns, signing keys…) into an empty PostgreSQL database:
 * migrates the target, refuses one that holds any row, then copies in one transaction from one
 * read snapshot of the source and checks every table's row count before committing. The search
 * index and the token-state change log are not copied: PostgreSQL has its own (drizzle/pg/).
 */
export async function copyToPostgres(sourceFile: string, target: PgDb, log: (line: string) => void = () => {}): Promise<CopyReport> {
  const started = performance.now();
  if (!fs.existsSync(sourceFile)) throw new CopyRefused(`${sourceFile} does not exist.`);
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    requireMigrated(source);
    await runPgMigrations(target);
    const order = copyOrder();
    const client = await target.$client.connect();
    try {
      const full: string[] = [];
      for (const k of order) {
        const name = getTableName(pgTables[k]);
        if ((await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(name)}) AS full`)).rows[0].full) full.push(name);
      }
      if (full.length > 0) throw new CopyRefused(`The target database is not empty (rows in ${full.join(", ")}). Copy into an empty database; nothing was changed.`);

      // One snapshot of the source for the whole copy, even if a server is still writing to it.
      source.exec("BEGIN");
      await client.query("BEGIN");
      const tables: CopyReport["tables"] = [];
      try {
        for (const k of order) {
          const rows = await copyTable(source, client, k);
          tables.push({ name: getTableName(pgTables[k]), rows });
          log(`${getTableName(pgTables[k])}: ${rows.toLocaleString("en")} rows`);
        }
        for (const { name, rows } of tables) {
          const copied = Number((await client.query(`SELECT count(*) AS n FROM ${quote(name)}`)).rows[0].n);
          if (copied !== rows) throw new Error(`${name}: ${rows} rows read but ${copied} in the target; nothing was committed.`);
        }
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      } finally {
        source.exec("COMMIT");
      }
      return { tables, seconds: (performance.now() - started) / 1000 };
    } finally {
      client.release();
    }
  } finally {
    source.close();
  }
}

/** A source a version behind would be missing columns: it must be migrated (started once) first. */
function requireMigrated(source: Database.Database): void {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder("sqlite"), "meta/_journal.json"), "utf8")) as { entries: unknown[] };
  const hasTable = source.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  const applied = hasTable ? (source.prepare(`SELECT count(*) FROM __drizzle_migrations`).pluck().get() as number) : 0;
  if (applied < journal.entries.length) {
    throw new CopyRefused(`The SQLite database is not at this version's schema (${applied} of ${journal.entries.length} migrations applied). Start this version of Keyward on it once (npm start migrates it), then copy again.`);
  }
}

/** Copies one table in batches, each value through its SQLite column's reading and its PostgreSQL column's writing. */
async function copyTable(source: Database.Database, client: pg.PoolClient, k: TableKey): Promise<number> {
  const from = getTableColumns(sqliteTables[k]) as Record<string, Column>;
  const to = getTableColumns(pgTables[k]) as Record<string, Column>;
  const keys = Object.keys(from);
  const name = getTableName(pgTables[k]);
  const columns = keys.map((key) => quote(to[key].name)).join(", ");
  const insert = async (rows: unknown[][]) => {
    if (rows.length === 0) return;
    const params: unknown[] = [];
    const tuples = rows.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(", ")})`);
    await client.query(`INSERT INTO ${quote(name)} (${columns}) VALUES ${tuples.join(", ")}`, params);
  };
  let batch: unknown[][] = [];
  let count = 0;
  for (const raw of source.prepare(`SELECT * FROM ${quote(name)} ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
    batch.push(
      keys.map((key) => {
        const v = raw[from[key].name];
        return v === null || v === undefined ? null : to[key].mapToDriverValue(from[key].mapFromDriverValue(v));
      }),
    );
    count++;
    if (batch.length === BATCH) {
      await insert(batch);
      batch = [];
    }
  }
  await insert(batch);
  // Identity columns continue after the copied ids.
  for (const key of keys) {
    if (to[key].primary && to[key].columnType === "PgInteger") {
      const col = to[key].name;
      await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(col)}) FROM ${quote(name)}), 0) + 1, false)`, [quote(name), col]);
    }
  }
  return count;
}
