import { afterEach, beforeEach, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { account, apiTokens, events, roles, session, user, userDeviceGroups } from "@/lib/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { ALL_PERMISSIONS, type Permission } from "@/lib/domain/permissions";
import { changeUserRole, createUser, deleteUser, listUsers, reactivateUser, suspendUser } from "./users";
import { createRole, deleteRole, getRoleById, listRoleOptions, listRoles, updateRole } from "./roles";
import { expectRefusal } from "@/test/refusal";
import { createTempDb, type TempDb } from "@/test/temp-db";

let tmp: TempDb;
let db: Db;
let adminRoleId: number;

function actorFor(id: string, isSystemAdmin: boolean, permissions: readonly Permission[] = ALL_PERMISSIONS): Actor {
  const row = db.select().from(user).where(eq(user.id, id)).get()!;
  return { id, name: row.name, email: row.email, roleId: row.roleId, roleName: null, isSystemAdmin, permissions: [...permissions], deviceGroups: [], ip: "192.0.2.9", language: null };
}

function insertUser(email: string, roleId: number, status: "active" | "suspended" = "active"): string {
  const id = crypto.randomUUID();
  db.insert(user).values({ id, name: email.split("@")[0], email, roleId, status, createdAt: new Date(), updatedAt: new Date() }).run();
  return id;
}

function addSession(userId: string) {
  db.insert(session).values({ id: crypto.randomUUID(), token: crypto.randomUUID(), userId, expiresAt: new Date(Date.now() + 3600_000), updatedAt: new Date() }).run();
}


const eventCount = () => db.select().from(events).all().length;

beforeEach(() => {
  tmp = createTempDb("keyward-users-");
  db = tmp.db;
  adminRoleId = db.select().from(roles).where(eq(roles.builtIn, true)).get()!.id;
});

afterEach(() => tmp.close());

describe("createUser", () => {
  it("writes the user, credential, device groups and one event without the password", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const groups = db.select().from(userDeviceGroups).all().length;
    const { id } = createUser(admin, { email: "bo@example.com", name: "Bo", roleId: adminRoleId, deviceGroupIds: [1, 2], passwordHash: "hash:secret-password" }, db);
    expect(db.select().from(account).where(eq(account.userId, id)).get()!.password).toBe("hash:secret-password");
    expect(db.select().from(userDeviceGroups).all().length).toBe(groups + 2);
    const ev = db.select().from(events).all().at(-1)!;
    expect(ev).toMatchObject({ action: "user.created", actorId: admin.id, targetId: id, sourceIp: "192.0.2.9" });
    expect(JSON.stringify(ev)).not.toContain("secret-password");
  });

  it("refuses a taken email with a field message and writes nothing", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const before = eventCount();
    const err = expectRefusal(() => createUser(admin, { email: "ada@example.com", name: "Again", roleId: adminRoleId, deviceGroupIds: [], passwordHash: "h" }, db));
    expect(err.fieldErrors).toEqual({ email: ["A user with this email already exists."] });
    expect(eventCount()).toBe(before);
  });

  it("refuses an unknown device group and rolls back the user", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    expectRefusal(() => createUser(admin, { email: "x@example.com", name: "X", roleId: adminRoleId, deviceGroupIds: [999], passwordHash: "h" }, db));
    expect(db.select().from(user).where(eq(user.email, "x@example.com")).get()).toBeUndefined();
  });

  it("only a System Administrator can hand out the System Administrator role", () => {
    const managerRole = createRole(actorFor(insertUser("ada@example.com", adminRoleId), true), { name: "Managers", permissions: ["users-roles.view", "users-roles.manage"] }, db);
    const manager = actorFor(insertUser("mo@example.com", managerRole.id), false, ["users-roles.view", "users-roles.manage"]);
    expect(expectRefusal(() => createUser(manager, { email: "x@example.com", name: "X", roleId: adminRoleId, deviceGroupIds: [], passwordHash: "h" }, db)).status).toBe(403);
  });
});

describe("listUsers", () => {
  it("pages by name and searches name or email, with LIKE wildcards taken literally", () => {
    for (const email of ["cy@example.com", "ab_c@example.com", "abxc@example.com", "bo@example.org"]) insertUser(email, adminRoleId);
    const first = listUsers({ page: 1, pageSize: 3, db });
    expect(first.rows.map((r) => r.email)).toEqual(["ab_c@example.com", "abxc@example.com", "bo@example.org"]);
    expect(first).toMatchObject({ total: 4, pageCount: 2 });
    expect(listUsers({ page: 2, pageSize: 3, db }).rows.map((r) => r.email)).toEqual(["cy@example.com"]);
    expect(listUsers({ page: 1, q: "AB_", db }).rows.map((r) => r.email)).toEqual(["ab_c@example.com"]);
    expect(listUsers({ page: 1, q: "example.org", db }).total).toBe(1);
    expect(listUsers({ page: 1, q: "%", db }).total).toBe(0);
    expect(listUsers({ page: 1, q: "cy", db }).rows[0]).toMatchObject({ roleName: "System Administrator", isSystemAdmin: true, deviceGroups: [], status: "active", lastSignInAt: null });
  });
});

