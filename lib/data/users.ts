import "server-only";
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "@/lib/db/client";
import { account, apiTokens, deviceGroups, roles, session, user, userDeviceGroups } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/domain/errors";
import { mayAssignRole, type Actor, type ConsoleUser } from "@/lib/domain/actor";
import { msg } from "@/lib/domain/message";
import { clock } from "@/lib/domain/clock";
import type { Locale } from "@/lib/domain/locale";
import { settleCampaignTokensSync } from "./campaign-tokens";
import { recordEventSync, type EventActor } from "./record-event";
import { permissionsOf } from "./roles";

export function countUsers(): number {
  return getDb().select({ n: sql<number>`count(*)` }).from(user).get()!.n;
}

export class SetupClosedError extends Error {}
export class EmailTakenError extends Error {}

/** Inserts a user and their password credential. Runs inside the caller's transaction. */
export function insertUserWithPassword(
  tx: Db,
  v: { name: string; email: string; passwordHash: string; roleId: number },
): string {
  if (tx.select({ id: user.id }).from(user).where(eq(user.email, v.email)).get()) throw new EmailTakenError();
  const id = crypto.randomUUID();
  const now = new Date();
  tx.insert(user).values({ id, name: v.name, email: v.email, roleId: v.roleId, createdAt: now, updatedAt: now }).run();
  tx.insert(account)
    .values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: v.passwordHash, createdAt: now, updatedAt: now })
    .run();
  return id;
}

/**
 * Creates the first System Administrator. The "no user yet" check and the insert share one
 * IMMEDIATE transaction, so two racing Set up submissions can't both succeed.
 */
export async function createFirstAdministrator(v: { name: string; email: string; password: string }, ip: string | null): Promise<string> {
  const passwordHash = await hashPassword(v.password);
  return writeTransaction((tx) => {
    const n = tx.select({ n: sql<number>`count(*)` }).from(user).get()!.n;
    if (n > 0) throw new SetupClosedError();
    const adminRole = tx.select({ id: roles.id }).from(roles).where(eq(roles.builtIn, true)).get();
    if (!adminRole) throw new Error("The System Administrator role is missing; the database was not seeded.");
    const id = insertUserWithPassword(tx, { ...v, passwordHash, roleId: adminRole.id });
    const actor: EventActor = { type: "user", id, label: v.email };
    recordEventSync(tx, {
      actor,
      action: "user.created",
      target: { type: "user", id, label: v.email },
      sourceIp: ip,
      details: { role: "System Administrator", via: "setup" },
    });
    return id;
  });
}

// ---- Users page: list and administration (each change and its event in one transaction) ----

export interface UserListItem extends ConsoleUser {
  deviceGroups: string[];
  status: "active" | "suspended";
  lastSignInAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export const USERS_PAGE_SIZE = 25;

/** One page of console users, ordered by name, with their role and device groups. */
export function listUsers({ page, q = "", pageSize = USERS_PAGE_SIZE, db = getDb() }: { page: number; q?: string; pageSize?: number; db?: Db }): Page<UserListItem> {
  // A case-insensitive substring of the name or email; LIKE wildcards in q match literally.
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = q ? sql`(lower(${user.name}) like ${pattern} escape '\\' or lower(${user.email}) like ${pattern} escape '\\')` : undefined;
  const total = db.select({ n: sql<number>`count(*)` }).from(user).where(where).get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const rows = db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      roleId: user.roleId,
      roleName: roles.name,
      builtIn: roles.builtIn,
      status: user.status,
      lastSignInAt: user.lastSignInAt,
      createdAt: user.createdAt,
    })
    .from(user)
    .leftJoin(roles, eq(roles.id, user.roleId))
    .where(where)
    .orderBy(sql`lower(${user.name})`, user.email)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const groups = rows.length
    ? db
        .select({ userId: userDeviceGroups.userId, name: deviceGroups.name })
        .from(userDeviceGroups)
        .innerJoin(deviceGroups, eq(deviceGroups.id, userDeviceGroups.deviceGroupId))
        .where(inArray(userDeviceGroups.userId, rows.map((r) => r.id)))
        .orderBy(deviceGroups.name)
        .all()
    : [];
  return {
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      roleId: r.roleId,
      roleName: r.roleName,
      isSystemAdmin: Boolean(r.builtIn),
      deviceGroups: groups.filter((g) => g.userId === r.id).map((g) => g.name),
      status: r.status,
      lastSignInAt: r.lastSignInAt ? r.lastSignInAt.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    })),
    total,
    page,
    pageSize,
    pageCount,
  };
}

