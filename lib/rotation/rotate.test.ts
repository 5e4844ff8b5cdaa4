import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signRequest } from "@/lib/api-client";
import { openDatabase, type Db } from "@/lib/db/client";
import { onSqlite, type KeywardDb } from "@/lib/db/database";
import { ApiService } from "@/lib/api/service";
import { TokenStateCache } from "@/lib/api/token-state";
import { OAuthService } from "@/lib/oauth/service";
import { SigningKeys } from "@/lib/oauth/signing-keys";
import { confirmPublicKey } from "@/lib/crypto/public-key-server";
import { getTokenDetails, revokeToken } from "@/lib/data/token-lifecycle";
import type { Actor } from "@/lib/domain/actor";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { OVERLAPS, overlapEnd } from "@/lib/domain/rotation";
import { runSchedulerOnce } from "@/lib/notify/scheduler";
import { freshDatabase, insertRole, insertToken, insertUser } from "@/test/api-fixture";
import { expectRefusal } from "@/test/refusal";
import { endOverlap, rotateToken } from "./rotate";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const HOUR = 3_600_000;
const IP = "203.0.113.10";
const GROUPS = "/v3/configurations/device-groups/groups";
const ISSUER = "https://keys.example.test";

let db: Db;
let kdb: KeywardDb;
let file: string;
let api: ApiService;
let roleId: number;
let owner: Actor;
let admin: Actor;
let issued = NOW;

function actor(id: string, o: Partial<Actor> = {}): Actor {
  const row = db.$client.prepare(`SELECT email FROM "user" WHERE id = ?`).get(id) as { email: string };
  return { id, name: row.email, email: row.email, roleId, roleName: null, isSystemAdmin: false, permissions: ["api-credentials.view", "api-credentials.manage"], deviceGroups: [], ip: IP, language: null, ...o };
}

function newOwner(): Actor {
  return actor(insertUser(db, roleId));
}

/** A signed GET, as a program with this secret (or private key) sends it; issuedAt follows the test's clock. */
async function call(tokenId: string, cred: { secret?: string; privateKey?: crypto.KeyObject }, now: number) {
  // Unique per request (the replay check keys on the signed content), within the skew of `now`.
  issued = Math.max(issued + 1, now);
  const jws = signRequest({ method: "GET", path: GROUPS, tokenId, ...(cred.secret ? { secret: cred.secret } : { privateKeyPem: cred.privateKey! }), issuedAt: issued });
  return api.handle(jws, IP, now);
}

function previousRows(tokenId: string) {
  return db.$client.prepare(`SELECT * FROM token_previous_credentials WHERE token_id = ?`).all(tokenId) as { secret_ciphertext: Buffer | null; works_until: number; version: number }[];
}

beforeAll(() => {
  ({ db, file } = freshDatabase());
  kdb = onSqlite(db);
  roleId = insertRole(db, ALL_PERMISSIONS);
  const adminRole = (db.$client.prepare(`SELECT id FROM roles WHERE built_in = 1`).get() as { id: number }).id;
  admin = actor(insertUser(db, adminRole), { isSystemAdmin: true, roleId: adminRole });
  owner = newOwner();
});

beforeEach(() => {
  api = new ApiService(db, { skewMs: 300_000 });
  issued = 0;
});

