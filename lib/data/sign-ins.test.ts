import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import type { KeywardDb } from "@/lib/db/database";
import crypto from "node:crypto";
import { signInFailures, user } from "@/lib/db/schema";
import { clock } from "@/lib/domain/clock";
import { createTempDb, type TempDb } from "@/test/temp-db";
import { recordSignInAttempt, signInRetryAfter } from "./sign-ins";

let tmp: TempDb;
let db: Db;
let kdb: KeywardDb;
let now: number;
const limits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 };

beforeEach(() => {
  tmp = createTempDb("keyward-sign-ins-");
  db = tmp.db;
  kdb = tmp.kdb;
  now = Date.UTC(2026, 11, 2, 9, 0, 0);
  vi.spyOn(clock, "now").mockImplementation(() => now);
});
afterEach(() => {
  vi.restoreAllMocks();
  tmp.close();
});

const fail = (email: string, ip: string) => recordSignInAttempt({ ok: false, email, ip }, kdb);

describe("sign-in throttling", () => {
  it("counts failures per account: the sixth try waits until the oldest failure leaves the window", async () => {
    for (let i = 0; i < 4; i++) {
      await fail("Ada@Example.com", `192.0.2.${i}`);
      now += 60_000;
    }
    expect(await signInRetryAfter("ada@example.com", "198.51.100.1", limits, kdb)).toBeNull();
    await fail("ada@example.com", "192.0.2.9");
    // First failure at 09:00, window 15 min, now 09:04.
    expect(await signInRetryAfter("ADA@example.com ", "198.51.100.1", limits, kdb)).toBe(11 * 60);
    expect(await signInRetryAfter("bo@example.com", "198.51.100.1", limits, kdb)).toBeNull();
    now += 11 * 60_000 + 1;
    expect(await signInRetryAfter("ada@example.com", "198.51.100.1", limits, kdb)).toBeNull();
  });

  it("counts failures per address across accounts", async () => {
    for (let i = 0; i < 20; i++) await fail(`user${i}@example.com`, "203.0.113.5");
    expect(await signInRetryAfter("new@example.com", "203.0.113.5", limits, kdb)).toBe(15 * 60);
    expect(await signInRetryAfter("new@example.com", "203.0.113.6", limits, kdb)).toBeNull();
  });

  it("never counts successes, and a success starts the account's count again but not the address's", async () => {
    const userId = crypto.randomUUID();
    db.insert(user).values({ id: userId, name: "Cy", email: "cy@example.com", createdAt: new Date(now), updatedAt: new Date(now) }).run();
    for (let i = 0; i < 4; i++) await fail("cy@example.com", "203.0.113.7");
    now += 1000;
    await recordSignInAttempt({ ok: true, userId, email: "cy@example.com", ip: "203.0.113.7" }, kdb);
    now += 1000;
    await fail("cy@example.com", "203.0.113.7");
    expect(await signInRetryAfter("cy@example.com", "203.0.113.7", limits, kdb)).toBeNull();
    // The address still has all five failures against it.
    expect(await signInRetryAfter("other@example.com", "203.0.113.7", { ...limits, perAddress: 5 }, kdb)).not.toBeNull();
  });

  it("prunes failures older than a day as new ones arrive", async () => {
    await fail("old@example.com", "203.0.113.8");
    now += 25 * 60 * 60_000;
    await fail("new@example.com", "203.0.113.8");
    expect(db.select().from(signInFailures).all().map((r) => r.email)).toEqual(["new@example.com"]);
  });
});