export function listDeviceGroups(): { id: number; name: string }[] {
  return getDb().select({ id: deviceGroups.id, name: deviceGroups.name }).from(deviceGroups).orderBy(deviceGroups.name).all();
}

function eventActor(actor: Actor): EventActor {
  return { type: "user", id: actor.id, label: actor.email };
}

/** A user with their status and role, as the actor and every user change read them. */
export function selectUserWithRole(db: Db, userId: string) {
  return db
    .select({ id: user.id, name: user.name, email: user.email, status: user.status, roleId: user.roleId, roleName: roles.name, builtIn: roles.builtIn, language: user.language })
    .from(user)
    .leftJoin(roles, eq(roles.id, user.roleId))
    .where(eq(user.id, userId))
    .get();
}

type TargetRow = NonNullable<ReturnType<typeof selectUserWithRole>>;

function loadTarget(tx: Db, userId: string): TargetRow {
  const row = selectUserWithRole(tx, userId);
  if (!row) throw new NotFoundError(msg("userRules.userGone"));
  return row;
}

function activeAdministratorCount(tx: Db): number {
  return tx
    .select({ n: sql<number>`count(*)` })
    .from(user)
    .innerJoin(roles, eq(roles.id, user.roleId))
    .where(and(eq(roles.builtIn, true), eq(user.status, "active")))
    .get()!.n;
}

// One whole sentence per change: the verb can't be slotted into a translated sentence.
const LAST_ADMINISTRATOR = { suspend: "userRules.lastAdminSuspend", delete: "userRules.lastAdminDelete", demote: "userRules.lastAdminDemote" } as const;

/** Refuses a change that would leave no active System Administrator to run the console. */
function assertNotLastAdministrator(tx: Db, target: TargetRow, change: keyof typeof LAST_ADMINISTRATOR): void {
  if (target.builtIn && target.status === "active" && activeAdministratorCount(tx) <= 1) {
    throw new ConflictError(msg(LAST_ADMINISTRATOR[change]));
  }
}

/** Only a System Administrator may hand out, or take away, the System Administrator role. */
function assertMayTouchAdministrator(actor: Actor, target: { builtIn: boolean | null }): void {
  if (target.builtIn && !actor.isSystemAdmin) {
    throw new ForbiddenError(msg("userRules.onlyAdminChangesAdmin"));
  }
}

/** The role to give a user; refused when it is gone or holds what the actor may not grant. */
function loadAssignableRole(tx: Db, actor: Actor, roleId: number): { id: number; name: string; builtIn: boolean } {
  const role = tx.select({ id: roles.id, name: roles.name, builtIn: roles.builtIn }).from(roles).where(eq(roles.id, roleId)).get();
  if (!role) throw new ValidationError(msg("userRules.roleGoneChooseAnother"), { roleId: [msg("userRules.roleGoneChooseAnother")] });
  assertMayTouchAdministrator(actor, role);
  if (!mayAssignRole(actor, { builtIn: role.builtIn, permissions: permissionsOf(tx, role.id) })) {
    const message = msg("userRules.roleBeyondYours", { role: role.name });
    throw new ForbiddenError(message, { roleId: [message] });
  }
  return role;
}

/** Creates a console user. The password is hashed by the caller, outside the transaction. */
export function createUser(
  actor: Actor,
  v: { email: string; name: string; roleId: number; deviceGroupIds: number[]; passwordHash: string },
  db: Db = getDb(),
): { id: string } {
  return writeTransaction((tx) => {
    const role = loadAssignableRole(tx, actor, v.roleId);
    const groups = v.deviceGroupIds.length
      ? tx.select({ id: deviceGroups.id, name: deviceGroups.name }).from(deviceGroups).where(inArray(deviceGroups.id, v.deviceGroupIds)).all()
      : [];
    if (groups.length !== v.deviceGroupIds.length) {
      throw new ValidationError(msg("userRules.deviceGroupGone"), { deviceGroupIds: [msg("userRules.deviceGroupGoneField")] });
    }
    let id: string;
    try {
      id = insertUserWithPassword(tx, { name: v.name, email: v.email, passwordHash: v.passwordHash, roleId: role.id });
    } catch (err) {
      if (err instanceof EmailTakenError) {
        const message = msg("userRules.emailExists");
        throw new ConflictError(message, { email: [message] });
      }
      throw err;
    }
    if (groups.length) tx.insert(userDeviceGroups).values(groups.map((g) => ({ userId: id, deviceGroupId: g.id }))).run();
    recordEventSync(tx, {
      actor: eventActor(actor),
      action: "user.created",
      target: { type: "user", id, label: v.email },
      sourceIp: actor.ip,
      details: { name: v.name, role: role.name, deviceGroups: groups.map((g) => g.name).sort() },
    });
    return { id };
  }, db);
}

