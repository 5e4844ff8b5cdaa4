import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres, type KeywardDb } from "@/lib/db/database";
import { rolePermissions, roles, rotationCampaigns, rotationCampaignTokens, user } from "@/lib/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { deadlineInstant } from "@/lib/domain/campaign";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { getTokenExchanges } from "@/lib/oauth/exchanges";
import { eraseEndedOverlaps } from "@/lib/rotation/overlap";
import { endOverlap, rotateToken } from "@/lib/rotation/rotate";
import { TEST_MASTER_KEY } from "@/test/api-fixture";
import { migratedPgDatabase } from "@/test/pg-cluster";
import { expectRefusal } from "@/test/refusal";
import { createTempDb } from "@/test/temp-db";
import { listEvents, listTokenEvents, recentActors, eventFiltersSchema } from "./events";
import { getOutboxMessage, listOutbox } from "./outbox";
import { pendingRotationSummary, rotationDueFor } from "./rotation-due";
import { deleteToken, extendTokenExpiry, getTokenDetails, revokeToken, updateTokenAllowedIps } from "./token-lifecycle";
import { createToken, listTokens, type CreateTokenData } from "./tokens";

// Issue 14: the tokens domain is one code path for both databases. The same flow, below, on each:
// what SQLite-only SQL would break on PostgreSQL (the search, counts, the scoped event streams).

process.env.KEYWARD_SECRET_KEY = TEST_MASTER_KEY;
const pgTest = migratedPgDatabase();
const sqlite = createTempDb("keyward-tokens-dialects-");
const databases: Record<"sqlite" | "postgres", () => KeywardDb> = {
  sqlite: () => sqlite.kdb,
  postgres: () => onPostgres(pgTest.db),
};

afterAll(() => sqlite.close());

const HOUR = 3_600_000;

function input(title: string, over: Partial<CreateTokenData> = {}): CreateTokenData {
  return { title, description: "", tokenType: "generated", expiresOn: "2099-01-01", permissions: ["api-credentials.manage"], allowedIps: [], ...over };
}

