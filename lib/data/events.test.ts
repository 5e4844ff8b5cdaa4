import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { KeywardDb } from "@/lib/db/database";
import { apiTokens, events, user } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/temp-db";
import { translateMessage } from "@/lib/domain/message";
import { translatorFor } from "@/lib/i18n/translator";
import { recordEvent } from "./record-event";
import type { EventAction } from "@/lib/domain/event-actions";
import { eventFiltersSchema, listEvents as listScoped, recentActors, zonedDayStart, type EventViewer } from "./events";

let tmp: TempDb;
let db: Db;
let kdb: KeywardDb;
const ACTOR = crypto.randomUUID();
const TARGET = crypto.randomUUID();
const START = Date.UTC(2026, 0, 1);

beforeAll(() => {
  tmp = createTempDb("keyward-events-");
  db = tmp.db;
  kdb = tmp.kdb;
  db.insert(user).values({ id: ACTOR, name: "Ada", email: "ada@example.com", createdAt: new Date(), updatedAt: new Date() }).run();
  db.insert(apiTokens).values({ id: TARGET, title: "Live token", type: "generated", creatorId: ACTOR, expiresOn: "2027-01-01", deviceScope: "all" }).run();
  // 300 events, one every 6 hours from 2026-01-01; every third about TARGET by ACTOR.
  const rows = Array.from({ length: 300 }, (_, i) => ({
    at: new Date(START + i * 6 * 3_600_000),
    actorType: "user" as const,
    actorId: i % 3 === 0 ? ACTOR : crypto.randomUUID(),
    actorLabel: i % 3 === 0 ? "ada@example.com" : "someone@example.com",
    action: i % 2 === 0 ? "token.updated" : "user.signed_in",
    targetType: "token",
    targetId: i % 3 === 0 ? TARGET : crypto.randomUUID(),
    targetLabel: "t",
    details: { n: i },
  }));
  for (let i = 0; i < rows.length; i += 100) db.insert(events).values(rows.slice(i, i + 100)).run();
});

afterAll(() => tmp.close());

// The unchanged tests read as a System Administrator, who sees every event.
const ADMIN: EventViewer = { id: crypto.randomUUID(), isSystemAdmin: true };
const listEvents = (filters: ReturnType<typeof f>, d: KeywardDb) => listScoped(filters, ADMIN, d);
const f = (raw: Record<string, string>) => eventFiltersSchema.parse(raw);
const ns = (items: { details: Record<string, unknown> | null }[]) => items.map((e) => e.details!.n as number);

/** The SQL statements `run` prepares on the test connection, to read their query plans. */
async function preparedDuring(run: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const prepare = db.$client.prepare.bind(db.$client);
  db.$client.prepare = ((source: string) => {
    statements.push(source);
    return prepare(source);
  }) as typeof db.$client.prepare;
  try {
    await run();
  } finally {
    db.$client.prepare = prepare;
  }
  return statements;
}