describe("suspend, reactivate, delete", () => {
  it("suspending ends every session in the same transaction and records how many", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const bo = insertUser("bo@example.com", adminRoleId);
    addSession(bo);
    addSession(bo);
    expect(suspendUser(admin, bo, db)).toEqual({ sessionsEnded: 2 });
    expect(db.select().from(session).where(eq(session.userId, bo)).all()).toHaveLength(0);
    expect(db.select().from(user).where(eq(user.id, bo)).get()!.status).toBe("suspended");
    expect(db.select().from(events).all().at(-1)).toMatchObject({ action: "user.suspended", details: { sessionsEnded: 2 } });
    expect(expectRefusal(() => suspendUser(admin, bo, db)).message).toBe("bo is already suspended.");
    reactivateUser(admin, bo, db);
    expect(db.select().from(user).where(eq(user.id, bo)).get()!.status).toBe("active");
  });

  it("refuses to suspend or delete yourself", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    insertUser("bo@example.com", adminRoleId);
    expect(expectRefusal(() => suspendUser(admin, admin.id, db)).message).toBe("You can't suspend yourself.");
    expect(expectRefusal(() => deleteUser(admin, admin.id, db)).message).toBe("You can't delete yourself.");
  });

  it("keeps the last active System Administrator: no suspend, delete or demotion", () => {
    const ada = insertUser("ada@example.com", adminRoleId);
    const adminActor = actorFor(ada, true);
    const managers = createRole(adminActor, { name: "Managers", permissions: ["users-roles.manage"] }, db);
    const manager = actorFor(insertUser("mo@example.com", managers.id), false, ["users-roles.view", "users-roles.manage"]);
    // A suspended administrator doesn't count.
    insertUser("old@example.com", adminRoleId, "suspended");
    expect(expectRefusal(() => suspendUser(manager, ada, db)).message).toBe("You can't suspend the last active System Administrator.");
    expect(expectRefusal(() => deleteUser(manager, ada, db)).message).toBe("You can't delete the last active System Administrator.");
    expect(expectRefusal(() => changeUserRole(manager, ada, managers.id, db)).message).toBe("You can't demote the last active System Administrator.");
    // With a second active administrator, a System Administrator may suspend the other one.
    const bo = insertUser("bo@example.com", adminRoleId);
    expect(suspendUser(adminActor, bo, db).sessionsEnded).toBe(0);
  });

  it("deleting a user deletes their tokens and keeps the events", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const bo = insertUser("bo@example.com", adminRoleId);
    db.insert(apiTokens).values({ id: crypto.randomUUID(), title: "t", type: "generated", creatorId: bo, expiresOn: "2030-01-01", deviceScope: "all" }).run();
    suspendUser(admin, bo, db);
    expect(deleteUser(admin, bo, db)).toEqual({ tokensDeleted: 1 });
    expect(db.select().from(apiTokens).all()).toHaveLength(0);
    expect(db.select().from(events).where(eq(events.targetId, bo)).all().map((e) => e.action)).toEqual(["user.suspended", "user.deleted"]);
  });

  it("a role change records old and new role; the same role is a no-op", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const bo = insertUser("bo@example.com", adminRoleId);
    const viewers = createRole(admin, { name: "Viewers", permissions: ["event-history.view"] }, db);
    expect(changeUserRole(admin, bo, viewers.id, db)).toEqual({ changed: true });
    expect(db.select().from(events).all().at(-1)).toMatchObject({ action: "user.updated", details: { oldRole: "System Administrator", newRole: "Viewers" } });
    const before = eventCount();
    expect(changeUserRole(admin, bo, viewers.id, db)).toEqual({ changed: false });
    expect(eventCount()).toBe(before);
  });
});

