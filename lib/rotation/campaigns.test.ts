import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import { signRequest } from "@/lib/api-client";
import { openDatabase, type Db } from "@/lib/db/client";
import { onSqlite, type KeywardDb } from "@/lib/db/database";
import { ApiService } from "@/lib/api/service";
import { revokeToken } from "@/lib/data/token-lifecycle";
import type { Actor } from "@/lib/domain/actor";
import { clock } from "@/lib/domain/clock";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { freshDatabase, insertRole, insertToken, insertUser } from "@/test/api-fixture";
import { expectRefusal } from "@/test/refusal";
import { cancelCampaign, kickCampaignPass, previewCampaign, rotateRestNow, runCampaignPass, startCampaign, type NewCampaign } from "./campaigns";
import { rotateToken } from "./rotate";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const DAY = 86_400_000;
const IP = "203.0.113.10";
const GROUPS = "/v3/configurations/device-groups/groups";

let db: Db;
let kdb: KeywardDb;
let file: string;
let roleId: number;
let admin: Actor;

function actor(id: string, o: Partial<Actor> = {}): Actor {
  const row = db.$client.prepare(`SELECT email FROM "user" WHERE id = ?`).get(id) as { email: string };
  return { id, name: row.email, email: row.email, roleId, roleName: null, isSystemAdmin: false, permissions: ["api-credentials.view", "api-credentials.manage"], deviceGroups: [], ip: IP, language: null, ...o };
}

const newOwner = () => actor(insertUser(db, roleId));

/** A campaign over these owners' tokens, deadline in `days` days (UTC date). */
function campaign(owners: Actor[], o: Partial<NewCampaign> = {}, days = 30): NewCampaign {
  return {
    name: "Key renewal 2026",
    reason: "Our signing keys are renewed every year.",
    scope: { kind: "users", userIds: owners.map((u) => u.id) },
    deadlineOn: new Date(NOW + days * DAY).toISOString().slice(0, 10),
    action: "rotate",
    ...o,
  };
}

const rows = (campaignId: number) =>
  db.$client.prepare(`SELECT token_id AS tokenId, state, reveal_version AS revealVersion FROM rotation_campaign_tokens WHERE campaign_id = ? ORDER BY token_id`).all(campaignId) as {
    tokenId: string;
    state: string;
    revealVersion: number | null;
  }[];
const stateOf = (campaignId: number, tokenId: string) => rows(campaignId).find((r) => r.tokenId === tokenId)?.state;
const outboxFor = (like: string) => db.$client.prepare(`SELECT kind, recipient, subject, body, dedupe_key AS dedupeKey FROM outbox WHERE dedupe_key LIKE ? ORDER BY id`).all(like) as { kind: string; recipient: string; subject: string; body: string; dedupeKey: string }[];
const eventsFor = (tokenId: string, action: string) =>
  db.$client.prepare(`SELECT actor_type AS actorType, actor_id AS actorId, actor_label AS actorLabel, details FROM events WHERE target_id = ? AND action = ?`).all(tokenId, action) as {
    actorType: string;
    actorId: string;
    actorLabel: string;
    details: string;
  }[];

