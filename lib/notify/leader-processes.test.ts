import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { freshDatabase } from "@/test/api-fixture";
import { buildTestChild } from "@/test/build-child";
import { SCHEDULER_LEASE } from "./scheduler";

// Issue 14: two Keyward processes run the scheduler on one database. Only the lease's holder
// sends mail; kill -9 it and the other takes over within TTL + renewal, and every message is sent
// exactly once.
const ROOT = path.resolve(import.meta.dirname, "../..");
const TTL_MS = 3_000;
const RENEW_MS = 500;
const BATCH = 60;
let CHILD: string;
let db: Db;
let file: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  CHILD = await buildTestChild("test/scheduler-child.ts");
  ({ db, file } = freshDatabase());
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  db.$client.close();
});

function startChild(log: string): ChildProcess {
  const env = { ...process.env, KEYWARD_LEADER_TTL_MS: String(TTL_MS), KEYWARD_LEADER_RENEW_MS: String(RENEW_MS), KEYWARD_SCHEDULER_INTERVAL_MS: "200" };
  const child = spawn(process.execPath, [CHILD, file, log], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env });
  children.push(child);
  return child;
}

function queue(prefix: string): string[] {
  const subjects = Array.from({ length: BATCH }, (_, i) => `${prefix}-${i}-${crypto.randomUUID()}`);
  const insert = db.$client.prepare(`INSERT INTO outbox (dedupe_key, kind, recipient, subject, body, status) VALUES (?, 'created', 'someone@example.com', ?, 'Body', 'pending')`);
  db.$client.transaction(() => subjects.forEach((s) => insert.run(s, s)))();
  return subjects;
}

const leaseHolderPid = () => {
  const holder = db.$client.prepare(`SELECT holder FROM scheduler_leases WHERE name = ?`).pluck().get(SCHEDULER_LEASE) as string | undefined;
  return holder ? Number(holder.split(":").at(-2)) : null;
};
const unsent = () => db.$client.prepare(`SELECT count(*) FROM outbox WHERE status <> 'sent'`).pluck().get() as number;

describe("the scheduler in two processes on one database", () => {
  it("sends only from the leader, and from the other once the leader is killed, each message once", { timeout: 60_000 }, async () => {
    const log = path.join(path.dirname(file), "sent.log");
    fs.writeFileSync(log, "");
    const first = queue("before");
    const a = startChild(log);
    const b = startChild(log);
    await vi.waitFor(() => expect(unsent()).toBe(0), { timeout: 20_000, interval: 50 });
    const leader = leaseHolderPid();
    expect([a.pid, b.pid]).toContain(leader);
    const [dead, heir] = leader === a.pid ? [a, b] : [b, a];

    dead.kill("SIGKILL");
    await new Promise((resolve) => dead.once("exit", resolve));
    const killedAt = Date.now();
    const second = queue("after");
    await vi.waitFor(() => expect(leaseHolderPid()).toBe(heir.pid), { timeout: 10_000, interval: 20 });
    // Taken over once the dead leader's lease ran out, on the heir's next try.
    expect(Date.now() - killedAt).toBeLessThan(TTL_MS + RENEW_MS + 2_000);
    await vi.waitFor(() => expect(unsent()).toBe(0), { timeout: 20_000, interval: 50 });
    heir.kill("SIGKILL");

    const lines = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => l.split(" ") as [string, string]);
    const sentBy = new Map<string, string[]>();
    for (const [pid, subject] of lines) sentBy.set(subject, [...(sentBy.get(subject) ?? []), pid]);
    expect(lines).toHaveLength(2 * BATCH);
    for (const s of first) expect(sentBy.get(s)).toEqual([String(dead.pid)]);
    for (const s of second) expect(sentBy.get(s)).toEqual([String(heir.pid)]);
  });
});