describe("rotating a generated token", () => {
  it("keeps the old secret working until the overlap ends, and not one second after", async () => {
    const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const r = await rotateToken({ actor: owner, tokenId: t.id, overlap: "24h", now: NOW, db: kdb });
    const until = NOW + 24 * HOUR;
    expect(r.secret).toMatch(/^kwsk_/);
    expect(r.previousWorksUntil).toBe(new Date(until).toISOString());

    const before = await call(t.id, { secret: t.secret }, until - 1);
    expect(before.status).toBe(200);
    expect(before.headers).toEqual({ "Keyward-Credential-Superseded": "2026-11-23T12:00:00.000Z" });
    const fresh = await call(t.id, { secret: r.secret }, until - 1);
    expect(fresh.status).toBe(200);
    expect(fresh.headers?.["Keyward-Credential-Superseded"]).toBeUndefined();

    // One second after the end: refused, even though the scheduler has not erased it yet.
    expect((await call(t.id, { secret: t.secret }, until + 1000)).status).toBe(401);
    expect(previousRows(t.id)).toHaveLength(1);
    expect((await call(t.id, { secret: r.secret }, until + 1000)).status).toBe(200);
  });

  it("records the previous secret's last use and shows the overlap on the token page", async () => {
    const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    await rotateToken({ actor: owner, tokenId: t.id, overlap: "1h", now: NOW, db: kdb });
    expect(await getTokenDetails({ actor: owner, tokenId: t.id, now: NOW, db: kdb })).toMatchObject({
      secretCreatedAt: new Date(NOW).toISOString(),
      previousCredential: { worksUntil: new Date(NOW + HOUR).toISOString(), lastUsedAt: null },
    });
    await call(t.id, { secret: t.secret }, NOW + 60_000);
    expect((await getTokenDetails({ actor: owner, tokenId: t.id, now: NOW + 61_000, db: kdb }))!.previousCredential!.lastUsedAt).toBe(new Date(NOW + 60_000).toISOString());
    // Past the end the page shows no overlap, whether or not the row is erased yet.
    expect((await getTokenDetails({ actor: owner, tokenId: t.id, now: NOW + HOUR, db: kdb }))!.previousCredential).toBeNull();
  });

  it("Stop now keeps no previous credential at all", async () => {
    const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const r = await rotateToken({ actor: owner, tokenId: t.id, overlap: "none", now: NOW, db: kdb });
    expect(r.previousWorksUntil).toBeNull();
    expect(previousRows(t.id)).toHaveLength(0);
    expect((await call(t.id, { secret: t.secret }, NOW + 1)).status).toBe(401);
    expect((await call(t.id, { secret: r.secret }, NOW + 1)).status).toBe(200);
  });

  it("offers each overlap, ending where the domain rule says", async () => {
    for (const overlap of OVERLAPS) {
      const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
      const r = await rotateToken({ actor: owner, tokenId: t.id, overlap, now: NOW, db: kdb });
      expect(r.previousWorksUntil).toBe(overlap === "none" ? null : new Date(overlapEnd(overlap, NOW)).toISOString());
    }
  });

  it("keeps at most one previous credential: rotating during an overlap ends the earlier one at once", async () => {
    const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const first = await rotateToken({ actor: owner, tokenId: t.id, overlap: "7d", now: NOW, db: kdb });
    const second = await rotateToken({ actor: owner, tokenId: t.id, overlap: "3d", now: NOW + HOUR, db: kdb });
    expect(second.endedEarlierOverlap).toBe(true);
    const rows = previousRows(t.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: 2, works_until: NOW + HOUR + 72 * HOUR });
    expect((await call(t.id, { secret: t.secret }, NOW + HOUR + 1)).status).toBe(401);
    expect((await call(t.id, { secret: first.secret }, NOW + HOUR + 2)).status).toBe(200);
    expect((await call(t.id, { secret: second.secret }, NOW + HOUR + 3)).status).toBe(200);
  });

  it("End overlap now stops and erases the previous secret; the scheduler erases one whose overlap ran out", async () => {
    const a = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    await rotateToken({ actor: owner, tokenId: a.id, overlap: "24h", now: NOW, db: kdb });
    await endOverlap({ actor: owner, tokenId: a.id, now: NOW + 1000, db: kdb });
    expect(previousRows(a.id)).toHaveLength(0);
    expect((await call(a.id, { secret: a.secret }, NOW + 2000)).status).toBe(401);
    expect(await expectRefusal(() => endOverlap({ actor: owner, tokenId: a.id, now: NOW + 3000, db: kdb }))).toMatchObject({ status: 409, message: "No previous secret is working now, so there is no overlap to end." });
    const events = db.$client.prepare(`SELECT action, details FROM events WHERE target_id = ? ORDER BY id`).all(a.id) as { action: string; details: string }[];
    expect(events.map((e) => e.action)).toEqual(["token.rotated", "token.overlap_ended"]);

    const b = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    await rotateToken({ actor: owner, tokenId: b.id, overlap: "1h", now: NOW, db: kdb });
    const ciphertext = previousRows(b.id)[0].secret_ciphertext!;
    await runSchedulerOnce(onSqlite(db), null, NOW + HOUR - 1);
    expect(previousRows(b.id)).toHaveLength(1);
    await runSchedulerOnce(onSqlite(db), null, NOW + HOUR);
    expect(previousRows(b.id)).toHaveLength(0);
    // Erased from the file too, not just unlinked (secure_delete), once the WAL is checkpointed.
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    expect(fs.readFileSync(file).includes(ciphertext)).toBe(false);
  });

  it("puts no secret in events or notices, and tells the creator and the System Administrators", async () => {
    const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const r = await rotateToken({ actor: admin, tokenId: t.id, overlap: "3d", now: NOW, db: kdb });
    const events = db.$client.prepare(`SELECT details FROM events WHERE target_id = ? AND action = 'token.rotated'`).all(t.id) as { details: string }[];
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].details)).toMatchObject({ overlap: "3d", previousWorksUntil: new Date(NOW + 72 * HOUR).toISOString() });
    const notices = db.$client.prepare(`SELECT recipient, subject, body FROM outbox WHERE token_id = ? AND kind = 'rotated'`).all(t.id) as { recipient: string; subject: string; body: string }[];
    expect(notices.map((n) => n.recipient).sort()).toEqual([owner.email, admin.email].sort());
    expect(notices[0].body).toContain("keeps working until");
    for (const text of [...events.map((e) => e.details), ...notices.flatMap((n) => [n.subject, n.body])]) {
      expect(text).not.toContain(t.secret);
      expect(text).not.toContain(r.secret);
    }
  });
});

