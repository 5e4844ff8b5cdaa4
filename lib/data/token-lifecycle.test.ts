import { afterEach, beforeEach, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiTokens, events, roles, tokenAllowedIps, tokenPermissions, user } from "@/lib/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { tokenStatus } from "@/lib/domain/token-status";
import { deleteToken, extendTokenExpiry, extensionError, getTokenDetails, revokeToken, updateTokenAllowedIps } from "./token-lifecycle";
import { expectRefusal } from "@/test/refusal";
import { inEnglish } from "@/test/english";
import { createTempDb, type TempDb } from "@/test/temp-db";

let tmp: TempDb;
let db: Db;

function addUser(email: string, admin = false): Actor {
  const id = crypto.randomUUID();
  const roleId = admin
    ? db.select().from(roles).where(eq(roles.builtIn, true)).get()!.id
    : db.insert(roles).values({ name: `Role ${id}` }).returning().get().id;
  db.insert(user).values({ id, name: email, email, roleId, createdAt: new Date(), updatedAt: new Date() }).run();
  return { id, name: email, email, roleId, roleName: null, isSystemAdmin: admin, permissions: ["api-credentials.view", "api-credentials.manage"], deviceGroups: [], ip: "192.0.2.7", language: null };
}

function addToken(creator: Actor, expiresOn: string): string {
  const id = crypto.randomUUID();
  db.insert(apiTokens).values({ id, title: "Nightly export", type: "generated", creatorId: creator.id, expiresOn, deviceScope: "all" }).run();
  db.insert(tokenPermissions).values({ tokenId: id, permission: "device-reports.view" }).run();
  db.insert(tokenAllowedIps).values([{ tokenId: id, cidr: "10.0.0.0/24", position: 0 }, { tokenId: id, cidr: "192.0.2.1/32", position: 1 }]).run();
  return id;
}


const NOW = Date.UTC(2026, 10, 22, 12); // 2026-11-22 12:00 UTC

beforeEach(() => {
  tmp = createTempDb("keyward-lifecycle-");
  db = tmp.db;
});

afterEach(() => tmp.close());

describe("status at the expiry boundary", () => {
  it("is active through 23:59:59.999 UTC and expired from 00:00:00.000 UTC the next day", () => {
    const t = { expiresOn: "2026-11-22", revokedAt: null, creatorStatus: "active" as const };
    expect(tokenStatus(t, Date.UTC(2026, 10, 22, 23, 59, 59, 999))).toBe("active");
    expect(tokenStatus(t, Date.UTC(2026, 10, 23, 0, 0, 0, 0))).toBe("expired");
    expect(tokenStatus({ ...t, creatorStatus: "suspended" }, Date.UTC(2026, 10, 22, 23, 59, 59, 999))).toBe("suspended");
    expect(tokenStatus({ ...t, revokedAt: 1 }, Date.UTC(2026, 10, 23))).toBe("revoked");
  });

  it("the token page and the actions follow the same boundary", async () => {
    const owner = addUser("owner@example.com");
    const id = addToken(owner, "2026-11-22");
    expect((await getTokenDetails({ actor: owner, tokenId: id, now: Date.UTC(2026, 10, 22, 23, 59, 59, 999), db: tmp.kdb }))!.status).toBe("active");
    expect((await getTokenDetails({ actor: owner, tokenId: id, now: Date.UTC(2026, 10, 23), db: tmp.kdb }))!.status).toBe("expired");
    const err = await expectRefusal(() => revokeToken({ actor: owner, tokenId: id, now: Date.UTC(2026, 10, 23), db: tmp.kdb }));
    expect(err.status).toBe(409);
    expect(err.message).toBe("This token is Expired, so it can't be changed. It can only be deleted.");
  });
});

describe("extension limits", () => {
  it("needs a date later than the current one and at most one year from today", () => {
    expect(inEnglish(extensionError("2026-12-01", "2026-12-01", "UTC", NOW))).toBe("Pick a date after the current expiration date, 2026-12-01.");
    expect(inEnglish(extensionError("2026-12-01", "2026-11-30", "UTC", NOW))).toMatch(/after the current expiration date/);
    expect(extensionError("2026-12-01", "2027-11-22", "UTC", NOW)).toBeNull();
    expect(inEnglish(extensionError("2026-12-01", "2027-11-23", "UTC", NOW))).toBe("A token can last at most one year: pick 2027-11-22 or earlier.");
    expect(inEnglish(extensionError("2026-12-01", "2027-02-30", "UTC", NOW))).toBe("That date doesn't exist.");
    // In Kiritimati (UTC+14) it is already the 23rd, but the year counts from today in UTC: no
    // year and a day for a client that sends a zone ahead of UTC (issue 12, item 26).
    expect(inEnglish(extensionError("2026-12-01", "2027-11-23", "Pacific/Kiritimati", NOW))).toBe("A token can last at most one year: pick 2027-11-22 or earlier.");
    expect(extensionError("2026-12-01", "2027-11-22", "Pacific/Kiritimati", NOW)).toBeNull();
  });

  it("extends and records old and new dates in one event", async () => {
    const owner = addUser("owner@example.com");
    const id = addToken(owner, "2026-12-01");
    await extendTokenExpiry({ actor: owner, tokenId: id, expiresOn: "2027-03-01", timeZone: "UTC", now: NOW, db: tmp.kdb });
    expect(db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()!.expiresOn).toBe("2027-03-01");
    const ev = db.select().from(events).all();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ action: "token.updated", actorId: owner.id, targetId: id, sourceIp: "192.0.2.7", details: { expiresOn: { from: "2026-12-01", to: "2027-03-01" } } });
  });

  it("refuses a too-late date with a field error and changes nothing", async () => {
    const owner = addUser("owner@example.com");
    const id = addToken(owner, "2026-12-01");
    const err = await expectRefusal(() => extendTokenExpiry({ actor: owner, tokenId: id, expiresOn: "2028-01-01", timeZone: "UTC", now: NOW, db: tmp.kdb }));
    expect(err.fieldErrors?.expiresOn?.[0]).toMatch(/at most one year/);
    expect(db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()!.expiresOn).toBe("2026-12-01");
    expect(db.select().from(events).all()).toHaveLength(0);
  });
});