describe("roles", () => {
  it("lists each role with how many users hold it, the built-in one first", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    insertUser("bo@example.com", adminRoleId, "suspended");
    const r = createRole(admin, { name: "Auditors", permissions: ["event-history.view"] }, db);
    insertUser("cy@example.com", r.id);
    createRole(admin, { name: "Empty", permissions: ["policies.manage"] }, db);
    expect(listRoles(db).map((x) => [x.name, x.builtIn, x.userCount, x.permissions.length])).toEqual([
      ["System Administrator", true, 2, ALL_PERMISSIONS.length],
      ["Auditors", false, 1, 1],
      ["Empty", false, 0, 2],
    ]);
    expect(getRoleById(r.id, db)).toMatchObject({ name: "Auditors", userCount: 1, permissions: ["event-history.view"] });
  });

  it("names are unique case-insensitively", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    createRole(admin, { name: "Auditors", permissions: ["event-history.view"] }, db);
    expect(expectRefusal(() => createRole(admin, { name: "AUDITORS", permissions: ["event-history.view"] }, db)).fieldErrors?.name).toEqual([
      "A role named “AUDITORS” already exists. Choose another name.",
    ]);
    expect(expectRefusal(() => createRole(admin, { name: "system administrator", permissions: ["event-history.view"] }, db)).status).toBe(409);
  });

  it("the built-in role can't be changed or deleted", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    expect(expectRefusal(() => updateRole(admin, { roleId: adminRoleId, name: "Mine", permissions: ["event-history.view"] }, db)).status).toBe(403);
    expect(expectRefusal(() => deleteRole(admin, adminRoleId, db)).status).toBe(403);
  });

  it("a role held by users can't be deleted; a free one can, with an event", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const r = createRole(admin, { name: "Temp", permissions: ["event-history.view"] }, db);
    insertUser("a@example.com", r.id);
    insertUser("b@example.com", r.id);
    expect(expectRefusal(() => deleteRole(admin, r.id, db)).message).toBe("“Temp” is assigned to 2 users. Give them another role first.");
    const free = createRole(admin, { name: "Free", permissions: ["event-history.view"] }, db);
    deleteRole(admin, free.id, db);
    expect(db.select().from(roles).where(eq(roles.id, free.id)).get()).toBeUndefined();
    expect(db.select().from(events).all().at(-1)).toMatchObject({ action: "role.deleted", targetLabel: "Free" });
  });

  it("an update records added and removed permissions", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const r = createRole(admin, { name: "Temp", permissions: ["event-history.view", "policies.view"] }, db);
    updateRole(admin, { roleId: r.id, name: "Renamed", permissions: ["event-history.view", "device-reports.view"] }, db);
    expect(db.select().from(events).all().at(-1)).toMatchObject({
      action: "role.updated",
      details: { added: ["device-reports.view"], removed: ["policies.view"], oldName: "Temp", newName: "Renamed" },
    });
  });

  it("someone who manages roles without being an administrator can't grant what they lack", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const managers = createRole(admin, { name: "Managers", permissions: ["users-roles.view", "users-roles.manage"] }, db);
    const manager = actorFor(insertUser("mo@example.com", managers.id), false, ["users-roles.view", "users-roles.manage"]);
    expect(expectRefusal(() => createRole(manager, { name: "Wide", permissions: ["api-credentials.manage", "api-credentials.view"] }, db)).status).toBe(403);
    expect(createRole(manager, { name: "Narrow", permissions: ["users-roles.view"] }, db).id).toBeGreaterThan(0);
  });

  it("nor give anyone a role holding what they lack: not a new user, not an existing one, not their second account", () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const managers = createRole(admin, { name: "Managers", permissions: ["users-roles.view", "users-roles.manage"] }, db);
    const wide = createRole(admin, { name: "Wide", permissions: ["api-credentials.manage", "users-roles.manage"] }, db);
    const narrow = createRole(admin, { name: "Narrow", permissions: ["users-roles.view"] }, db);
    const manager = actorFor(insertUser("mo@example.com", managers.id), false, ["users-roles.view", "users-roles.manage"]);
    const second = insertUser("mo.second@example.com", narrow.id);
    const before = eventCount();

    const created = expectRefusal(() => createUser(manager, { email: "new@example.com", name: "New", roleId: wide.id, deviceGroupIds: [], passwordHash: "h" }, db));
    expect(created.status).toBe(403);
    expect(created.fieldErrors).toEqual({ roleId: ["You can't give the role “Wide”: it has permissions your own role doesn't have."] });
    expect(expectRefusal(() => changeUserRole(manager, second, wide.id, db)).status).toBe(403);
    expect(db.select().from(user).where(eq(user.id, second)).get()!.roleId).toBe(narrow.id);
    expect(db.select().from(user).where(eq(user.email, "new@example.com")).get()).toBeUndefined();
    expect(eventCount()).toBe(before);

    // The Role picker offers only what the manager may give.
    expect(listRoleOptions(manager, db).map((r) => r.name)).toEqual(["Managers", "Narrow"]);
    expect(listRoleOptions(admin, db).map((r) => r.name)).toEqual(["System Administrator", "Managers", "Narrow", "Wide"]);

    expect(changeUserRole(manager, second, managers.id, db)).toEqual({ changed: true });
    expect(createUser(manager, { email: "ok@example.com", name: "Ok", roleId: narrow.id, deviceGroupIds: [], passwordHash: "h" }, db).id).toBeTruthy();
  });
});
