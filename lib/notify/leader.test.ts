import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import crypto from "node:crypto";
import { openDatabase, type Db } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { clock } from "@/lib/domain/clock";
import { createTempDb, type TempDb } from "@/test/temp-db";
import { newHolderId, release, tryLead } from "./leader";
import type { Mailer, OutgoingMessage } from "./mailer";
import { deliverPending, SCHEDULER_LEASE, startScheduler } from "./scheduler";

let tmp: TempDb;
let db: Db;
// A second connection to the same file stands for a second process.
let other: Db;

beforeEach(() => {
  tmp = createTempDb("keyward-lease-");
  db = tmp.db;
  other = openDatabase(tmp.file);
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const k of ["KEYWARD_LEADER_TTL_MS", "KEYWARD_LEADER_RENEW_MS", "KEYWARD_SCHEDULER_INTERVAL_MS", "SMTP_URL"]) delete process.env[k];
  other.$client.close();
  tmp.close();
});

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const TTL = 30_000;

describe("the lease", () => {
  it("lets one of two holders lead; the leader renewing keeps it", async () => {
    const a = newHolderId();
    const b = newHolderId();
    expect(a).not.toBe(b);
    expect(a).toContain(`:${process.pid}:`);
    expect(await tryLead(onSqlite(db), "scheduler", a, NOW, TTL)).toBe(true);
    expect(await tryLead(onSqlite(other), "scheduler", b, NOW + 1, TTL)).toBe(false);
    // Renewed every 10 s, the lease never runs out for the other holder.
    for (let t = NOW + 10_000; t <= NOW + 120_000; t += 10_000) {
      expect(await tryLead(onSqlite(db), "scheduler", a, t, TTL)).toBe(true);
      expect(await tryLead(onSqlite(other), "scheduler", b, t + 5_000, TTL)).toBe(false);
    }
    // Another name is another lease.
    expect(await tryLead(onSqlite(other), "other-job", b, NOW, TTL)).toBe(true);
  });

  it("passes to another holder once the leader stops renewing (a crash), not before", async () => {
    const a = newHolderId();
    const b = newHolderId();
    expect(await tryLead(onSqlite(db), "scheduler", a, NOW, TTL)).toBe(true);
    expect(await tryLead(onSqlite(other), "scheduler", b, NOW + TTL - 1, TTL)).toBe(false);
    expect(await tryLead(onSqlite(other), "scheduler", b, NOW + TTL, TTL)).toBe(true);
    // The old leader, back late, does not lead while the new one renews.
    expect(await tryLead(onSqlite(db), "scheduler", a, NOW + TTL + 1, TTL)).toBe(false);
    expect(other.$client.prepare(`SELECT holder, expires_at AS expiresAt FROM scheduler_leases`).all()).toEqual([{ holder: b, expiresAt: NOW + 2 * TTL }]);
  });

  it("hands over at once on release, and only its holder can release it", async () => {
    const a = newHolderId();
    const b = newHolderId();
    expect(await tryLead(onSqlite(db), "scheduler", a, NOW, TTL)).toBe(true);
    await release(onSqlite(other), "scheduler", b);
    expect(await tryLead(onSqlite(other), "scheduler", b, NOW + 1, TTL)).toBe(false);
    await release(onSqlite(db), "scheduler", a);
    expect(await tryLead(onSqlite(other), "scheduler", b, NOW + 2, TTL)).toBe(true);
  });
});

function fakeMailer(onSend?: () => void): Mailer & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    async send(m) {
      sent.push(m);
      onSend?.();
    },
    close() {},
  };
}

function queuePending(n: number): void {
  const insert = db.$client.prepare(`INSERT INTO outbox (dedupe_key, kind, recipient, subject, body, status) VALUES (?, 'created', ?, 'Subject', 'Body', 'pending')`);
  for (let i = 0; i < n; i++) insert.run(`test:${crypto.randomUUID()}`, `user${i}@example.com`);
}

/** The SQL of every statement `conn` prepares from now on: drizzle prepares each query it runs. */
function statementsOf(conn: Db): string[] {
  const seen: string[] = [];
  const prepare = conn.$client.prepare.bind(conn.$client);
  vi.spyOn(conn.$client, "prepare").mockImplementation(((source: string) => {
    seen.push(source);
    return prepare(source);
  }) as typeof prepare);
  return seen;
}

