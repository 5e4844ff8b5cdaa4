import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase } from "./backup";
import { openDatabase, runMigrations } from "./client";
import { onSqlite } from "./database";
import { seed } from "./seed";

describe("backupDatabase", () => {
  it("captures writes that are still only in the WAL", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-backup-"));
    const db = openDatabase(path.join(dir, "live.db"));
    db.$client.pragma("wal_autocheckpoint = 0"); // keep everything in the WAL
    runMigrations(db);
    await seed(onSqlite(db));
    const devices = db.$client.prepare("select count(*) from devices").pluck().get();
    expect(devices).toBeGreaterThan(0);

    // A bare copy of the main file misses the WAL's content…
    fs.copyFileSync(path.join(dir, "live.db"), path.join(dir, "bare.db"));
    const bare = new Database(path.join(dir, "bare.db"), { readonly: true });
    const bareTables = bare.prepare("select count(*) from sqlite_master where name = 'devices'").pluck().get();
    bare.close();
    expect(bareTables).toBe(0);

    // …the online backup has it all.
    await backupDatabase(db.$client, path.join(dir, "backup.db"));
    const copy = new Database(path.join(dir, "backup.db"), { readonly: true });
    expect(copy.prepare("select count(*) from devices").pluck().get()).toBe(devices);
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
    expect(fs.statSync(path.join(dir, "backup.db")).mode & 0o777).toBe(0o600);
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
