import { describe, expect, it } from "vitest";
import { onPostgres } from "@/lib/db/database";
import { pgTables } from "@/lib/db/tables";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { migratedPgDatabase } from "@/test/pg-cluster";
import { changeUserRole, countUsers, createFirstAdministrator, createUser, deleteUser, listUsers, reactivateUser, setUserLanguage, suspendUser } from "./users";
import { createRole, deleteRole, getRoleById, listRoleOptions, listRoles, updateRole } from "./roles";
import { isActiveUser, recordSignInAttempt, signInRetryAfter } from "./sign-ins";
import { loadActor } from "./actors";

const pgTest = migratedPgDatabase();

// Issue 14: the people domain's SQL runs on PostgreSQL as it does on SQLite (users.test.ts and
// sign-ins.test.ts hold the rules; this walks each function once on a real PostgreSQL).
describe("users, roles and sign-ins on PostgreSQL", () => {
  it("sets up, adds, lists, suspends, re-roles and deletes users and roles, and throttles sign-ins", async () => {
    const kdb = onPostgres(pgTest.db);
    const [role] = await pgTest.db.insert(pgTables.roles).values({ name: "System Administrator", builtIn: true }).returning();
    await pgTest.db.insert(pgTables.rolePermissions).values(ALL_PERMISSIONS.map((permission) => ({ roleId: role.id, permission })));
    await pgTest.db.insert(pgTables.deviceGroups).values([{ name: "A" }, { name: "B" }]);
    expect(await countUsers(kdb)).toBe(0);
    const adaId = await createFirstAdministrator({ name: "Ada", email: "ada@example.com", password: "correct horse battery" }, "192.0.2.1", kdb);
    expect(await countUsers(kdb)).toBe(1);
    const ada = (await loadActor(adaId, "192.0.2.1", kdb))!;
    expect(ada.isSystemAdmin).toBe(true);
    const viewers = await createRole(ada, { name: "Viewers", permissions: ["event-history.view"] }, kdb);
    await updateRole(ada, { roleId: viewers.id, name: "Viewers2", permissions: ["event-history.view", "policies.view"] }, kdb);
    const { id: boId } = await createUser(ada, { email: "bo@example.com", name: "Bo", roleId: viewers.id, deviceGroupIds: [1, 2], passwordHash: "h" }, kdb);
    const list = await listUsers({ page: 1, q: "B", db: kdb });
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ email: "bo@example.com", deviceGroups: ["A", "B"], status: "active" });
    expect((await listRoles(kdb)).map((r) => [r.name, r.userCount])).toEqual([["System Administrator", 1], ["Viewers2", 1]]);
    expect((await getRoleById(viewers.id, kdb))?.userCount).toBe(1);
    expect((await listRoleOptions(ada, kdb)).length).toBe(2);
    expect(await suspendUser(ada, boId, kdb)).toEqual({ sessionsEnded: 0 });
    expect(await isActiveUser(boId, kdb)).toBe(false);
    await reactivateUser(ada, boId, kdb);
    expect(await changeUserRole(ada, boId, role.id, kdb)).toEqual({ changed: true });
    await setUserLanguage(boId, "ja", kdb);
    for (let i = 0; i < 5; i++) await recordSignInAttempt({ ok: false, email: "cy@example.com", ip: "203.0.113.1" }, kdb);
    await recordSignInAttempt({ ok: true, userId: boId, email: "bo@example.com", ip: "203.0.113.1" }, kdb);
    expect(await signInRetryAfter("cy@example.com", "203.0.113.2", { windowMs: 900_000, perAccount: 5, perAddress: 20 }, kdb)).toBeGreaterThan(0);
    expect((await listUsers({ page: 1, q: "bo", db: kdb })).rows[0].lastSignInAt).not.toBeNull();
    expect(await deleteUser(ada, boId, kdb)).toEqual({ tokensDeleted: 0 });
    await deleteRole(ada, viewers.id, kdb);
  }, 60_000);
});
