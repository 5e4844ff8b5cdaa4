import { afterEach, beforeEach, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { KeywardDb } from "@/lib/db/database";
import { account, apiTokens, events, roles, session, user, userDeviceGroups } from "@/lib/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { ALL_PERMISSIONS, type Permission } from "@/lib/domain/permissions";
import { changeUserRole, createUser, deleteUser, listUsers, reactivateUser, suspendUser } from "./users";
import { createRole, deleteRole, getRoleById, listRoleOptions, listRoles, updateRole } from "./roles";
import { expectRefusal } from "@/test/refusal";
import { createTempDb, type TempDb } from "@/test/temp-db";

let tmp: TempDb;
let db: Db;
let kdb: KeywardDb;
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
  kdb = tmp.kdb;
  adminRoleId = db.select().from(roles).where(eq(roles.builtIn, true)).get()!.id;
});

afterEach(() => tmp.close());

describe("createUser", () => {
  it("writes the user, credential, device groups and one event without the password", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const groups = db.select().from(userDeviceGroups).all().length;
    const { id } = await createUser(admin, { email: "bo@example.com", name: "Bo", roleId: adminRoleId, deviceGroupIds: [1, 2], passwordHash: "hash:secret-password" }, kdb);
    expect(db.select().from(account).where(eq(account.userId, id)).get()!.password).toBe("hash:secret-password");
    expect(db.select().from(userDeviceGroups).all().length).toBe(groups + 2);
    const ev = db.select().from(events).all().at(-1)!;
    expect(ev).toMatchObject({ action: "user.created", actorId: admin.id, targetId: id, sourceIp: "192.0.2.9" });
    expect(JSON.stringify(ev)).not.toContain("secret-password");
  });

  it("refuses a taken email with a field message and writes nothing", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const before = eventCount();
    const err = await expectRefusal(() => createUser(admin, { email: "ada@example.com", name: "Again", roleId: adminRoleId, deviceGroupIds: [], passwordHash: "h" }, kdb));
    expect(err.fieldErrors).toEqual({ email: ["A user with this email already exists."] });
    expect(eventCount()).toBe(before);
  });

  it("refuses an unknown device group and rolls back the user", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    await expectRefusal(() => createUser(admin, { email: "x@example.com", name: "X", roleId: adminRoleId, deviceGroupIds: [999], passwordHash: "h" }, kdb));
    expect(db.select().from(user).where(eq(user.email, "x@example.com")).get()).toBeUndefined();
  });

  it("only a System Administrator can hand out the System Administrator role", async () => {
    const managerRole = await createRole(actorFor(insertUser("ada@example.com", adminRoleId), true), { name: "Managers", permissions: ["users-roles.view", "users-roles.manage"] }, kdb);
    const manager = actorFor(insertUser("mo@example.com", managerRole.id), false, ["users-roles.view", "users-roles.manage"]);
    expect((await expectRefusal(() => createUser(manager, { email: "x@example.com", name: "X", roleId: adminRoleId, deviceGroupIds: [], passwordHash: "h" }, kdb))).status).toBe(403);
  });
});

describe("listUsers", () => {
  it("pages by name and searches name or email, with LIKE wildcards taken literally", async () => {
    for (const email of ["cy@example.com", "ab_c@example.com", "abxc@example.com", "bo@example.org"]) insertUser(email, adminRoleId);
    const first = await listUsers({ page: 1, pageSize: 3, db: kdb });
    expect(first.rows.map((r) => r.email)).toEqual(["ab_c@example.com", "abxc@example.com", "bo@example.org"]);
    expect(first).toMatchObject({ total: 4, pageCount: 2 });
    expect((await listUsers({ page: 2, pageSize: 3, db: kdb })).rows.map((r) => r.email)).toEqual(["cy@example.com"]);
    expect((await listUsers({ page: 1, q: "AB_", db: kdb })).rows.map((r) => r.email)).toEqual(["ab_c@example.com"]);
    expect((await listUsers({ page: 1, q: "example.org", db: kdb })).total).toBe(1);
    expect((await listUsers({ page: 1, q: "%", db: kdb })).total).toBe(0);
    expect((await listUsers({ page: 1, q: "cy", db: kdb })).rows[0]).toMatchObject({ roleName: "System Administrator", isSystemAdmin: true, deviceGroups: [], status: "active", lastSignInAt: null });
  });
});