const statuses = () => db.$client.prepare(`SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status`).all();

describe("delivery fenced by the lease", () => {
  it("sends nothing once the lease is lost, and stops mid-batch when it is lost then", async () => {
    queuePending(5);
    const mailer = fakeMailer();
    expect(await deliverPending(onSqlite(db), mailer, NOW, () => false)).toEqual({ sent: 0, failed: 0 });
    expect(mailer.sent).toHaveLength(0);
    // Nothing was claimed: the new leader finds every message due.
    expect(db.$client.prepare(`SELECT count(*) FROM outbox WHERE next_attempt_at IS NULL`).pluck().get()).toBe(5);
    let leading = true;
    const losing = fakeMailer(() => (leading = mailer.sent.length + losing.sent.length < 2));
    expect(await deliverPending(onSqlite(db), losing, NOW, () => leading)).toEqual({ sent: 2, failed: 0 });
    expect(statuses()).toEqual([
      { status: "pending", n: 3 },
      { status: "sent", n: 2 },
    ]);
  });
});

describe("startScheduler", () => {
  it("runs passes only in the process holding the lease; stopping hands over at once; a stalled leader is replaced after the TTL", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
    try {
      let now = NOW;
      vi.spyOn(clock, "now").mockImplementation(() => now);
      process.env.KEYWARD_LEADER_TTL_MS = "30000";
      process.env.KEYWARD_LEADER_RENEW_MS = "10000";
      process.env.KEYWARD_SCHEDULER_INTERVAL_MS = "5000";
      const mailA = fakeMailer();
      const mailB = fakeMailer();
      const byB = statementsOf(other);
      const stopA = startScheduler(onSqlite(db), mailA);
      const stopB = startScheduler(onSqlite(other), mailB);
      const holder = () => other.$client.prepare(`SELECT holder FROM scheduler_leases WHERE name = ?`).pluck().get(SCHEDULER_LEASE) as string;
      // Each start's first try for the lease is a transaction of its own: A's comes first.
      await vi.advanceTimersByTimeAsync(0);
      const leaseA = holder();
      expect(leaseA).toMatch(/:/);
      const advance = async (ms: number) => {
        for (let t = 0; t < ms; t += 1000) {
          now += 1000;
          await vi.advanceTimersByTimeAsync(1000);
        }
      };
      queuePending(3);
      await advance(20_000);
      expect(mailA.sent).toHaveLength(3);
      expect(mailB.sent).toHaveLength(0);
      expect(holder()).toBe(leaseA);
      // B ran no pass at all: it never even read the outbox.
      expect(byB.filter((q) => q.includes('from "outbox"'))).toEqual([]);

      // A stops gracefully: it releases the lease, so B leads on its next try, not after the TTL.
      await stopA();
      queuePending(2);
      await advance(10_000);
      expect(holder()).not.toBe(leaseA);
      expect(mailB.sent).toHaveLength(2);
      expect(mailA.sent).toHaveLength(3);

      // B crashes: its lease is left to run out; a third process takes over only after the TTL.
      const leaseB = holder();
      const third = openDatabase(tmp.file);
      const mailC = fakeMailer();
      await stopB();
      // B's lease as a crash leaves it: not released, just renewed.
      other.$client.prepare(`INSERT INTO scheduler_leases (name, holder, expires_at) VALUES (?, ?, ?)`).run(SCHEDULER_LEASE, leaseB, now + 30_000);
      const stopC = startScheduler(onSqlite(third), mailC);
      queuePending(1);
      await advance(29_000);
      expect(mailC.sent).toHaveLength(0);
      expect(holder()).toBe(leaseB);
      await advance(11_000);
      expect(holder()).not.toBe(leaseB);
      expect(mailC.sent).toHaveLength(1);
      await stopC();
      // Let C's pass finish its last steps (they yield through setImmediate) before closing its connection.
      for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
      third.$client.close();
      expect(other.$client.prepare(`SELECT count(*) FROM scheduler_leases`).pluck().get()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