describe("listEvents", () => {
  it("pages newest first with Next page (before) and Newer (after) cursors", async () => {
    const first = await listEvents(f({}), kdb);
    expect(ns(first.items)).toEqual(Array.from({ length: 50 }, (_, i) => 299 - i));
    expect(first.newerCursor).toBeNull();
    const second = await listEvents(f({ before: String(first.olderCursor) }), kdb);
    expect(ns(second.items)[0]).toBe(249);
    expect(second.newerCursor).not.toBeNull();
    const back = await listEvents(f({ after: String(second.newerCursor) }), kdb);
    expect(ns(back.items)).toEqual(ns(first.items));
    expect(back.newerCursor).toBeNull();
  });

  it("reaches the last page and stops", async () => {
    let page = await listEvents(f({}), kdb);
    let seen = page.items.length;
    while (page.olderCursor) {
      page = await listEvents(f({ before: String(page.olderCursor) }), kdb);
      seen += page.items.length;
    }
    expect(seen).toBe(300);
    expect(ns(page.items).at(-1)).toBe(0);
  });

  it("filters by action, actor (id or email), target and date range, and links live tokens", async () => {
    expect((await listEvents(f({ action: "user.signed_in" }), kdb)).items.every((e) => translateMessage(translatorFor("en"), e.actionLabel) === "Signed in")).toBe(true);
    const byEmail = (await listEvents(f({ actor: "ada@example.com" }), kdb)).items;
    expect(byEmail).toHaveLength(50);
    expect(byEmail.every((e) => e.actorLabel === "ada@example.com")).toBe(true);
    const byTarget = (await listEvents(f({ target: TARGET, action: "token.updated" }), kdb)).items;
    expect(ns(byTarget).every((n) => n % 6 === 0)).toBe(true);
    expect(byTarget[0].targetLinkable).toBe(true);
    // 2026-01-02 in UTC: events 4..7 (every 6 hours).
    expect(ns((await listEvents(f({ from: "2026-01-02", to: "2026-01-02", tz: "UTC" }), kdb)).items)).toEqual([7, 6, 5, 4]);
    // The same day in Tokyo (UTC+9) starts 9 hours earlier: 2026-01-01T15:00Z .. 2026-01-02T15:00Z.
    expect(ns((await listEvents(f({ from: "2026-01-02", to: "2026-01-02", tz: "Asia/Tokyo" }), kdb)).items)).toEqual([6, 5, 4, 3]);
    expect((await listEvents(f({ from: "2030-01-01" }), kdb)).items).toEqual([]);
  });

  it("drops malformed filters instead of failing", async () => {
    const parsed = f({ action: "nope", from: "2026-02-30", before: "-3", tz: "Mars/Base" });
    expect(parsed).toMatchObject({ action: undefined, from: undefined, before: undefined });
    expect((await listEvents(parsed, kdb)).items).toHaveLength(50);
  });

  it("serves every filter from an index, never a full scan or a sort", async () => {
    const statements = await preparedDuring(async () => {
      const cases: Record<string, string>[] = [{}, { action: "token.updated" }, { actor: ACTOR }, { target: TARGET }, { action: "token.updated", actor: ACTOR }, { action: "token.updated", target: TARGET }, { actor: ACTOR, target: TARGET }, { action: "token.revoked", actor: "nobody@example.com" }, { from: "2026-01-02", to: "2026-01-20" }, { action: "token.updated", from: "2026-01-02" }, { before: "100" }];
      for (const raw of cases) {
        await listEvents(f(raw), kdb);
      }
    });
    const eventQueries = statements.filter((s) => /from "events"/.test(s));
    expect(eventQueries.length).toBeGreaterThan(6);
    for (const sql of eventQueries) {
      const plan = (db.$client.prepare(`explain query plan ${sql}`).all(...Array(sql.split("?").length - 1).fill(null)) as { detail: string }[]).map((r) => r.detail).join("; ");
      expect(plan, sql).not.toMatch(/TEMP B-TREE/);
      // A plain scan is the newest-first walk down the rowid, fine only with no condition (LIMIT stops it).
      if (/ where /.test(sql)) expect(plan, sql).toMatch(/^SEARCH events USING (INDEX events_\w+_idx|COVERING INDEX events_at_idx|INTEGER PRIMARY KEY)/);
    }
  });
});