describe("suspend, reactivate, delete", () => {
  it("suspending ends every session in the same transaction and records how many", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const bo = insertUser("bo@example.com", adminRoleId);
    addSession(bo);
    addSession(bo);
    expect(await suspendUser(admin, bo, kdb)).toEqual({ sessionsEnded: 2 });
    expect(db.select().from(session).where(eq(session.userId, bo)).all()).toHaveLength(0);
    expect(db.select().from(user).where(eq(user.id, bo)).get()!.status).toBe("suspended");
    expect(db.select().from(events).all().at(-1)).toMatchObject({ action: "user.suspended", details: { sessionsEnded: 2 } });
    expect((await expectRefusal(() => suspendUser(admin, bo, kdb))).message).toBe("bo is already suspended.");
    await reactivateUser(admin, bo, kdb);
    expect(db.select().from(user).where(eq(user.id, bo)).get()!.status).toBe("active");
  });

  it("refuses to suspend or delete yourself", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    insertUser("bo@example.com", adminRoleId);
    expect((await expectRefusal(() => suspendUser(admin, admin.id, kdb))).message).toBe("You can't suspend yourself.");
    expect((await expectRefusal(() => deleteUser(admin, admin.id, kdb))).message).toBe("You can't delete yourself.");
  });

  it("keeps the last active System Administrator: no suspend, delete or demotion", async () => {
    const ada = insertUser("ada@example.com", adminRoleId);
    const adminActor = actorFor(ada, true);
    const managers = await createRole(adminActor, { name: "Managers", permissions: ["users-roles.manage"] }, kdb);
    const manager = actorFor(insertUser("mo@example.com", managers.id), false, ["users-roles.view", "users-roles.manage"]);
    // A suspended administrator doesn't count.
    insertUser("old@example.com", adminRoleId, "suspended");
    expect((await expectRefusal(() => suspendUser(manager, ada, kdb))).message).toBe("You can't suspend the last active System Administrator.");
    expect((await expectRefusal(() => deleteUser(manager, ada, kdb))).message).toBe("You can't delete the last active System Administrator.");
    expect((await expectRefusal(() => changeUserRole(manager, ada, managers.id, kdb))).message).toBe("You can't demote the last active System Administrator.");
    // With a second active administrator, a System Administrator may suspend the other one.
    const bo = insertUser("bo@example.com", adminRoleId);
    expect((await suspendUser(adminActor, bo, kdb)).sessionsEnded).toBe(0);
  });

  it("deleting a user deletes their tokens and keeps the events", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const bo = insertUser("bo@example.com", adminRoleId);
    db.insert(apiTokens).values({ id: crypto.randomUUID(), title: "t", type: "generated", creatorId: bo, expiresOn: "2030-01-01", deviceScope: "all" }).run();
    await suspendUser(admin, bo, kdb);
    expect(await deleteUser(admin, bo, kdb)).toEqual({ tokensDeleted: 1 });
    expect(db.select().from(apiTokens).all()).toHaveLength(0);
    expect(db.select().from(events).where(eq(events.targetId, bo)).all().map((e) => e.action)).toEqual(["user.suspended", "user.deleted"]);
  });

  it("a role change records old and new role; the same role is a no-op", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const bo = insertUser("bo@example.com", adminRoleId);
    const viewers = await createRole(admin, { name: "Viewers", permissions: ["event-history.view"] }, kdb);
    expect(await changeUserRole(admin, bo, viewers.id, kdb)).toEqual({ changed: true });
    expect(db.select().from(events).all().at(-1)).toMatchObject({ action: "user.updated", details: { oldRole: "System Administrator", newRole: "Viewers" } });
    const before = eventCount();
    expect(await changeUserRole(admin, bo, viewers.id, kdb)).toEqual({ changed: false });
    expect(eventCount()).toBe(before);
  });
});