describe("owner scoping", () => {
  it("another user's token is not found for every action; an administrator reaches it", async () => {
    const owner = addUser("owner@example.com");
    const other = addUser("other@example.com");
    const admin = addUser("admin@example.com", true);
    const id = addToken(owner, "2026-12-01");
    expect(await getTokenDetails({ actor: other, tokenId: id, now: NOW, db: tmp.kdb })).toBeNull();
    for (const fn of [
      () => extendTokenExpiry({ actor: other, tokenId: id, expiresOn: "2027-01-01", timeZone: "UTC", now: NOW, db: tmp.kdb }),
      () => updateTokenAllowedIps({ actor: other, tokenId: id, allowedIps: [], now: NOW, db: tmp.kdb }),
      () => revokeToken({ actor: other, tokenId: id, now: NOW, db: tmp.kdb }),
      () => deleteToken({ actor: other, tokenId: id, now: NOW, db: tmp.kdb }),
    ]) {
      expect((await expectRefusal(fn)).status).toBe(404);
    }
    expect(db.select().from(events).all()).toHaveLength(0);
    expect((await getTokenDetails({ actor: admin, tokenId: id, now: NOW, db: tmp.kdb }))!.title).toBe("Nightly export");
    await revokeToken({ actor: admin, tokenId: id, now: NOW, db: tmp.kdb });
    expect((await getTokenDetails({ actor: owner, tokenId: id, now: NOW, db: tmp.kdb }))!.status).toBe("revoked");
  });
});

describe("allowed IPs, revoke and delete", () => {
  it("records added and removed entries in display form", async () => {
    const owner = addUser("owner@example.com");
    const id = addToken(owner, "2026-12-01");
    const r = await updateTokenAllowedIps({ actor: owner, tokenId: id, allowedIps: ["10.0.0.0/24", "2001:db8::/32"], now: NOW, db: tmp.kdb });
    expect(r).toEqual({ allowedIps: ["10.0.0.0/24", "2001:db8::/32"], changed: true });
    expect(db.select().from(events).get()!.details).toEqual({ allowedIps: { added: ["2001:db8::/32"], removed: ["192.0.2.1"] } });
    expect((await updateTokenAllowedIps({ actor: owner, tokenId: id, allowedIps: ["10.0.0.0/24", "2001:db8::/32"], now: NOW, db: tmp.kdb })).changed).toBe(false);
    expect(db.select().from(events).all()).toHaveLength(1);
  });

  it("a revoked token is read-only but can be deleted; its events stay", async () => {
    const owner = addUser("owner@example.com");
    const id = addToken(owner, "2026-12-01");
    await revokeToken({ actor: owner, tokenId: id, now: NOW, db: tmp.kdb });
    expect((await expectRefusal(() => extendTokenExpiry({ actor: owner, tokenId: id, expiresOn: "2027-01-01", timeZone: "UTC", now: NOW, db: tmp.kdb }))).message).toMatch(/Revoked/);
    expect((await expectRefusal(() => updateTokenAllowedIps({ actor: owner, tokenId: id, allowedIps: [], now: NOW, db: tmp.kdb }))).status).toBe(409);
    expect((await expectRefusal(() => revokeToken({ actor: owner, tokenId: id, now: NOW, db: tmp.kdb }))).status).toBe(409);
    await deleteToken({ actor: owner, tokenId: id, now: NOW, db: tmp.kdb });
    expect(db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()).toBeUndefined();
    expect(db.select().from(tokenPermissions).where(eq(tokenPermissions.tokenId, id)).all()).toHaveLength(0);
    expect(db.select().from(tokenAllowedIps).where(eq(tokenAllowedIps.tokenId, id)).all()).toHaveLength(0);
    expect(db.select().from(events).all().map((e) => e.action)).toEqual(["token.revoked", "token.deleted"]);
  });

  it("a suspended creator's token is read-only", async () => {
    const owner = addUser("owner@example.com");
    const admin = addUser("admin@example.com", true);
    const id = addToken(owner, "2026-12-01");
    db.update(user).set({ status: "suspended" }).where(eq(user.id, owner.id)).run();
    expect((await getTokenDetails({ actor: admin, tokenId: id, now: NOW, db: tmp.kdb }))!.status).toBe("suspended");
    expect((await expectRefusal(() => revokeToken({ actor: admin, tokenId: id, now: NOW, db: tmp.kdb }))).message).toMatch(/Suspended/);
  });
});