function markUsed(tokenId: string, at: number) {
  db.$client.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`).run(at, tokenId);
}

async function signedCall(api: ApiService, tokenId: string, secret: string, now: number) {
  const jws = signRequest({ method: "GET", path: GROUPS, tokenId, secret, issuedAt: now });
  return api.handle(jws, IP, now);
}

beforeAll(() => {
  ({ db, file } = freshDatabase());
  kdb = onSqlite(db);
  roleId = insertRole(db, ALL_PERMISSIONS);
  const adminRole = (db.$client.prepare(`SELECT id FROM roles WHERE built_in = 1`).get() as { id: number }).id;
  admin = actor(insertUser(db, adminRole), { isSystemAdmin: true, roleId: adminRole });
});

afterAll(async () => {
  // A pass a start or Rotate the rest now left running in the background ends before the connection does.
  await kickCampaignPass(kdb);
  db.$client.close();
  fs.rmSync(file, { force: true });
});

beforeEach(() => {
  delete process.env.SMTP_URL;
  // The passes a start or Rotate the rest now runs in the background read the shared clock.
  vi.spyOn(clock, "now").mockReturnValue(NOW);
});

describe("who may run campaigns", () => {
  it("refuses everyone but a System Administrator, with 403", async () => {
    const owner = newOwner();
    insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    expect((await expectRefusal(() => previewCampaign({ actor: owner, scope: { kind: "all" }, now: NOW, db: kdb }))).status).toBe(403);
    await expect(startCampaign({ actor: owner, input: campaign([owner]), now: NOW, db: kdb })).rejects.toThrow();
    const { campaignId } = await startCampaign({ actor: admin, input: campaign([owner]), now: NOW, db: kdb });
    expect((await expectRefusal(() => cancelCampaign({ actor: owner, campaignId, now: NOW, db: kdb }))).status).toBe(403);
    expect((await expectRefusal(() => rotateRestNow({ actor: owner, campaignId, now: NOW, db: kdb }))).status).toBe(403);
    await cancelCampaign({ actor: admin, campaignId, now: NOW, db: kdb });
  });
});

describe("the deadline", () => {
  it("is tomorrow at the earliest and 90 days ahead at the latest, each with its own message", async () => {
    const owner = newOwner();
    const at = (deadlineOn: string) => startCampaign({ actor: admin, input: campaign([owner], { deadlineOn }), now: NOW, db: kdb });
    const today = new Date(NOW).toISOString().slice(0, 10);
    for (const [deadlineOn, message] of [
      ["2026-11-01", "The deadline must be tomorrow or later"],
      [today, "The deadline must be tomorrow or later"],
      [new Date(NOW + 91 * DAY).toISOString().slice(0, 10), "The deadline can be at most 90 days ahead"],
      ["2026-02-30", "Enter the deadline as a date."],
    ]) {
      const refusal = await at(deadlineOn).then(
        () => null,
        (err: unknown) => expectRefusal(() => { throw err; }),
      );
      expect(refusal?.status).toBe(400);
      expect(refusal?.fieldErrors?.deadlineOn?.[0]).toContain(message);
    }
    const ok = await at(new Date(NOW + 90 * DAY).toISOString().slice(0, 10));
    const c = db.$client.prepare(`SELECT deadline_at AS deadlineAt FROM rotation_campaigns WHERE id = ?`).get(ok.campaignId) as { deadlineAt: number };
    expect(new Date(c.deadlineAt).toISOString()).toBe(`${new Date(NOW + 90 * DAY).toISOString().slice(0, 10)}T23:59:59.000Z`);
    await cancelCampaign({ actor: admin, campaignId: ok.campaignId, now: NOW, db: kdb });
  });
});

describe("scope, preview and snapshot", () => {
  it("enrols the live tokens the preview counted, and says when the scope changed in between", async () => {
    const a = newOwner();
    const b = newOwner();
    const t1 = insertToken(db, { creatorId: a.id, permissions: ALL_PERMISSIONS });
    const t2 = insertToken(db, { creatorId: a.id, permissions: ALL_PERMISSIONS });
    insertToken(db, { creatorId: b.id, permissions: ALL_PERMISSIONS });
    insertToken(db, { creatorId: b.id, permissions: ALL_PERMISSIONS, expiresOn: "2026-11-01" }); // expired: out of scope
    markUsed(t1.id, NOW - 2 * DAY);
    markUsed(t2.id, NOW - 40 * DAY);
    const scope = { kind: "users" as const, userIds: [a.id, b.id] };
    const preview = await previewCampaign({ actor: admin, scope, now: NOW, db: kdb });
    expect(preview).toEqual({ tokens: 3, owners: 2, usedRecently: 1 });

    const same = await startCampaign({ actor: admin, input: campaign([a, b]), expected: preview, now: NOW, db: kdb });
    expect(same).toMatchObject({ enrolled: preview, changed: false });
    expect(rows(same.campaignId)).toHaveLength(3);

    // Between this preview and the next start: one token revoked, two created.
    const before = await previewCampaign({ actor: admin, scope, now: NOW, db: kdb });
    await revokeToken({ actor: a, tokenId: t2.id, now: NOW, db: kdb });
    insertToken(db, { creatorId: b.id, permissions: ALL_PERMISSIONS });
    insertToken(db, { creatorId: b.id, permissions: ALL_PERMISSIONS });
    const moved = await startCampaign({ actor: admin, input: campaign([a, b]), expected: before, now: NOW, db: kdb });
    expect(moved.changed).toBe(true);
    expect(moved.enrolled).toEqual({ tokens: 4, owners: 2, usedRecently: 1 });
    expect(rows(moved.campaignId)).toHaveLength(4);
    // The revocation also settled the token in the first campaign: nothing left to force there.
    expect(stateOf(same.campaignId, t2.id)).toBe("ended");
    await cancelCampaign({ actor: admin, campaignId: same.campaignId, now: NOW, db: kdb });
    await cancelCampaign({ actor: admin, campaignId: moved.campaignId, now: NOW, db: kdb });
  });

  it("covers tokens whose secret is older than N days, counting from the last rotation", async () => {
    const owner = newOwner();
    const old = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const rotated = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    db.$client.prepare(`UPDATE api_tokens SET created_at = ? WHERE id IN (?, ?)`).run(NOW - 400 * DAY, old.id, rotated.id);
    db.$client.prepare(`UPDATE api_tokens SET secret_created_at = ? WHERE id = ?`).run(NOW - 10 * DAY, rotated.id);
    const { campaignId, enrolled } = await startCampaign({ actor: admin, input: campaign([owner], { scope: { kind: "older_than", days: 365 } }), now: NOW, db: kdb });
    expect(rows(campaignId).map((r) => r.tokenId)).toContain(old.id);
    expect(rows(campaignId).map((r) => r.tokenId)).not.toContain(rotated.id);
    expect(enrolled.tokens).toBe((await previewCampaign({ actor: admin, scope: { kind: "older_than", days: 365 }, now: NOW, db: kdb })).tokens);
    await cancelCampaign({ actor: admin, campaignId, now: NOW, db: kdb });
  });
});

describe("announcements and reminders", () => {
  it("tells owners of used and unused tokens different things, each once, in their language", async () => {
    const used = newOwner();
    const idle = newOwner();
    db.$client.prepare(`UPDATE "user" SET language = 'ja' WHERE id = ?`).run(idle.id);
    const u = insertToken(db, { creatorId: used.id, permissions: ALL_PERMISSIONS });
    insertToken(db, { creatorId: used.id, permissions: ALL_PERMISSIONS });
    insertToken(db, { creatorId: idle.id, permissions: ALL_PERMISSIONS });
    markUsed(u.id, NOW - DAY);
    const { campaignId } = await startCampaign({ actor: admin, input: campaign([used, idle]), now: NOW, db: kdb });
    await runCampaignPass(kdb, NOW);
    await runCampaignPass(kdb, NOW + 1000);
    const sent = outboxFor(`campaign:${campaignId}:announce:%`);
    expect(sent.map((n) => [n.recipient, n.kind]).sort()).toEqual(
      [
        [used.email, "campaignAnnounceUsed"],
        [idle.email, "campaignAnnounceUnused"],
      ].sort(),
    );
    const toUsed = sent.find((n) => n.recipient === used.email)!;
    expect(toUsed.body).toContain("Our signing keys are renewed every year.");
    expect(toUsed.body).toContain("/rotations/help");
    expect(toUsed.body).toContain("(2)");
    expect(sent.find((n) => n.recipient === idle.email)!.body).toContain("対応は不要です");
    for (const n of sent) expect(n.body).not.toMatch(/kwsk_/);
    await cancelCampaign({ actor: admin, campaignId, now: NOW, db: kdb });
  });

  it("reminds owners still pending 7 days and 1 day before the deadline, once each", async () => {
    const pending = newOwner();
    const done = newOwner();
    insertToken(db, { creatorId: pending.id, permissions: ALL_PERMISSIONS });
    const d = insertToken(db, { creatorId: done.id, permissions: ALL_PERMISSIONS });
    const { campaignId } = await startCampaign({ actor: admin, input: campaign([pending, done], {}, 20), now: NOW, db: kdb });
    await rotateToken({ actor: done, tokenId: d.id, overlap: "none", now: NOW + DAY, db: kdb });
    expect(stateOf(campaignId, d.id)).toBe("rotated");
    const deadline = Date.parse(`${new Date(NOW + 20 * DAY).toISOString().slice(0, 10)}T23:59:59Z`);
    await runCampaignPass(kdb, deadline - 8 * DAY);
    expect(outboxFor(`campaign:${campaignId}:remind7:%`)).toHaveLength(0);
    await runCampaignPass(kdb, deadline - 7 * DAY);
    await runCampaignPass(kdb, deadline - 6 * DAY);
    expect(outboxFor(`campaign:${campaignId}:remind7:%`).map((n) => n.recipient)).toEqual([pending.email]);
    await runCampaignPass(kdb, deadline - DAY);
    await runCampaignPass(kdb, deadline - 1000);
    const last = outboxFor(`campaign:${campaignId}:remind1:%`);
    expect(last.map((n) => n.recipient)).toEqual([pending.email]);
    expect(last[0].subject).toContain("1 day left");
    await cancelCampaign({ actor: admin, campaignId, now: deadline - 1000, db: kdb });
  });
});

describe("at the deadline", () => {
  it("rotates generated tokens (old secret refused at once), revokes uploaded keys, skips what ended, once", async () => {
    const owner = newOwner();
    const gen = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const key = insertToken(db, { creatorId: owner.id, type: "public_key", permissions: ALL_PERMISSIONS });
    const gone = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const mine = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const { campaignId } = await startCampaign({ actor: admin, input: campaign([owner], {}, 3), now: NOW, db: kdb });
    await revokeToken({ actor: owner, tokenId: gone.id, now: NOW + 1000, db: kdb });
    await rotateToken({ actor: owner, tokenId: mine.id, overlap: "none", now: NOW + 2000, db: kdb });

    const deadline = Date.parse(`${new Date(NOW + 3 * DAY).toISOString().slice(0, 10)}T23:59:59Z`);
    const api = new ApiService(db, { skewMs: 300_000 });
    expect((await signedCall(api, gen.id, gen.secret!, deadline - 60_000)).status).toBe(200);
    expect((await runCampaignPass(kdb, deadline - 1)).acted).toBe(0);
    const first = await runCampaignPass(kdb, deadline);
    expect(first.acted).toBe(2);
    expect((await runCampaignPass(kdb, deadline + 60_000)).acted).toBe(0);

    expect(Object.fromEntries(rows(campaignId).map((r) => [r.tokenId, r.state]))).toEqual({
      [gen.id]: "rotated_auto",
      [key.id]: "revoked",
      [gone.id]: "ended",
      [mine.id]: "rotated",
    });
    expect((await signedCall(api, gen.id, gen.secret!, deadline + 1000)).status).toBe(401);
    const version = db.$client.prepare(`SELECT credential_version AS v, revoked_at AS r FROM api_tokens WHERE id = ?`);
    expect(rows(campaignId).find((r) => r.tokenId === gen.id)!.revealVersion).toBe((version.get(gen.id) as { v: number }).v);
    expect((version.get(key.id) as { r: number | null }).r).toBe(deadline);

    const rotatedEvents = eventsFor(gen.id, "token.rotated");
    expect(rotatedEvents).toHaveLength(1);
    expect(rotatedEvents[0]).toMatchObject({ actorType: "campaign", actorId: String(campaignId), actorLabel: "Key renewal 2026" });
    expect(eventsFor(key.id, "token.revoked")).toMatchObject([{ actorType: "campaign" }]);
    expect(outboxFor(`campaignRotated:${gen.id}:%`).map((n) => n.recipient)).toEqual([owner.email]);
    expect(outboxFor(`campaignRevoked:${key.id}:%`).map((n) => n.recipient)).toEqual([owner.email]);
    expect(outboxFor(`campaignRotated:${gen.id}:%`)[0].body).toContain("Reveal new secret");
    const status = db.$client.prepare(`SELECT status FROM rotation_campaigns WHERE id = ?`).get(campaignId) as { status: string };
    expect(status.status).toBe("completed");
    expect(db.$client.prepare(`SELECT count(*) AS n FROM events WHERE action = 'campaign.completed' AND target_id = ?`).get(String(campaignId))).toEqual({ n: 1 });
    expect((await expectRefusal(() => cancelCampaign({ actor: admin, campaignId, now: deadline + 1, db: kdb }))).status).toBe(409);
  });

  it("with Revoke, revokes every pending token, generated ones too", async () => {
    const owner = newOwner();
    const gen = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const { campaignId } = await startCampaign({ actor: admin, input: campaign([owner], { action: "revoke" }, 2), now: NOW, db: kdb });
    await rotateRestNow({ actor: admin, campaignId, now: NOW + 1000, db: kdb });
    await runCampaignPass(kdb, NOW + 2000);
    expect(stateOf(campaignId, gen.id)).toBe("revoked");
    expect(eventsFor(gen.id, "token.revoked")).toHaveLength(1);
  });
});

describe("Rotate the rest now and Cancel campaign", () => {
  it("Rotate the rest now applies the deadline action at once; Cancel forces nothing; neither twice", async () => {
    const owner = newOwner();
    const a = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const b = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const forced = await startCampaign({ actor: admin, input: campaign([owner], { scope: { kind: "users", userIds: [owner.id] } }), now: NOW, db: kdb });
    expect(await rotateRestNow({ actor: admin, campaignId: forced.campaignId, now: NOW + 1000, db: kdb })).toEqual({ pending: 2 });
    expect((await expectRefusal(() => rotateRestNow({ actor: admin, campaignId: forced.campaignId, now: NOW + 1500, db: kdb }))).status).toBe(409);
    await runCampaignPass(kdb, NOW + 2000);
    expect(rows(forced.campaignId).map((r) => [r.tokenId, r.state])).toEqual([a.id, b.id].sort().map((id) => [id, "rotated_auto"]));

    const owner2 = newOwner();
    const c = insertToken(db, { creatorId: owner2.id, permissions: ALL_PERMISSIONS });
    const cancelled = await startCampaign({ actor: admin, input: campaign([owner2], {}, 1), now: NOW, db: kdb });
    await cancelCampaign({ actor: admin, campaignId: cancelled.campaignId, now: NOW + 1000, db: kdb });
    await runCampaignPass(kdb, NOW + 10 * DAY);
    expect(stateOf(cancelled.campaignId, c.id)).toBe("pending");
    expect(eventsFor(c.id, "token.rotated")).toHaveLength(0);
    expect((await expectRefusal(() => cancelCampaign({ actor: admin, campaignId: cancelled.campaignId, now: NOW + 2000, db: kdb }))).status).toBe(409);
    expect((await expectRefusal(() => cancelCampaign({ actor: admin, campaignId: 999_999, now: NOW, db: kdb }))).status).toBe(404);
  });
});

describe("a second process", () => {
  it("sees the same campaign through its own connection", async () => {
    const other = openDatabase(file);
    const owner = newOwner();
    insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const { campaignId } = await startCampaign({ actor: admin, input: campaign([owner]), now: NOW, db: kdb });
    await rotateRestNow({ actor: admin, campaignId, now: NOW, db: onSqlite(other) });
    await Promise.all([runCampaignPass(kdb, NOW + 1), runCampaignPass(onSqlite(other), NOW + 1)]);
    expect(rows(campaignId).map((r) => r.state)).toEqual(["rotated_auto"]);
    expect(db.$client.prepare(`SELECT count(*) AS n FROM events WHERE action = 'campaign.completed' AND target_id = ?`).get(String(campaignId))).toEqual({ n: 1 });
    other.$client.close();
  });
});
