import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("the database file", () => {
  it("is readable by Keyward's own user only, with its WAL, in a folder only that user may enter", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-mode-"));
    dirs.push(root);
    const file = path.join(root, "data", "keyward.db");
    const db = openDatabase(file);
    db.$client.exec("create table t (x); insert into t values (1);");
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    db.$client.close();
  });

  it("tightens an existing file that others could read", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-mode-"));
    dirs.push(root);
    const file = path.join(root, "old.db");
    fs.writeFileSync(file, "", { mode: 0o644 });
    openDatabase(file).$client.close();
    expect(mode(file)).toBe(0o600);
  });

  it("keeps statement journals and sorts in memory, never in a temporary file outside its folder", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-mode-"));
    dirs.push(root);
    const db = openDatabase(path.join(root, "k.db"));
    expect(db.$client.pragma("temp_store", { simple: true })).toBe(2); // 2 = MEMORY
    db.$client.close();
  });
});