/** Suspends a user and ends every session they have, in the same transaction. */
export function suspendUser(actor: Actor, userId: string, db: Db = getDb()): { sessionsEnded: number } {
  return writeTransaction((tx) => {
    const target = loadTarget(tx, userId);
    if (target.id === actor.id) throw new ConflictError(msg("userRules.cannotSuspendSelf"));
    if (target.status === "suspended") throw new ConflictError(msg("userRules.alreadySuspended", { name: target.name }));
    // The last-administrator rule is checked first: it is the reason that matters most.
    assertNotLastAdministrator(tx, target, "suspend");
    assertMayTouchAdministrator(actor, target);
    tx.update(user).set({ status: "suspended", updatedAt: new Date() }).where(eq(user.id, userId)).run();
    const sessionsEnded = tx.delete(session).where(eq(session.userId, userId)).run().changes;
    recordEventSync(tx, {
      actor: eventActor(actor),
      action: "user.suspended",
      target: { type: "user", id: userId, label: target.email },
      sourceIp: actor.ip,
      details: { sessionsEnded },
    });
    return { sessionsEnded };
  }, db);
}

export function reactivateUser(actor: Actor, userId: string, db: Db = getDb()): void {
  writeTransaction((tx) => {
    const target = loadTarget(tx, userId);
    if (target.status === "active") throw new ConflictError(msg("userRules.alreadyActive", { name: target.name }));
    assertMayTouchAdministrator(actor, target);
    tx.update(user).set({ status: "active", updatedAt: new Date() }).where(eq(user.id, userId)).run();
    recordEventSync(tx, {
      actor: eventActor(actor),
      action: "user.reactivated",
      target: { type: "user", id: userId, label: target.email },
      sourceIp: actor.ip,
    });
  }, db);
}

/** Deletes a user; their sessions, credentials and tokens go with them (FK cascade), events stay. */
export function deleteUser(actor: Actor, userId: string, db: Db = getDb()): { tokensDeleted: number } {
  return writeTransaction((tx) => {
    const target = loadTarget(tx, userId);
    if (target.id === actor.id) throw new ConflictError(msg("userRules.cannotDeleteSelf"));
    assertNotLastAdministrator(tx, target, "delete");
    assertMayTouchAdministrator(actor, target);
    const tokensDeleted = tx.select({ n: sql<number>`count(*)` }).from(apiTokens).where(eq(apiTokens.creatorId, userId)).get()!.n;
    tx.delete(user).where(eq(user.id, userId)).run();
    settleCampaignTokensSync(tx, { ownerId: userId }, "ended", clock.now());
    recordEventSync(tx, {
      actor: eventActor(actor),
      action: "user.deleted",
      target: { type: "user", id: userId, label: target.email },
      sourceIp: actor.ip,
      details: { name: target.name, role: target.roleName, tokensDeleted },
    });
    return { tokensDeleted };
  }, db);
}

/** Moves a user to another role; their tokens narrow at once (the commit refreshes the API token state, lib/api/token-state.ts). */
export function changeUserRole(actor: Actor, userId: string, roleId: number, db: Db = getDb()): { changed: boolean } {
  return writeTransaction((tx) => {
    const target = loadTarget(tx, userId);
    const role = loadAssignableRole(tx, actor, roleId);
    if (target.roleId === role.id) return { changed: false };
    if (target.id === actor.id) throw new ConflictError(msg("userRules.cannotChangeOwnRole"));
    if (!role.builtIn) assertNotLastAdministrator(tx, target, "demote");
    assertMayTouchAdministrator(actor, target);
    tx.update(user).set({ roleId: role.id, updatedAt: new Date() }).where(eq(user.id, userId)).run();
    recordEventSync(tx, {
      actor: eventActor(actor),
      action: "user.updated",
      target: { type: "user", id: userId, label: target.email },
      sourceIp: actor.ip,
      details: { oldRole: target.roleName, newRole: role.name },
    });
    return { changed: true };
  }, db);
}

/** Saves the console language a user chose (Language in the user menu); null follows the browser again. */
export function setUserLanguage(userId: string, language: Locale | null, db: Db = getDb()): void {
  writeTransaction((tx) => {
    tx.update(user).set({ language }).where(eq(user.id, userId)).run();
  }, db);
}