describe.each(["sqlite", "postgres"] as const)("the tokens domain on %s", (dialect) => {
  let db: KeywardDb;
  let owner: Actor;
  let admin: Actor;

  beforeAll(async () => {
    db = databases[dialect]();
    const [role] = await db.q.insert(roles).values({ name: `Token makers ${dialect}` }).returning({ id: roles.id });
    await db.q.insert(rolePermissions).values(ALL_PERMISSIONS.map((permission) => ({ roleId: role.id, permission })));
    const id = crypto.randomUUID();
    const email = `${id}@example.com`;
    await db.q.insert(user).values({ id, name: "Owner", email, roleId: role.id, createdAt: new Date(), updatedAt: new Date() });
    owner = { id, name: "Owner", email, roleId: role.id, roleName: null, isSystemAdmin: false, permissions: [...ALL_PERMISSIONS], deviceGroups: [], ip: "192.0.2.7", language: null };
    admin = { ...owner, id: crypto.randomUUID(), email: "admin@example.com", isSystemAdmin: true };
  });

  it("creates, searches, filters, changes, rotates and deletes tokens, with their events and notices", async () => {
    const alpha = await createToken({ actor: owner, input: input("Build Server Alpha", { allowedIps: ["10.0.0.0/24"] }), db });
    const beta = await createToken({ actor: owner, input: input("build server beta"), db });
    const short = await createToken({ actor: owner, input: input("Zq"), db });
    // Titles are unique among the creator's live tokens, ignoring case.
    expect((await expectRefusal(() => createToken({ actor: owner, input: input("BUILD SERVER ALPHA"), db }))).fieldErrors?.title).toHaveLength(1);

    const ids = async (q: string, actor = owner) => (await listTokens({ actor, q, db })).items.map((t) => t.id).sort();
    expect(await ids("ild SER")).toEqual([alpha.tokenId, beta.tokenId].sort());
    expect(await ids("zQ")).toEqual([short.tokenId]);
    expect(await ids(beta.tokenId.slice(3, 20).toUpperCase())).toEqual([beta.tokenId]);
    // The user's text is never a pattern or search syntax.
    expect(await ids("%")).toEqual([]);
    expect(await ids("_")).toEqual([]);
    expect(await ids('"ild" OR *')).toEqual([]);
    expect(await ids("ild ser", admin)).toEqual([alpha.tokenId, beta.tokenId].sort());

    const list = await listTokens({ actor: owner, db });
    expect(list).toMatchObject({ total: 3, page: 1, pageCount: 1 });
    expect(list.items.find((t) => t.id === alpha.tokenId)).toMatchObject({ allowedIpCount: 1, status: "active", createdBy: "Owner", rotationDueOn: null });

    expect(await extendTokenExpiry({ actor: owner, tokenId: beta.tokenId, expiresOn: "2099-01-02", timeZone: "UTC", now: Date.UTC(2098, 6, 1), db })).toEqual({ expiresOn: "2099-01-02" });
    expect(await updateTokenAllowedIps({ actor: owner, tokenId: beta.tokenId, allowedIps: ["192.0.2.1/32"], db })).toEqual({ allowedIps: ["192.0.2.1"], changed: true });
    await revokeToken({ actor: owner, tokenId: short.tokenId, db });
    expect((await listTokens({ actor: owner, status: "revoked", db })).items.map((t) => t.id)).toEqual([short.tokenId]);
    expect((await listTokens({ actor: owner, status: "active", sort: "expiry-desc", db })).items.map((t) => t.id)).toEqual([beta.tokenId, alpha.tokenId]);
    expect((await listTokens({ actor: owner, status: "expiring-soon", db })).total).toBe(0);

    const now = Date.now();
    const rotated = await rotateToken({ actor: owner, tokenId: alpha.tokenId, overlap: "24h", now, db });
    expect(rotated.secret).toBeDefined();
    expect((await getTokenDetails({ actor: owner, tokenId: alpha.tokenId, now, db }))!.previousCredential).not.toBeNull();
    await endOverlap({ actor: owner, tokenId: alpha.tokenId, now: now + 1000, db });
    expect((await expectRefusal(() => endOverlap({ actor: owner, tokenId: alpha.tokenId, now: now + 2000, db }))).status).toBe(409);
    await rotateToken({ actor: owner, tokenId: alpha.tokenId, overlap: "1h", now: now + 3000, db });
    expect(await eraseEndedOverlaps(db, now + 2 * HOUR)).toBe(1);
    expect(await eraseEndedOverlaps(db, now + 2 * HOUR)).toBe(0);

    const details = await getTokenDetails({ actor: owner, tokenId: beta.tokenId, db });
    expect(details).toMatchObject({ title: "build server beta", expiresOn: "2099-01-02", allowedIps: ["192.0.2.1"], permissions: ["api-credentials.view", "api-credentials.manage"], status: "active" });
    expect(await getTokenDetails({ actor: { ...owner, id: crypto.randomUUID() }, tokenId: beta.tokenId, db })).toBeNull();
    expect(await getTokenExchanges(beta.tokenId, db)).toEqual({ count: 0, lastAt: null });

    // Events: a System Administrator's page, the owner's scoped streams, the Actor suggestions.
    const mine = await listEvents(eventFiltersSchema.parse({ actor: owner.email }), owner, db);
    expect(mine.items.filter((e) => e.targetId === alpha.tokenId).map((e) => e.action)).toEqual(["token.rotated", "token.overlap_ended", "token.rotated", "token.created"]);
    expect((await listEvents(eventFiltersSchema.parse({ action: "token.revoked" }), admin, db)).items.map((e) => e.targetId)).toContain(short.tokenId);
    expect(await recentActors(owner, db)).toEqual([{ id: owner.id, label: owner.email }]);
    expect((await listTokenEvents(beta.tokenId, 100, db)).map((e) => [e.action, e.targetLinkable])).toEqual([
      ["token.updated", true],
      ["token.updated", true],
      ["token.created", true],
    ]);

    // A campaign waiting for the token shows on its row and in the owner's banner.
    const deadlineOn = "2099-01-01";
    const [campaign] = await db.q
      .insert(rotationCampaigns)
      .values({ name: `Campaign ${dialect}`, reason: "Renewal", scopeKind: "all", deadlineOn, deadlineAt: new Date(deadlineInstant(deadlineOn)), action: "rotate", status: "active", createdByEmail: "admin@example.com" })
      .returning({ id: rotationCampaigns.id });
    await db.q.insert(rotationCampaignTokens).values({ campaignId: campaign.id, tokenId: beta.tokenId, ownerId: owner.id, title: "Enrolled", usedRecently: true, state: "pending" });
    expect(Object.fromEntries(await rotationDueFor([alpha.tokenId, beta.tokenId], db))).toEqual({ [beta.tokenId]: deadlineOn });
    expect(await pendingRotationSummary(owner.id, db)).toEqual({ count: 1, deadlineOn });

    // Notices of the creations and rotations are in the outbox.
    const outbox = await listOutbox({ db });
    expect(outbox.total).toBeGreaterThanOrEqual(5);
    expect(await getOutboxMessage({ id: outbox.items[0].id, db })).toMatchObject({ id: outbox.items[0].id, body: expect.any(String) });

    await deleteToken({ actor: owner, tokenId: short.tokenId, db });
    expect((await listTokens({ actor: owner, db })).total).toBe(2);
    expect((await listTokenEvents(short.tokenId, 100, db)).every((e) => !e.targetLinkable)).toBe(true);
  });
});
