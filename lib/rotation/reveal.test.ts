import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "@/lib/db/client";
import { onSqlite, type KeywardDb } from "@/lib/db/database";
import { refusal } from "@/lib/auth/action";
import { encryptTokenSecret } from "@/lib/crypto/token-crypto";
import type { Actor } from "@/lib/domain/actor";
import { translateMessage } from "@/lib/domain/message";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { translatorFor } from "@/lib/i18n/translator";
import { enrollToken, insertCampaign } from "@/test/campaign-fixture";
import { freshDatabase, insertRole, insertToken, insertUser } from "@/test/api-fixture";
import { signRequest } from "@/lib/api-client";
import { ApiService } from "@/lib/api/service";
import { runCampaignPass, startCampaign } from "./campaigns";
import { revealNewSecret, revealOffered } from "./reveal";

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const IP = "203.0.113.10";
const PASSWORD = "correct horse battery staple";

let db: Db;
let kdb: KeywardDb;
let roleId: number;
let adminRoleId: number;
let campaignId: number;

async function userWithPassword(o: Partial<Actor> = {}): Promise<Actor> {
  const id = insertUser(db, o.roleId ?? roleId);
  const email = `${id}@example.com`;
  db.$client
    .prepare(`INSERT INTO account (id, account_id, provider_id, user_id, password, created_at, updated_at) VALUES (?, ?, 'credential', ?, ?, ?, ?)`)
    .run(crypto.randomUUID(), id, id, await hashPassword(PASSWORD), NOW, NOW);
  return { id, name: email, email, roleId, roleName: null, isSystemAdmin: false, permissions: ["api-credentials.view", "api-credentials.manage"], deviceGroups: [], ip: IP, language: null, ...o };
}

/** A generated token a campaign rotated automatically to credential version 2: returns it with its new secret. */
function autoRotated(owner: Actor) {
  const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
  const secret = `kwsk_${crypto.randomBytes(32).toString("base64url")}`;
  db.$client.prepare(`UPDATE api_tokens SET secret_ciphertext = ?, credential_version = 2 WHERE id = ?`).run(encryptTokenSecret(t.id, secret), t.id);
  enrollToken(db, campaignId, { tokenId: t.id, ownerId: owner.id, state: "rotated_auto", revealVersion: 2 });
  return { id: t.id, oldSecret: t.secret!, secret };
}

const english = translatorFor("en");
/** What a refused reveal becomes through the action wrapper, in English. */
async function refused(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await p;
  } catch (err) {
    const r = refusal(err);
    if (r) return { status: r.status, message: translateMessage(english, r.error) };
    throw err;
  }
  throw new Error("expected a refusal");
}

const revealedAt = (tokenId: string) => (db.$client.prepare(`SELECT revealed_at FROM rotation_campaign_tokens WHERE token_id = ?`).pluck().get(tokenId) as number | null) ?? null;
const events = (tokenId: string) => db.$client.prepare(`SELECT action, details FROM events WHERE target_id = ? ORDER BY id`).all(tokenId) as { action: string; details: string | null }[];

beforeAll(() => {
  ({ db } = freshDatabase());
  kdb = onSqlite(db);
  roleId = insertRole(db, ALL_PERMISSIONS);
  adminRoleId = (db.$client.prepare(`SELECT id FROM roles WHERE built_in = 1`).get() as { id: number }).id;
  campaignId = insertCampaign(db, { deadlineOn: "2026-12-06", status: "completed" });
});

