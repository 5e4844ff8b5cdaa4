import { afterEach, beforeEach, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { KeywardDb } from "@/lib/db/database";
import { apiTokens, roles, rotationCampaignTokens, rotationCampaigns, user } from "@/lib/db/schema";
import type { Actor } from "@/lib/domain/actor";
import type { CampaignTokenState } from "@/lib/domain/campaign";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { expectRefusal } from "@/test/refusal";
import { createTempDb, type TempDb } from "@/test/temp-db";
import { CAMPAIGN_CSV_HEADER, campaignCsv, campaignTokensPage, getCampaign, listCampaigns } from "./campaigns";

let tmp: TempDb;
let db: Db;
let kdb: KeywardDb;
let admin: Actor;
let other: Actor;

function insertUser(email: string, name: string): string {
  const id = crypto.randomUUID();
  const roleId = db.select().from(roles).where(eq(roles.builtIn, true)).get()!.id;
  db.insert(user).values({ id, name, email, roleId, createdAt: new Date(), updatedAt: new Date() }).run();
  return id;
}

function actorFor(id: string, isSystemAdmin: boolean): Actor {
  const row = db.select().from(user).where(eq(user.id, id)).get()!;
  return { id, name: row.name, email: row.email, roleId: row.roleId, roleName: null, isSystemAdmin, permissions: [...ALL_PERMISSIONS], deviceGroups: [], ip: null, language: null };
}

function insertCampaign(name: string, createdAt: Date): number {
  return db
    .insert(rotationCampaigns)
    .values({ name, reason: "Because", scopeKind: "older_than", scopeDays: 90, deadlineOn: "2027-01-31", deadlineAt: new Date("2027-01-31T23:59:59Z"), action: "rotate", status: "active", createdByEmail: "ada@example.com", createdAt })
    .returning({ id: rotationCampaigns.id })
    .get().id;
}

/** A token (unless `deleted`) and its campaign row. */
function enrol(campaignId: number, ownerId: string, title: string, state: CampaignTokenState, opts: { lastUsedAt?: Date; deleted?: boolean } = {}): string {
  const tokenId = crypto.randomUUID();
  if (!opts.deleted) {
    db.insert(apiTokens)
      .values({ id: tokenId, title, type: "generated", creatorId: ownerId, expiresOn: "2027-06-01", deviceScope: "all", deviceGroupName: "All device groups", lastUsedAt: opts.lastUsedAt ?? null })
      .run();
  }
  db.insert(rotationCampaignTokens).values({ campaignId, tokenId, ownerId, title, usedRecently: Boolean(opts.lastUsedAt), state, actedAt: state === "pending" ? null : new Date("2026-12-10T10:00:00Z") }).run();
  return tokenId;
}

let adaId: string;
let boId: string;

beforeEach(() => {
  tmp = createTempDb("keyward-campaigns-");
  db = tmp.db;
  kdb = tmp.kdb;
  adaId = insertUser("ada@example.com", "Ada");
  boId = insertUser("bo@example.com", "Bo");
  admin = actorFor(adaId, true);
  other = actorFor(boId, false);
});

afterEach(() => tmp.close());

describe("campaign reads", () => {
  it("are for System Administrators only, whatever the permissions", async () => {
    const id = insertCampaign("Renewal", new Date());
    for (const read of [() => listCampaigns({ actor: other, db: kdb }), () => getCampaign({ actor: other, id, db: kdb }), () => campaignTokensPage({ actor: other, campaignId: id, db: kdb }), () => campaignCsv({ actor: other, campaignId: id, db: kdb })]) {
      expect((await expectRefusal(read)).status).toBe(403);
    }
  });

  it("count each state, with In scope as every enrolled row (a deleted token still counts)", async () => {
    const id = insertCampaign("Renewal", new Date());
    const states: CampaignTokenState[] = ["pending", "pending", "pending", "rotated", "rotated", "rotated_auto", "revoked", "ended"];
    states.forEach((s, i) => enrol(id, i % 2 ? adaId : boId, `Token ${i}`, s, { deleted: i === 7 }));
    const otherCampaign = insertCampaign("Other", new Date());
    enrol(otherCampaign, adaId, "Elsewhere", "pending");
    expect((await getCampaign({ actor: admin, id, db: kdb }))!.totals).toEqual({ inScope: 8, rotated: 2, pending: 3, rotatedAutomatically: 1, revoked: 1, ended: 1 });
    expect(await getCampaign({ actor: admin, id, db: kdb })).toMatchObject({ name: "Renewal", scope: { kind: "older_than", days: 90 }, deadlineOn: "2027-01-31", action: "rotate", status: "active" });
    expect(await getCampaign({ actor: admin, id: 9999, db: kdb })).toBeNull();
  });

  it("list campaigns newest first, a page at a time, with their totals", async () => {
    const ids = Array.from({ length: 5 }, (_, i) => insertCampaign(`Campaign ${i}`, new Date(Date.UTC(2026, 11, 1 + i))));
    enrol(ids[4], adaId, "One", "rotated");
    const first = await listCampaigns({ actor: admin, pageSize: 2, db: kdb });
    expect(first).toMatchObject({ total: 5, page: 1, pageCount: 3 });
    expect(first.rows.map((r) => r.name)).toEqual(["Campaign 4", "Campaign 3"]);
    expect(first.rows[0].totals).toMatchObject({ inScope: 1, rotated: 1 });
    expect(first.rows[1].totals.inScope).toBe(0);
    expect((await listCampaigns({ actor: admin, pageSize: 2, page: 3, db: kdb })).rows.map((r) => r.name)).toEqual(["Campaign 0"]);
    // A page past the end shows the last one.
    expect((await listCampaigns({ actor: admin, pageSize: 2, page: 99, db: kdb })).page).toBe(3);
  });

  it("page a campaign's tokens with the owner, last use and state, filtered by state and by title or owner email", async () => {
    const id = insertCampaign("Renewal", new Date());
    const used = new Date("2026-12-01T08:00:00Z");
    for (let i = 0; i < 5; i++) enrol(id, adaId, `Ada token ${i}`, i < 3 ? "pending" : "rotated", { lastUsedAt: i === 0 ? used : undefined });
    const gone = enrol(id, boId, "Bo 100%_token", "ended", { deleted: true });

    const first = await campaignTokensPage({ actor: admin, campaignId: id, page: 1, pageSize: 4, db: kdb });
    expect(first).toMatchObject({ total: 6, pageCount: 2 });
    expect(first.rows[0]).toMatchObject({ title: "Ada token 0", owner: { name: "Ada", email: "ada@example.com" }, lastUsedAt: used.toISOString(), state: "pending", actedAt: null });
    const second = await campaignTokensPage({ actor: admin, campaignId: id, page: 2, pageSize: 4, db: kdb });
    expect(second.rows.map((r) => r.title)).toEqual(["Ada token 4", "Bo 100%_token"]);
    // The token is deleted: no last use, but the row (title as enrolled) is still there.
    expect(second.rows[1]).toMatchObject({ tokenId: gone, lastUsedAt: null, state: "ended" });

    expect((await campaignTokensPage({ actor: admin, campaignId: id, filter: { state: "pending" }, db: kdb })).total).toBe(3);
    expect((await campaignTokensPage({ actor: admin, campaignId: id, filter: { state: "rotated", q: "TOKEN 4" }, db: kdb })).rows.map((r) => r.title)).toEqual(["Ada token 4"]);
    expect((await campaignTokensPage({ actor: admin, campaignId: id, filter: { q: "bo@example" }, db: kdb })).rows.map((r) => r.title)).toEqual(["Bo 100%_token"]);
    // LIKE's wildcards match only themselves.
    expect((await campaignTokensPage({ actor: admin, campaignId: id, filter: { q: "%" }, db: kdb })).total).toBe(1);
    expect((await campaignTokensPage({ actor: admin, campaignId: id, filter: { q: "0%_" }, db: kdb })).total).toBe(1);
  });

  it("export every token as quoted CSV lines with no secret, in batches", async () => {
    const id = insertCampaign("Renewal", new Date());
    const tokenId = enrol(id, adaId, '=cmd|"/c calc"!A1, nightly', "rotated_auto", { lastUsedAt: new Date("2026-12-01T08:00:00Z") });
    for (let i = 0; i < 600; i++) enrol(id, boId, `Bulk ${i}`, "pending");
    const chunks: string[] = [];
    for await (const chunk of (await campaignCsv({ actor: admin, campaignId: id, db: kdb }))!) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(2);
    const lines = chunks.join("").split("\r\n");
    expect(lines[0]).toBe(CAMPAIGN_CSV_HEADER.join(","));
    expect(lines.filter(Boolean)).toHaveLength(602);
    expect(lines).toContain(`${tokenId},"'=cmd|""/c calc""!A1, nightly",ada@example.com,2026-12-01T08:00:00.000Z,rotated_auto,2026-12-10T10:00:00.000Z`);
    expect(chunks.join("")).not.toMatch(/kwsk_|secret/i);
    expect(await campaignCsv({ actor: admin, campaignId: 9999, db: kdb })).toBeNull();
  });
});