describe("who may rotate, and which tokens", () => {
  it("the creator with API credentials: manage, or any System Administrator; nobody else", async () => {
    const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const stranger = newOwner();
    expect((await expectRefusal(() => rotateToken({ actor: stranger, tokenId: t.id, overlap: "1h", now: NOW, db: kdb }))).status).toBe(404);
    const demoted = { ...owner, permissions: ["api-credentials.view" as const] };
    expect((await expectRefusal(() => rotateToken({ actor: demoted, tokenId: t.id, overlap: "1h", now: NOW, db: kdb }))).status).toBe(403);
    expect((await rotateToken({ actor: admin, tokenId: t.id, overlap: "1h", now: NOW, db: kdb })).secret).toBeDefined();
    expect((await rotateToken({ actor: owner, tokenId: t.id, overlap: "1h", now: NOW + 1, db: kdb })).secret).toBeDefined();
  });

  it("refuses an expired, revoked or suspended token with a 409 naming its status", async () => {
    const expired = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS, expiresOn: "2026-11-21" });
    expect(await expectRefusal(() => rotateToken({ actor: owner, tokenId: expired.id, overlap: "1h", now: NOW, db: kdb }))).toEqual({
      status: 409,
      message: "This token is Expired, so it can't be rotated.",
      fieldErrors: undefined,
    });
    const revoked = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    await revokeToken({ actor: owner, tokenId: revoked.id, now: NOW, db: kdb });
    expect((await expectRefusal(() => rotateToken({ actor: owner, tokenId: revoked.id, overlap: "1h", now: NOW, db: kdb }))).message).toBe("This token is Revoked, so it can't be rotated.");
    const suspendedOwner = newOwner();
    const suspended = insertToken(db, { creatorId: suspendedOwner.id, permissions: ALL_PERMISSIONS });
    db.$client.prepare(`UPDATE "user" SET status = 'suspended' WHERE id = ?`).run(suspendedOwner.id);
    expect(await expectRefusal(() => rotateToken({ actor: admin, tokenId: suspended.id, overlap: "1h", now: NOW, db: kdb }))).toMatchObject({
      status: 409,
      message: "This token is Suspended, so it can't be rotated.",
    });
  });
});

describe("replacing an uploaded public key", () => {
  const newKey = () => {
    const pair = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const confirmed = confirmPublicKey(pair.publicKey.export({ type: "spki", format: "pem" }).toString());
    if (!confirmed.ok) throw new Error("test key refused");
    return { privateKey: pair.privateKey, key: { pem: confirmed.pem, fingerprint: confirmed.fingerprint } };
  };

  it("verifies both keys during the overlap, only the new one after", async () => {
    const t = insertToken(db, { creatorId: owner.id, type: "public_key", permissions: ALL_PERMISSIONS });
    const next = newKey();
    const r = await rotateToken({ actor: owner, tokenId: t.id, overlap: "1h", publicKey: next.key, now: NOW, db: kdb });
    expect(r.secret).toBeUndefined();
    const old = await call(t.id, { privateKey: t.privateKey }, NOW + HOUR - 1000);
    expect(old.status).toBe(200);
    expect(old.headers?.["Keyward-Credential-Superseded"]).toBe(new Date(NOW + HOUR).toISOString());
    expect((await call(t.id, { privateKey: next.privateKey }, NOW + HOUR - 999)).status).toBe(200);
    expect((await call(t.id, { privateKey: t.privateKey }, NOW + HOUR + 1000)).status).toBe(401);
  });

  it("refuses the token's own current key and a key another token uses", async () => {
    const t = insertToken(db, { creatorId: owner.id, type: "public_key", permissions: ALL_PERMISSIONS });
    const same = confirmPublicKey(t.publicKeyPem!);
    if (!same.ok) throw new Error("test key refused");
    expect((await expectRefusal(() => rotateToken({ actor: owner, tokenId: t.id, overlap: "1h", publicKey: { pem: same.pem, fingerprint: same.fingerprint }, now: NOW, db: kdb }))).fieldErrors).toEqual({
      publicKey: ["This is the token's current public key. Paste the new one."],
    });
    const other = insertToken(db, { creatorId: owner.id, type: "public_key", permissions: ALL_PERMISSIONS });
    const theirs = confirmPublicKey(other.publicKeyPem!);
    if (!theirs.ok) throw new Error("test key refused");
    expect((await expectRefusal(() => rotateToken({ actor: owner, tokenId: t.id, overlap: "1h", publicKey: { pem: theirs.pem, fingerprint: theirs.fingerprint }, now: NOW, db: kdb }))).status).toBe(409);
  });
});

