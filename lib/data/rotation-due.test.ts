import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { onSqlite, type KeywardDb } from "@/lib/db/database";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { enrollToken, insertCampaign } from "@/test/campaign-fixture";
import { freshDatabase, insertRole, insertToken, insertUser } from "@/test/api-fixture";
import { pendingRotationSummary, rotationDueFor } from "./rotation-due";

let db: Db;
let kdb: KeywardDb;
let roleId: number;

beforeAll(() => {
  ({ db } = freshDatabase());
  kdb = onSqlite(db);
  roleId = insertRole(db, ALL_PERMISSIONS);
});

describe("pending rotations", () => {
  it("a token is pending in an active campaign only, by its earliest deadline", async () => {
    const owner = insertUser(db, roleId);
    const [a, b, c, d] = Array.from({ length: 4 }, () => insertToken(db, { creatorId: owner, permissions: ALL_PERMISSIONS }).id);
    const late = insertCampaign(db, { deadlineOn: "2027-01-31" });
    const early = insertCampaign(db, { deadlineOn: "2027-01-10" });
    const cancelled = insertCampaign(db, { deadlineOn: "2027-01-01", status: "cancelled" });
    enrollToken(db, late, { tokenId: a, ownerId: owner });
    enrollToken(db, early, { tokenId: a, ownerId: owner });
    enrollToken(db, late, { tokenId: b, ownerId: owner });
    enrollToken(db, early, { tokenId: b, ownerId: owner, state: "rotated" });
    enrollToken(db, cancelled, { tokenId: c, ownerId: owner });

    expect(Object.fromEntries(await rotationDueFor([a, b, c, d], kdb))).toEqual({ [a]: "2027-01-10", [b]: "2027-01-31" });
    expect((await rotationDueFor([], kdb)).size).toBe(0);
    // Two tokens (a counted once, though in two campaigns), the earliest deadline of all.
    expect(await pendingRotationSummary(owner, kdb)).toEqual({ count: 2, deadlineOn: "2027-01-10" });
  });

  it("nothing pending: no summary, so no banner", async () => {
    const owner = insertUser(db, roleId);
    const t = insertToken(db, { creatorId: owner, permissions: ALL_PERMISSIONS }).id;
    expect(await pendingRotationSummary(owner, kdb)).toBeNull();
    enrollToken(db, insertCampaign(db, { deadlineOn: "2027-01-10" }), { tokenId: t, ownerId: owner, state: "rotated_auto", revealVersion: 2 });
    expect(await pendingRotationSummary(owner, kdb)).toBeNull();
  });
});
