import { describe, expect, it } from "vitest";
import { openDatabase, writeTransaction } from "@/lib/db/client";
import { freshDatabase, insertRole, insertToken, insertUser } from "@/test/api-fixture";
import { TokenStateCache } from "./token-state";

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
});
