import crypto from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { encryptTokenSecret } from "@/lib/crypto/token-crypto";
import { onPostgres, type KeywardDb } from "@/lib/db/database";
import { apiTokens, events, outbox, roles, rotationCampaignTokens, user } from "@/lib/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { clock } from "@/lib/domain/clock";
import { migratedPgDatabase } from "@/test/pg-cluster";
import { TEST_MASTER_KEY } from "@/test/api-fixture";
import { createTempDb } from "@/test/temp-db";
import { getCampaign, listCampaigns } from "@/lib/data/campaigns";
import { cancelCampaign, kickCampaignPass, previewCampaign, runCampaignPass, startCampaign } from "./campaigns";

// Issue 14: a campaign from its preview to its deadline, the same code on SQLite and PostgreSQL.

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const DAY = 86_400_000;

const pgTest = migratedPgDatabase();
const sqlite = createTempDb("keyward-campaigns-dialects-");
afterAll(() => sqlite.close());
const databases: Record<"sqlite" | "postgres", () => KeywardDb> = { sqlite: () => sqlite.kdb, postgres: () => onPostgres(pgTest.db) };

beforeEach(() => {
  process.env.KEYWARD_SECRET_KEY = TEST_MASTER_KEY;
  delete process.env.SMTP_URL;
  vi.spyOn(clock, "now").mockReturnValue(NOW);
});

async function addUser(db: KeywardDb, email: string, roleId: number): Promise<Actor> {
  const id = crypto.randomUUID();
  await db.q.insert(user).values({ id, name: email.split("@")[0], email, roleId, createdAt: new Date(NOW), updatedAt: new Date(NOW) });
  return { id, name: email, email, roleId, roleName: null, isSystemAdmin: true, permissions: [], deviceGroups: [], ip: "203.0.113.9", language: null };
}

async function addToken(db: KeywardDb, creatorId: string, title: string, o: { type?: "generated" | "public_key"; lastUsedAt?: number; revoked?: boolean } = {}): Promise<string> {
  const id = crypto.randomUUID();
  await db.q.insert(apiTokens).values({
    id,
    title,
    type: o.type ?? "generated",
    secretCiphertext: o.type === "public_key" ? null : encryptTokenSecret(id, "kwsk_test_secret"),
    creatorId,
    expiresOn: "2027-06-01",
    deviceScope: "all",
    lastUsedAt: o.lastUsedAt === undefined ? null : new Date(o.lastUsedAt),
    revokedAt: o.revoked ? new Date(NOW - DAY) : null,
    createdAt: new Date(NOW - 400 * DAY),
  });
  return id;
}

describe.each(["sqlite", "postgres"] as const)("a campaign on %s", (dialect) => {
  it("previews, enrols, announces by recent use, then rotates or revokes each pending token once at the deadline", async () => {
    const db = databases[dialect]();
    const [{ id: roleId }] = await db.q.insert(roles).values({ name: `Campaign role ${dialect}` }).returning({ id: roles.id });
    const admin = await addUser(db, `admin-${dialect}@example.com`, roleId);
    const ada = await addUser(db, `ada-${dialect}@example.com`, roleId);
    const bo = await addUser(db, `bo-${dialect}@example.com`, roleId);
    const used = await addToken(db, ada.id, "Ada nightly", { lastUsedAt: NOW - 2 * DAY });
    const keyed = await addToken(db, ada.id, "Ada signer", { type: "public_key" });
    const idle = await addToken(db, bo.id, "Bo idle");
    await addToken(db, bo.id, "Bo revoked", { revoked: true });

    const scope = { kind: "users" as const, userIds: [ada.id, bo.id] };
    expect(await previewCampaign({ actor: admin, scope, now: NOW, db })).toEqual({ tokens: 3, owners: 2, usedRecently: 1 });
    const deadlineOn = new Date(NOW + 10 * DAY).toISOString().slice(0, 10);
    const started = await startCampaign({ actor: admin, input: { name: `Renewal ${dialect}`, reason: "Yearly.", scope, deadlineOn, action: "rotate" }, now: NOW, db });
    await kickCampaignPass(db);
    expect(started).toMatchObject({ enrolled: { tokens: 3, owners: 2, usedRecently: 1 }, changed: false });

    const announcements = await db.q.select({ kind: outbox.kind, recipient: outbox.recipient, body: outbox.body }).from(outbox).where(like(outbox.dedupeKey, `campaign:${started.campaignId}:announce:%`));
    expect(announcements.map((n) => [n.recipient, n.kind]).sort()).toEqual([
      [ada.email, "campaignAnnounceUsed"],
      [bo.email, "campaignAnnounceUnused"],
    ]);
    // Each owner's titles, one a line, in order.
    expect(announcements.find((n) => n.recipient === ada.email)!.body).toContain("- Ada nightly\n- Ada signer");

    const deadline = Date.parse(`${deadlineOn}T23:59:59Z`) + 1000;
    expect(await runCampaignPass(db, deadline)).toMatchObject({ acted: 3 });
    expect(await runCampaignPass(db, deadline + 1000)).toMatchObject({ acted: 0 });
    const states = await db.q.select({ tokenId: rotationCampaignTokens.tokenId, state: rotationCampaignTokens.state, revealVersion: rotationCampaignTokens.revealVersion }).from(rotationCampaignTokens).where(eq(rotationCampaignTokens.campaignId, started.campaignId));
    expect(Object.fromEntries(states.map((s) => [s.tokenId, [s.state, s.revealVersion]]))).toEqual({ [used]: ["rotated_auto", 2], [idle]: ["rotated_auto", 2], [keyed]: ["revoked", null] });
    const [rotated] = await db.q.select({ version: apiTokens.credentialVersion, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, used));
    expect(rotated).toEqual({ version: 2, revokedAt: null });
    const [revoked] = await db.q.select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, keyed));
    expect(revoked.revokedAt?.getTime()).toBe(deadline);
    const rotatedEvents = await db.q.select({ actorType: events.actorType }).from(events).where(and(eq(events.action, "token.rotated"), eq(events.targetId, used)));
    expect(rotatedEvents).toEqual([{ actorType: "campaign" }]);

    const read = await getCampaign({ actor: admin, id: started.campaignId, db });
    expect(read).toMatchObject({ status: "completed", totals: { inScope: 3, rotatedAutomatically: 2, revoked: 1, pending: 0 } });
    expect((await listCampaigns({ actor: admin, db })).total).toBeGreaterThanOrEqual(1);
    expect((await cancelCampaign({ actor: admin, campaignId: started.campaignId, now: deadline, db }).catch((e: unknown) => e)) as Error).toBeInstanceOf(Error);
  });
});