describe("roles", () => {
  it("lists each role with how many users hold it, the built-in one first", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    insertUser("bo@example.com", adminRoleId, "suspended");
    const r = await createRole(admin, { name: "Auditors", permissions: ["event-history.view"] }, kdb);
    insertUser("cy@example.com", r.id);
    await createRole(admin, { name: "Empty", permissions: ["policies.manage"] }, kdb);
    expect((await listRoles(kdb)).map((x) => [x.name, x.builtIn, x.userCount, x.permissions.length])).toEqual([
      ["System Administrator", true, 2, ALL_PERMISSIONS.length],
      ["Auditors", false, 1, 1],
      ["Empty", false, 0, 2],
    ]);
    expect(await getRoleById(r.id, kdb)).toMatchObject({ name: "Auditors", userCount: 1, permissions: ["event-history.view"] });
  });

  it("names are unique case-insensitively", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    await createRole(admin, { name: "Auditors", permissions: ["event-history.view"] }, kdb);
    expect((await expectRefusal(() => createRole(admin, { name: "AUDITORS", permissions: ["event-history.view"] }, kdb))).fieldErrors?.name).toEqual([
      "A role named “AUDITORS” already exists. Choose another name.",
    ]);
    expect((await expectRefusal(() => createRole(admin, { name: "system administrator", permissions: ["event-history.view"] }, kdb))).status).toBe(409);
  });

  it("the built-in role can't be changed or deleted", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    expect((await expectRefusal(() => updateRole(admin, { roleId: adminRoleId, name: "Mine", permissions: ["event-history.view"] }, kdb))).status).toBe(403);
    expect((await expectRefusal(() => deleteRole(admin, adminRoleId, kdb))).status).toBe(403);
  });

  it("a role held by users can't be deleted; a free one can, with an event", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const r = await createRole(admin, { name: "Temp", permissions: ["event-history.view"] }, kdb);
    insertUser("a@example.com", r.id);
    insertUser("b@example.com", r.id);
    expect((await expectRefusal(() => deleteRole(admin, r.id, kdb))).message).toBe("“Temp” is assigned to 2 users. Give them another role first.");
    const free = await createRole(admin, { name: "Free", permissions: ["event-history.view"] }, kdb);
    await deleteRole(admin, free.id, kdb);
    expect(db.select().from(roles).where(eq(roles.id, free.id)).get()).toBeUndefined();
    expect(db.select().from(events).all().at(-1)).toMatchObject({ action: "role.deleted", targetLabel: "Free" });
  });

  it("an update records added and removed permissions", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const r = await createRole(admin, { name: "Temp", permissions: ["event-history.view", "policies.view"] }, kdb);
    await updateRole(admin, { roleId: r.id, name: "Renamed", permissions: ["event-history.view", "device-reports.view"] }, kdb);
    expect(db.select().from(events).all().at(-1)).toMatchObject({
      action: "role.updated",
      details: { added: ["device-reports.view"], removed: ["policies.view"], oldName: "Temp", newName: "Renamed" },
    });
  });

  it("someone who manages roles without being an administrator can't grant what they lack", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const managers = await createRole(admin, { name: "Managers", permissions: ["users-roles.view", "users-roles.manage"] }, kdb);
    const manager = actorFor(insertUser("mo@example.com", managers.id), false, ["users-roles.view", "users-roles.manage"]);
    expect((await expectRefusal(() => createRole(manager, { name: "Wide", permissions: ["api-credentials.manage", "api-credentials.view"] }, kdb))).status).toBe(403);
    expect((await createRole(manager, { name: "Narrow", permissions: ["users-roles.view"] }, kdb)).id).toBeGreaterThan(0);
  });

  it("nor give anyone a role holding what they lack: not a new user, not an existing one, not their second account", async () => {
    const admin = actorFor(insertUser("ada@example.com", adminRoleId), true);
    const managers = await createRole(admin, { name: "Managers", permissions: ["users-roles.view", "users-roles.manage"] }, kdb);
    const wide = await createRole(admin, { name: "Wide", permissions: ["api-credentials.manage", "users-roles.manage"] }, kdb);
    const narrow = await createRole(admin, { name: "Narrow", permissions: ["users-roles.view"] }, kdb);
    const manager = actorFor(insertUser("mo@example.com", managers.id), false, ["users-roles.view", "users-roles.manage"]);
    const second = insertUser("mo.second@example.com", narrow.id);
    const before = eventCount();

    const created = await expectRefusal(() => createUser(manager, { email: "new@example.com", name: "New", roleId: wide.id, deviceGroupIds: [], passwordHash: "h" }, kdb));
    expect(created.status).toBe(403);
    expect(created.fieldErrors).toEqual({ roleId: ["You can't give the role “Wide”: it has permissions your own role doesn't have."] });
    expect((await expectRefusal(() => changeUserRole(manager, second, wide.id, kdb))).status).toBe(403);
    expect(db.select().from(user).where(eq(user.id, second)).get()!.roleId).toBe(narrow.id);
    expect(db.select().from(user).where(eq(user.email, "new@example.com")).get()).toBeUndefined();
    expect(eventCount()).toBe(before);

    // The Role picker offers only what the manager may give.
    expect((await listRoleOptions(manager, kdb)).map((r) => r.name)).toEqual(["Managers", "Narrow"]);
    expect((await listRoleOptions(admin, kdb)).map((r) => r.name)).toEqual(["System Administrator", "Managers", "Narrow", "Wide"]);

    expect(await changeUserRole(manager, second, managers.id, kdb)).toEqual({ changed: true });
    expect((await createUser(manager, { email: "ok@example.com", name: "Ok", roleId: narrow.id, deviceGroupIds: [], passwordHash: "h" }, kdb)).id).toBeTruthy();
  });
});