describe("the token state of other processes, and OAuth", () => {
  let other: Db;
  afterAll(() => other?.$client.close());

  it("another process sees the new credential on its next poll (every 250 ms, well within a second)", async () => {
    const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    other = openDatabase(file);
    const state = new TokenStateCache(other);
    expect(state.get(t.id, NOW)!.credentialVersion).toBe(1);
    await rotateToken({ actor: owner, tokenId: t.id, overlap: "24h", now: NOW, db: kdb });
    expect(state.poll()).toBe(true);
    expect(state.get(t.id, NOW)).toMatchObject({ credentialVersion: 2, previousVersion: 1, previousUntil: NOW + 24 * HOUR });
  });

  it("/oauth/token accepts both secrets during the overlap; access tokens from the old one end with it", async () => {
    const t = insertToken(db, { creatorId: owner.id, permissions: ALL_PERMISSIONS });
    const oauth = new OAuthService(api, api.state, new SigningKeys(db));
    const exchange = (secret: string, now: number) =>
      oauth.token(new URLSearchParams({ grant_type: "client_credentials", client_id: t.id, client_secret: secret }), undefined, ISSUER, IP, now);
    const before = JSON.parse((await exchange(t.secret!, NOW)).body) as { access_token: string };
    const r = await rotateToken({ actor: owner, tokenId: t.id, overlap: "24h", now: NOW + 1000, db: kdb });

    const old = await exchange(t.secret!, NOW + 2000);
    expect(old.status).toBe(200);
    expect(old.headers["Keyward-Credential-Superseded"]).toBe(new Date(NOW + 1000 + 24 * HOUR).toISOString());
    const fromOld = JSON.parse(old.body) as { access_token: string };
    const fresh = await exchange(r.secret!, NOW + 2000);
    expect(fresh.headers["Keyward-Credential-Superseded"]).toBeUndefined();
    const fromNew = JSON.parse(fresh.body) as { access_token: string };
    expect((await exchange("kwsk_wrong", NOW + 2000)).status).toBe(401);

    // Introspection and revocation, authenticated with the old secret, say when it stops too.
    const form = (secret: string, token: string) => new URLSearchParams({ client_id: t.id, client_secret: secret, token });
    const superseded = new Date(NOW + 1000 + 24 * HOUR).toISOString();
    expect((await oauth.introspect(form(t.secret!, fromNew.access_token), undefined, ISSUER, IP, NOW + 2000)).headers["Keyward-Credential-Superseded"]).toBe(superseded);
    expect((await oauth.introspect(form(r.secret!, fromNew.access_token), undefined, ISSUER, IP, NOW + 2000)).headers["Keyward-Credential-Superseded"]).toBeUndefined();
    expect((await oauth.revoke(form(t.secret!, "not-a-token"), undefined, ISSUER, IP, NOW + 2000)).headers["Keyward-Credential-Superseded"]).toBe(superseded);

    const use = (token: string, now: number) => oauth.bearer("GET", GROUPS, "", "", `Bearer ${token}`, ISSUER, IP, now).status;
    expect([use(before.access_token, NOW + 3000), use(fromOld.access_token, NOW + 3000), use(fromNew.access_token, NOW + 3000)]).toEqual([200, 200, 200]);
    await endOverlap({ actor: owner, tokenId: t.id, now: NOW + 4000, db: kdb });
    expect([use(before.access_token, NOW + 5000), use(fromOld.access_token, NOW + 5000), use(fromNew.access_token, NOW + 5000)]).toEqual([401, 401, 200]);
    expect((await exchange(t.secret!, NOW + 5000)).status).toBe(401);
  });
});
