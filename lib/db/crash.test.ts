import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildTestChild } from "@/test/build-child";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, runMigrations } from "./client";
import { onSqlite } from "./database";
import { seed } from "./seed";
import { user } from "./schema";

// SECURITY.md "Storage and load": kill -9 the writer at random points, many times; afterwards
// the file passes integrity_check and every acknowledged write is there, with its event.
const KILLS = Number(process.env.KEYWARD_CRASH_KILLS ?? 200);
// Writers alive at once, on the same file: concurrent processes must not surface SQLITE_BUSY either.
const WRITERS = 4;
const ROOT = path.resolve(import.meta.dirname, "../..");
// The writer compiled once (starting a process is most of what each kill costs).
let WRITER: string;

beforeAll(async () => {
  WRITER = await buildTestChild("test/crash-writer.ts");
});

function runAndKill(file: string, creatorId: string, acked: Set<string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, file, creatorId], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buf = "";
    let armed = false;
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop()!;
      for (const l of lines) if (l.startsWith("ack ")) acked.add(l.slice(4));
      if (!armed) {
        armed = true;
        // A random point a few milliseconds into the stream of commits.
        setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 25));
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve();
      else reject(new Error(`writer exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

describe("crash safety", () => {
  it(`keeps every acknowledged write across ${KILLS} kill -9s`, { timeout: 600_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-crash-"));
    const file = path.join(dir, "crash.db");
    const db = openDatabase(file);
    runMigrations(db);
    await seed(onSqlite(db));
    const creatorId = "crash-user";
    db.insert(user).values({ id: creatorId, name: "Crash", email: "crash@example.com" }).run();
    db.$client.close();

    const acked = new Set<string>();
    let started = 0;
    const writer = async () => {
      while (started < KILLS) {
        started++;
        await runAndKill(file, creatorId, acked);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    expect(started).toBe(KILLS);

    const check = openDatabase(file);
    expect(check.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    const ids = new Set(check.$client.prepare("select id from api_tokens").pluck().all() as string[]);
    const missing = [...acked].filter((id) => !ids.has(id));
    expect(acked.size).toBeGreaterThan(KILLS);
    expect(missing).toEqual([]);
    const events = check.$client.prepare("select count(*) from events where action = 'token.created'").pluck().get();
    expect(events).toBe(ids.size);
    check.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
