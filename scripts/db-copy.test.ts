import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/bench-support";
import { createTempDb } from "@/test/temp-db";

// Issue 14: a PostgreSQL URL carries a password. Neither the copy command nor a server refusing
// DATABASE_URL may print it, whatever goes wrong.

const ROOT = path.resolve(import.meta.dirname, "..");
const PASSWORD = "hunter2-not-for-logs";
const source = createTempDb("keyward-db-copy-cli-");
afterAll(() => source.close());

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["--import", "tsx", "--import", "./test/child-hooks.mjs", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_FILE: source.file, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("the database URL's password", { timeout: 60_000 }, () => {
  it("db:copy names the host and database of a target it cannot reach, never the password", async () => {
    const port = await freePort(); // nothing listens there
    const r = run(["scripts/db-copy.ts", "--to", `postgres://keyward:${PASSWORD}@127.0.0.1:${port}/keyward`, "--from", source.file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`into PostgreSQL at 127.0.0.1:${port}/keyward`);
    expect(r.stderr).toContain("The copy failed and nothing was committed");
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  it("db:copy refuses a URL that is not PostgreSQL's with its usage, echoing nothing of it", () => {
    const r = run(["scripts/db-copy.ts", "--to", `mysql://keyward:${PASSWORD}@127.0.0.1/keyward`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("DATABASE_URL must be a PostgreSQL URL");
    expect(r.stderr).toContain("Usage: npm run db:copy");
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  it("the server, asked for PostgreSQL before it runs there, says so and stops without printing the URL", () => {
    const r = run(["server.ts"], { DATABASE_URL: `postgres://keyward:${PASSWORD}@127.0.0.1:5432/keyward`, PORT: "0" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Keyward failed to start: DATABASE_URL is set, but this version of Keyward runs on SQLite only");
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });
});