describe("listEvents for a viewer who is not a System Administrator", () => {
  const BOB = crypto.randomUUID();
  const KEPT = crypto.randomUUID(); // Bob's live token
  const GONE = crypto.randomUUID(); // Bob's deleted token
  const bob: EventViewer = { id: BOB, isSystemAdmin: false };
  const mine = new Set<number>();

  beforeAll(async () => {
    db.insert(user).values({ id: BOB, name: "Bob", email: "bob@example.com", createdAt: new Date(), updatedAt: new Date() }).run();
    db.insert(apiTokens).values({ id: KEPT, title: "Bob's token", type: "generated", creatorId: BOB, expiresOn: "2027-01-01", deviceScope: "all" }).run();
    const at = new Date(START + 400 * 6 * 3_600_000);
    const row = async (n: number, own: boolean, e: Partial<typeof events.$inferInsert>) => {
      if (own) mine.add(n);
      // Through recordEvent, which records the creator of the token an event is about.
      const v = { actorType: "user", actorId: ACTOR, actorLabel: "ada@example.com", action: "token.updated", targetType: "token", targetId: TARGET, ...e };
      const actor = v.actorType === "system" ? ({ type: "system", label: v.actorLabel } as const) : ({ type: "user", id: v.actorId!, label: v.actorLabel } as const);
      await recordEvent(kdb, { actor, action: v.action as EventAction, target: { type: v.targetType!, id: v.targetId! }, at, details: { n } });
    };
    // 60 of Bob's own, so they span two pages, between others' events.
    for (let i = 0; i < 60; i++) {
      await row(1000 + 4 * i, true, { actorId: BOB, actorLabel: "bob@example.com", action: "user.signed_in", targetType: "user", targetId: BOB });
      await row(1001 + 4 * i, false, {});
      await row(1002 + 4 * i, true, { action: "token.expired", actorType: "system", actorId: null, actorLabel: "Keyward", targetId: KEPT });
      await row(1003 + 4 * i, false, { actorId: crypto.randomUUID(), action: "user.suspended", targetType: "user", targetId: ACTOR });
    }
    await row(2000, true, { actorId: BOB, actorLabel: "bob@example.com", action: "token.created", targetId: GONE });
    await row(2001, true, { actorId: ACTOR, action: "token.deleted", targetId: GONE });
    await row(2002, true, { actorId: ACTOR, action: "user.updated", targetType: "user", targetId: BOB });
    await row(2003, false, { actorId: ACTOR, action: "token.created", targetId: crypto.randomUUID() });
  });

  const all = async (viewer: EventViewer, raw: Record<string, string> = {}) => {
    const seen: number[] = [];
    let page = await listScoped(f(raw), viewer, kdb);
    seen.push(...ns(page.items));
    while (page.olderCursor) {
      page = await listScoped(f({ ...raw, before: String(page.olderCursor) }), viewer, kdb);
      seen.push(...ns(page.items));
    }
    return seen;
  };

  it("sees only their own actions, events about their account and about their tokens (also deleted ones), on every page", async () => {
    const seen = await all(bob);
    expect(seen).toHaveLength(mine.size);
    expect(new Set(seen)).toEqual(mine);
  });

  it("cannot reach past that with a filter or a cursor", async () => {
    expect(await all(bob, { target: TARGET })).toEqual([]);
    expect((await all(bob, { actor: "ada@example.com" })).every((n) => mine.has(n))).toBe(true);
    expect(await all(bob, { action: "user.suspended" })).toEqual([]);
    expect((await all(bob, { after: "1" })).every((n) => mine.has(n))).toBe(true);
    expect((await recentActors(bob, kdb)).map((a) => a.label).sort()).toEqual(["ada@example.com", "bob@example.com"]);
  });

  it("reads each of their streams (actor, target, token owner) newest first from its index, sorting nothing", async () => {
    const statements = await preparedDuring(async () => {
      for (const raw of [{}, { before: "500" }, { after: "100" }, { action: "token.expired" }, { actor: "ada@example.com" }, { from: "2026-01-02", to: "2026-12-31" }] as Record<string, string>[]) await listScoped(f(raw), bob, kdb);
      await recentActors(bob, kdb);
    });
    const eventQueries = statements.filter((s) => /from "events"/.test(s));
    for (const stream of ["actor_id", "target_id", "token_owner_id"]) expect(eventQueries.some((s) => s.includes(`"events"."${stream}" = ?`)), stream).toBe(true);
    for (const sql of eventQueries) {
      const plan = (db.$client.prepare(`explain query plan ${sql}`).all(...Array(sql.split("?").length - 1).fill(null)) as { detail: string }[]).map((r) => r.detail).join("; ");
      expect(plan, sql).not.toMatch(/TEMP B-TREE|SCAN events/);
      expect(plan, sql).toMatch(/^SEARCH events USING (COVERING )?(INDEX events_\w+_idx|INTEGER PRIMARY KEY)/);
    }
  });

  it("takes the Actor suggestions' ids from the streams' indexes alone, reading only the merged window's rows", async () => {
    const eventQueries = (await preparedDuring(() => recentActors(bob, kdb))).filter((s) => /from "events"/.test(s));
    const plan = (sql: string) => (db.$client.prepare(`explain query plan ${sql}`).all(...Array(sql.split("?").length - 1).fill(null)) as { detail: string }[]).map((r) => r.detail).join("; ");
    const streams = eventQueries.filter((s) => /"events"\."(actor_id|target_id|token_owner_id)" = \?/.test(s));
    expect(streams).toHaveLength(3);
    for (const sql of streams) expect(plan(sql), sql).toMatch(/^SEARCH events USING COVERING INDEX events_\w+_idx/);
    const rows = eventQueries.filter((s) => !streams.includes(s));
    expect(rows).toHaveLength(1);
    expect(plan(rows[0])).toMatch(/^SEARCH events USING INTEGER PRIMARY KEY/);
  });

  it("records the token's creator on every event about it, also after the token is deleted", () => {
    const owners = (target: string) => db.select({ action: events.action, owner: events.tokenOwnerId }).from(events).where(eq(events.targetId, target)).all();
    expect(new Set(owners(KEPT).map((r) => r.owner))).toEqual(new Set([BOB]));
    expect(owners(GONE).find((r) => r.action === "token.deleted")?.owner).toBe(BOB);
    expect(owners(BOB).every((r) => r.owner === null)).toBe(true);
  });

  it("leaves a System Administrator seeing everything", async () => {
    expect((await all(ADMIN, { target: TARGET })).length).toBeGreaterThan(100);
    expect((await recentActors(ADMIN, kdb)).length).toBeGreaterThan(3);
  });
});

describe("zonedDayStart", () => {
  it("is the instant midnight begins in the zone, across DST changes", () => {
    expect(new Date(zonedDayStart("2026-01-02", "UTC")).toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect(new Date(zonedDayStart("2026-01-02", "Asia/Tokyo")).toISOString()).toBe("2026-01-01T15:00:00.000Z");
    expect(new Date(zonedDayStart("2026-03-08", "America/New_York")).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(new Date(zonedDayStart("2026-03-09", "America/New_York")).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(new Date(zonedDayStart("2026-01-02", "Pacific/Kiritimati")).toISOString()).toBe("2026-01-01T10:00:00.000Z");
  });

  it("starts a day whose midnight is skipped (Chile moves 00:00 to 01:00 on 2026-09-06) at 01:00 local", () => {
    expect(new Date(zonedDayStart("2026-09-06", "America/Santiago")).toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(zonedDayStart("2026-09-05", "America/Santiago", 1)).toBe(zonedDayStart("2026-09-06", "America/Santiago"));
  });
});
