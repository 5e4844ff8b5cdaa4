import { describe, expect, it } from "vitest";
import { openDatabase, writeTransaction } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { freshDatabase, insertRole, insertToken, insertUser } from "@/test/api-fixture";
import { pruneTokenStateChanges, TOKEN_CHANGES_KEPT_MS, TokenStateCache } from "./token-state";

describe("TokenStateCache", () => {
  it("sees this process's writeTransaction at once, and another connection's commit on the next poll", () => {
    const { db, file } = freshDatabase();
    const creatorId = insertUser(db, insertRole(db, ["device-groups.view", "policies.view"]));
    const t = insertToken(db, { creatorId, permissions: ["device-groups.view", "missing-devices.view"] });
    const state = new TokenStateCache(db); // not started: polls only when told to
    const s = state.get(t.id)!;
    expect(s).toMatchObject({ revokedAt: null, creatorStatus: "active", accessNotBefore: null });
    // Token permissions ∩ the creator's role.
    expect([...s.permissions]).toEqual(["device-groups.view"]);

    writeTransaction((tx) => tx.$client.prepare(`UPDATE api_tokens SET revoked_at = 123 WHERE id = ?`).run(t.id), db);
    expect(state.get(t.id)!.revokedAt).toBe(123);

    const other = openDatabase(file);
    other.$client.prepare(`UPDATE "user" SET status = 'suspended' WHERE id = ?`).run(creatorId);
    expect(state.get(t.id)!.creatorStatus).toBe("active");
    state.poll();
    expect(state.get(t.id)!.creatorStatus).toBe("suspended");

    other.$client.prepare(`INSERT INTO revoked_access_tokens (jti, token_id, expires_at) VALUES ('j1', ?, ?)`).run(t.id, Date.now() + 60_000);
    other.$client.prepare(`INSERT INTO token_exchanges (token_id, access_not_before) VALUES (?, 456)`).run(t.id);
    state.poll();
    expect(state.isRevoked("j1")).toBe(true);
    expect(state.get(t.id)!.accessNotBefore).toBe(456);
    other.$client.close();
    state.stop();
  });

  it("caps permissions by the one rule of the console and the token endpoint: Manage in the role allows View", () => {
    const { db } = freshDatabase();
    const creatorId = insertUser(db, insertRole(db, ["device-groups.manage"]));
    const t = insertToken(db, { creatorId, permissions: ["device-groups.view", "missing-devices.view"] });
    const state = new TokenStateCache(db);
    expect([...state.get(t.id)!.permissions]).toEqual(["device-groups.view"]);
    state.stop();
  });

  it("after a write re-reads only the tokens it changed, every kind of change, from any connection", () => {
    const { db, file } = freshDatabase();
    const roleId = insertRole(db, ["device-groups.view", "policies.view"]);
    const creatorId = insertUser(db, roleId);
    const [a, b] = [0, 1].map(() => insertToken(db, { creatorId, permissions: ["device-groups.view", "policies.view"] }));
    const otherOwner = insertUser(db, insertRole(db, ["device-groups.view"]));
    const c = insertToken(db, { creatorId: otherOwner, permissions: ["device-groups.view"] });
    const state = new TokenStateCache(db);
    const before = { a: state.get(a.id)!, b: state.get(b.id)!, c: state.get(c.id)! };
    const other = openDatabase(file);
    const change = (sql: string, ...args: unknown[]) => {
      other.$client.prepare(sql).run(...args);
      state.poll();
    };

    change(`DELETE FROM token_permissions WHERE token_id = ? AND permission = 'policies.view'`, a.id);
    expect([...state.get(a.id)!.permissions]).toEqual(["device-groups.view"]);
    // The same object: b was not read again.
    expect(state.get(b.id)).toBe(before.b);

    change(`INSERT INTO token_allowed_ips (token_id, cidr, position) VALUES (?, '10.0.0.0/8', 0)`, b.id);
    expect(state.get(b.id)!.allowedIps).toBe("10.0.0.0/8");
    change(`INSERT INTO token_previous_credentials (token_id, version, created_at, works_until) VALUES (?, 1, 1, 999)`, b.id);
    expect(state.get(b.id)!.previousUntil).toBe(999);
    change(`UPDATE api_tokens SET credential_version = 2 WHERE id = ?`, b.id);
    expect(state.get(b.id)!.credentialVersion).toBe(2);

    // A user's status reaches each of their tokens, and no one else's.
    change(`UPDATE "user" SET status = 'suspended' WHERE id = ?`, creatorId);
    expect([state.get(a.id)!.creatorStatus, state.get(b.id)!.creatorStatus]).toEqual(["suspended", "suspended"]);
    expect(state.get(c.id)).toBe(before.c);

    // A role's permissions: everything is read again.
    change(`UPDATE role_permissions SET permission = 'policies.manage' WHERE role_id = ? AND permission = 'policies.view'`, roleId);
    expect(state.get(c.id)).not.toBe(before.c);

    const d = insertToken(other, { creatorId: otherOwner, permissions: ["device-groups.view"] });
    state.poll();
    expect(state.get(d.id)).toBeDefined();
    change(`DELETE FROM api_tokens WHERE id = ?`, d.id);
    expect(state.get(d.id)).toBeUndefined();
    other.$client.close();
    state.stop();
  });

  it("reloads everything when the change log was pruned past what it has seen, and pruning keeps the newest row", async () => {
    const { db } = freshDatabase();
    const creatorId = insertUser(db, insertRole(db, ["device-groups.view"]));
    const [t, u] = [0, 1].map(() => insertToken(db, { creatorId, permissions: ["device-groups.view"] }));
    const state = new TokenStateCache(db);
    expect(state.get(t.id)!.revokedAt).toBeNull();
    const now = Date.now() + TOKEN_CHANGES_KEPT_MS + 60_000;
    // u's change is pruned before this state looks: only a whole reload can still see it.
    writeTransaction((tx) => tx.$client.prepare(`UPDATE api_tokens SET expires_on = '2031-01-01' WHERE id = ?`).run(u.id), db);
    writeTransaction((tx) => tx.$client.prepare(`UPDATE api_tokens SET revoked_at = 5 WHERE id = ?`).run(t.id), db);
    const pruned = await pruneTokenStateChanges(onSqlite(db), now);
    expect(pruned).toBeGreaterThan(0);
    expect(db.$client.prepare(`SELECT count(*) FROM token_state_changes`).pluck().get()).toBe(1);
    expect(state.get(t.id)!.revokedAt).toBe(5);
    expect(state.get(u.id)!.expiresOn).toBe("2031-01-01");
    state.stop();
  });

  it("a campaign enrolling tokens re-reads the pending deadlines, not the tokens", () => {
    const { db, file } = freshDatabase();
    const creatorId = insertUser(db, insertRole(db, ["device-groups.view"]));
    const [t, u] = [0, 1].map(() => insertToken(db, { creatorId, permissions: ["device-groups.view"] }));
    const state = new TokenStateCache(db);
    const before = state.get(u.id)!;
    expect(before.rotateBy).toBeNull();
    const other = openDatabase(file);
    const deadline = Date.parse("2027-01-31T23:59:59Z");
    const campaign = other.$client
      .prepare(`INSERT INTO rotation_campaigns (name, reason, scope_kind, deadline_on, deadline_at, action, status, created_by_email) VALUES ('c', 'r', 'all', '2027-01-31', ?, 'rotate', 'active', 'a@example.com') RETURNING id`)
      .pluck()
      .get(deadline) as number;
    other.$client.prepare(`INSERT INTO rotation_campaign_tokens (campaign_id, token_id, owner_id, title, used_recently) VALUES (?, ?, ?, 't', 0)`).run(campaign, t.id, creatorId);
    state.poll();
    expect(state.get(t.id)!.rotateBy).toBe(deadline);
    // Not read again: the same object, its deadline still none.
    expect(state.get(u.id)).toBe(before);
    expect(before.rotateBy).toBeNull();

    other.$client.prepare(`UPDATE rotation_campaign_tokens SET state = 'rotated' WHERE token_id = ?`).run(t.id);
    state.poll();
    expect(state.get(t.id)!.rotateBy).toBeNull();
    other.$client.close();
    state.stop();
  });

  it("keeps only the tokens used lately, reading any other by its key when asked for", () => {
    const { db } = freshDatabase();
    const creatorId = insertUser(db, insertRole(db, ["device-groups.view"]));
    const ids = [0, 1, 2, 3, 4].map(() => insertToken(db, { creatorId, permissions: ["device-groups.view"] }).id);
    const state = new TokenStateCache(db, 250, 2);
    const first = ids.map((id) => state.get(id)!);
    expect(first.map((s) => s.id)).toEqual(ids);
    // Generations of two: the last three asked for are still kept, the same objects.
    for (const i of [4, 3, 2]) expect(state.get(ids[i])).toBe(first[i]);
    const again = state.get(ids[0])!;
    expect(again).not.toBe(first[0]);
    expect(again).toEqual(first[0]);
    expect(state.get("kw_unknown")).toBeUndefined();
    state.stop();
  });
});