describe("Reveal new secret", () => {
  it("shows the owner the new secret once, with an event that does not hold it", async () => {
    const owner = await userWithPassword();
    const t = autoRotated(owner);
    expect(await revealOffered({ actor: owner, tokenId: t.id, now: NOW, db: kdb })).toBe(true);

    const r = await revealNewSecret({ actor: owner, tokenId: t.id, password: PASSWORD, now: NOW, db: kdb });
    expect(r).toMatchObject({ tokenId: t.id, secret: t.secret });
    expect(revealedAt(t.id)).toBe(NOW);
    const recorded = events(t.id);
    expect(recorded.map((e) => e.action)).toEqual(["token.secret_revealed"]);
    expect(recorded[0].details).not.toContain(t.secret);

    expect(await revealOffered({ actor: owner, tokenId: t.id, now: NOW, db: kdb })).toBe(false);
    expect(await refused(revealNewSecret({ actor: owner, tokenId: t.id, password: PASSWORD, now: NOW + 1, db: kdb }))).toMatchObject({ status: 409, message: expect.stringContaining("can't be revealed") });
  });

  it("refuses a wrong password, reveals nothing, and counts it like a failed sign-in until the throttle stops even the right one", async () => {
    const owner = await userWithPassword();
    const t = autoRotated(owner);
    const failures = () => db.$client.prepare(`SELECT count(*) FROM sign_in_failures WHERE email = ?`).pluck().get(owner.email);
    expect(await refused(revealNewSecret({ actor: owner, tokenId: t.id, password: "wrong password!", now: NOW, db: kdb }))).toEqual({
      status: 400,
      message: "The password is not correct. Nothing was revealed.",
    });
    expect(revealedAt(t.id)).toBeNull();
    expect(failures()).toBe(1);
    expect(events(t.id)).toEqual([]);
    // The sign-in throttle's default: 5 failures per account in 15 minutes.
    for (let i = 0; i < 4; i++) await refused(revealNewSecret({ actor: owner, tokenId: t.id, password: `wrong ${i}`, now: NOW, db: kdb }));
    expect(await refused(revealNewSecret({ actor: owner, tokenId: t.id, password: PASSWORD, now: NOW, db: kdb }))).toMatchObject({ status: 400, message: expect.stringMatching(/^Too many wrong passwords/) });
    expect(revealedAt(t.id)).toBeNull();
    expect(await revealOffered({ actor: owner, tokenId: t.id, now: NOW, db: kdb })).toBe(true);
  });

  it("is the creator's alone: another user gets 'not found', a System Administrator a refusal", async () => {
    const owner = await userWithPassword();
    const t = autoRotated(owner);
    const other = await userWithPassword();
    const admin = await userWithPassword({ roleId: adminRoleId, isSystemAdmin: true });
    expect(await revealOffered({ actor: other, tokenId: t.id, now: NOW, db: kdb })).toBe(false);
    expect(await revealOffered({ actor: admin, tokenId: t.id, now: NOW, db: kdb })).toBe(false);
    expect((await refused(revealNewSecret({ actor: other, tokenId: t.id, password: PASSWORD, now: NOW, db: kdb }))).status).toBe(404);
    expect(await refused(revealNewSecret({ actor: admin, tokenId: t.id, password: PASSWORD, now: NOW, db: kdb }))).toEqual({ status: 403, message: "Only the token's creator can reveal its new secret." });
    expect(revealedAt(t.id)).toBeNull();
  });

  it("is gone once the token was rotated again or is no longer active", async () => {
    const owner = await userWithPassword();
    const again = autoRotated(owner);
    db.$client.prepare(`UPDATE api_tokens SET credential_version = 3 WHERE id = ?`).run(again.id);
    const revoked = autoRotated(owner);
    db.$client.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE id = ?`).run(NOW - 1, revoked.id);
    for (const t of [again, revoked]) {
      expect(await revealOffered({ actor: owner, tokenId: t.id, now: NOW, db: kdb })).toBe(false);
      expect((await refused(revealNewSecret({ actor: owner, tokenId: t.id, password: PASSWORD, now: NOW, db: kdb }))).status).toBe(409);
    }
  });

  it("is not offered for a token that is only pending or was rotated by its owner", async () => {
    const owner = await userWithPassword();
    for (const state of ["pending", "rotated"] as const) {
      const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
      enrollToken(db, campaignId, { tokenId: t.id, ownerId: owner.id, state, revealVersion: state === "rotated" ? 1 : null });
      expect(await revealOffered({ actor: owner, tokenId: t.id, now: NOW, db: kdb })).toBe(false);
    }
  });
});

describe("with the campaign service", () => {
  it("pending until the deadline (Keyward-Rotate-By), then rotated automatically: the owner reveals the secret the API now accepts", async () => {
    const owner = await userWithPassword();
    const admin = await userWithPassword({ roleId: adminRoleId, isSystemAdmin: true });
    const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const deadlineOn = "2026-12-10";
    await startCampaign({ actor: admin, input: { name: "Renewal", reason: "Yearly", scope: { kind: "users", userIds: [owner.id] }, deadlineOn, action: "rotate" }, now: NOW, db: onSqlite(db) });
    const api = new ApiService(db, { skewMs: 300_000 });
    let issued = NOW;
    const call = (secret: string, now: number) => api.handle(signRequest({ method: "GET", path: "/v3/configurations/device-groups/groups", tokenId: t.id, secret, issuedAt: (issued = Math.max(issued + 1, now)) }), IP, now);

    const before = await call(t.secret!, NOW + 1000);
    expect(before.status).toBe(200);
    expect(before.headers?.["Keyward-Rotate-By"]).toBe(`${deadlineOn}T23:59:59Z`);
    expect(await revealOffered({ actor: owner, tokenId: t.id, now: NOW, db: kdb })).toBe(false);

    const deadline = Date.parse(`${deadlineOn}T23:59:59Z`);
    expect((await runCampaignPass(kdb, deadline)).acted).toBe(1);
    expect(await revealOffered({ actor: owner, tokenId: t.id, now: deadline + 1000, db: kdb })).toBe(true);
    const { secret } = await revealNewSecret({ actor: owner, tokenId: t.id, password: PASSWORD, now: deadline + 1000, db: kdb });
    expect(secret).not.toBe(t.secret);
    const after = await call(secret, deadline + 2000);
    expect(after.status).toBe(200);
    expect(after.headers?.["Keyward-Rotate-By"]).toBeUndefined();
    expect((await call(t.secret!, deadline + 3000)).status).toBe(401);
  });
});
