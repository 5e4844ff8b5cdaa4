import "server-only";
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { getKeywardDb, type KeywardDb, type Queries } from "@/lib/db/database";
import { account, apiTokens, deviceGroups, roles, session, user, userDeviceGroups } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/domain/errors";
import { mayAssignRole, type Actor, type ConsoleUser } from "@/lib/domain/actor";
import { msg } from "@/lib/domain/message";
import { clock } from "@/lib/domain/clock";
import type { Locale } from "@/lib/domain/locale";
import { settleCampaignTokens } from "./campaign-tokens";
import { recordEvent, type EventActor } from "./record-event";
import { permissionsOf } from "./roles";

export async function countUsers(db: KeywardDb = getKeywardDb()): Promise<number> {
  return (await db.q.select({ n: count() }).from(user))[0].n;
}

export class SetupClosedError extends Error {}
export class EmailTakenError extends Error {}

/** Inserts a user and their password credential. Runs inside the caller's transaction. */
export async function insertUserWithPassword(
  tx: Queries,
  v: { name: string; email: string; passwordHash: string; roleId: number },
): Promise<string> {
  if ((await tx.q.select({ id: user.id }).from(user).where(eq(user.email, v.email)).limit(1)).length) throw new EmailTakenError();
  const id = crypto.randomUUID();
  const now = new Date();
  await tx.q.insert(user).values({ id, name: v.name, email: v.email, roleId: v.roleId, createdAt: now, updatedAt: now });
  await tx.q
    .insert(account)
    .values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: v.passwordHash, createdAt: now, updatedAt: now });
  return id;
}

/**
 * Creates the first System Administrator. The "no user yet" check and the insert share one
 * IMMEDIATE transaction, so two racing Set up submissions can't both succeed.
 */
export async function createFirstAdministrator(
  v: { name: string; email: string; password: string },
  ip: string | null,
  db: KeywardDb = getKeywardDb(),
): Promise<string> {
  const passwordHash = await hashPassword(v.password);
  return db.transaction(async (tx) => {
    const n = (await tx.q.select({ n: count() }).from(user))[0].n;
    if (n > 0) throw new SetupClosedError();
    const adminRole = (await tx.q.select({ id: roles.id }).from(roles).where(eq(roles.builtIn, true)).limit(1))[0];
    if (!adminRole) throw new Error("The System Administrator role is missing; the database was not seeded.");
    const id = await insertUserWithPassword(tx, { ...v, passwordHash, roleId: adminRole.id });
    const actor: EventActor = { type: "user", id, label: v.email };
    await recordEvent(tx, {
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
export async function listUsers({
  page,
  q = "",
  pageSize = USERS_PAGE_SIZE,
  db = getKeywardDb(),
}: {
  page: number;
  q?: string;
  pageSize?: number;
  db?: KeywardDb;
}): Promise<Page<UserListItem>> {
  // A case-insensitive substring of the name or email; LIKE wildcards in q match literally.
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = q ? sql`(lower(${user.name}) like ${pattern} escape '\\' or lower(${user.email}) like ${pattern} escape '\\')` : undefined;
  const total = (await db.q.select({ n: count() }).from(user).where(where))[0].n;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const rows = await db.q
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
    .offset((page - 1) * pageSize);
  const groups = rows.length
    ? await db.q
        .select({ userId: userDeviceGroups.userId, name: deviceGroups.name })
        .from(userDeviceGroups)
        .innerJoin(deviceGroups, eq(deviceGroups.id, userDeviceGroups.deviceGroupId))
        .where(inArray(userDeviceGroups.userId, rows.map((r) => r.id)))
        .orderBy(deviceGroups.name)
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

export async function listDeviceGroups(db: KeywardDb = getKeywardDb()): Promise<{ id: number; name: string }[]> {
  return db.q.select({ id: deviceGroups.id, name: deviceGroups.name }).from(deviceGroups).orderBy(deviceGroups.name);
}

function eventActor(actor: Actor): EventActor {
  return { type: "user", id: actor.id, label: actor.email };
}

/** A user with their status and role, as the actor and every user change read them. */
export async function selectUserWithRole(db: Queries, userId: string) {
  const rows = await db.q
    .select({ id: user.id, name: user.name, email: user.email, status: user.status, roleId: user.roleId, roleName: roles.name, builtIn: roles.builtIn, language: user.language })
    .from(user)
    .leftJoin(roles, eq(roles.id, user.roleId))
    .where(eq(user.id, userId))
    .limit(1);
  return rows[0];
}

type TargetRow = NonNullable<Awaited<ReturnType<typeof selectUserWithRole>>>;

async function loadTarget(tx: Queries, userId: string): Promise<TargetRow> {
  const row = await selectUserWithRole(tx, userId);
  if (!row) throw new NotFoundError(msg("userRules.userGone"));
  return row;
}

async function activeAdministratorCount(tx: Queries): Promise<number> {
  const rows = await tx.q
    .select({ n: count() })
    .from(user)
    .innerJoin(roles, eq(roles.id, user.roleId))
    .where(and(eq(roles.builtIn, true), eq(user.status, "active")));
  return rows[0].n;
}

// One whole sentence per change: the verb can't be slotted into a translated sentence.
const LAST_ADMINISTRATOR = { suspend: "userRules.lastAdminSuspend", delete: "userRules.lastAdminDelete", demote: "userRules.lastAdminDemote" } as const;

/** Refuses a change that would leave no active System Administrator to run the console. */
async function assertNotLastAdministrator(tx: Queries, target: TargetRow, change: keyof typeof LAST_ADMINISTRATOR): Promise<void> {
  if (target.builtIn && target.status === "active" && (await activeAdministratorCount(tx)) <= 1) {
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
async function loadAssignableRole(tx: Queries, actor: Actor, roleId: number): Promise<{ id: number; name: string; builtIn: boolean }> {
  const role = (await tx.q.select({ id: roles.id, name: roles.name, builtIn: roles.builtIn }).from(roles).where(eq(roles.id, roleId)).limit(1))[0];
  if (!role) throw new ValidationError(msg("userRules.roleGoneChooseAnother"), { roleId: [msg("userRules.roleGoneChooseAnother")] });
  assertMayTouchAdministrator(actor, role);
  if (!mayAssignRole(actor, { builtIn: role.builtIn, permissions: await permissionsOf(tx, role.id) })) {
    const message = msg("userRules.roleBeyondYours", { role: role.name });
    throw new ForbiddenError(message, { roleId: [message] });
  }
  return role;
}

/** Creates a console user. The password is hashed by the caller, outside the transaction. */
export async function createUser(
  actor: Actor,
  v: { email: string; name: string; roleId: number; deviceGroupIds: number[]; passwordHash: string },
  db: KeywardDb = getKeywardDb(),
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const role = await loadAssignableRole(tx, actor, v.roleId);
    const groups = v.deviceGroupIds.length
      ? await tx.q.select({ id: deviceGroups.id, name: deviceGroups.name }).from(deviceGroups).where(inArray(deviceGroups.id, v.deviceGroupIds))
      : [];
    if (groups.length !== v.deviceGroupIds.length) {
      throw new ValidationError(msg("userRules.deviceGroupGone"), { deviceGroupIds: [msg("userRules.deviceGroupGoneField")] });
    }
    let id: string;
    try {
      id = await insertUserWithPassword(tx, { name: v.name, email: v.email, passwordHash: v.passwordHash, roleId: role.id });
    } catch (err) {
      if (err instanceof EmailTakenError) {
        const message = msg("userRules.emailExists");
        throw new ConflictError(message, { email: [message] });
      }
      throw err;
    }
    if (groups.length) await tx.q.insert(userDeviceGroups).values(groups.map((g) => ({ userId: id, deviceGroupId: g.id })));
    await recordEvent(tx, {
      actor: eventActor(actor),
      action: "user.created",
      target: { type: "user", id, label: v.email },
      sourceIp: actor.ip,
      details: { name: v.name, role: role.name, deviceGroups: groups.map((g) => g.name).sort() },
    });
    return { id };
  });
}

/** Suspends a user and ends every session they have, in the same transaction. */
export async function suspendUser(actor: Actor, userId: string, db: KeywardDb = getKeywardDb()): Promise<{ sessionsEnded: number }> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, userId);
    if (target.id === actor.id) throw new ConflictError(msg("userRules.cannotSuspendSelf"));
    if (target.status === "suspended") throw new ConflictError(msg("userRules.alreadySuspended", { name: target.name }));
    // The last-administrator rule is checked first: it is the reason that matters most.
    await assertNotLastAdministrator(tx, target, "suspend");
    assertMayTouchAdministrator(actor, target);
    await tx.q.update(user).set({ status: "suspended", updatedAt: new Date() }).where(eq(user.id, userId));
    const sessionsEnded = (await tx.q.delete(session).where(eq(session.userId, userId)).returning({ id: session.id })).length;
    await recordEvent(tx, {
      actor: eventActor(actor),
      action: "user.suspended",
      target: { type: "user", id: userId, label: target.email },
      sourceIp: actor.ip,
      details: { sessionsEnded },
    });
    return { sessionsEnded };
  });
}

export async function reactivateUser(actor: Actor, userId: string, db: KeywardDb = getKeywardDb()): Promise<void> {
  await db.transaction(async (tx) => {
    const target = await loadTarget(tx, userId);
    if (target.status === "active") throw new ConflictError(msg("userRules.alreadyActive", { name: target.name }));
    assertMayTouchAdministrator(actor, target);
    await tx.q.update(user).set({ status: "active", updatedAt: new Date() }).where(eq(user.id, userId));
    await recordEvent(tx, {
      actor: eventActor(actor),
      action: "user.reactivated",
      target: { type: "user", id: userId, label: target.email },
      sourceIp: actor.ip,
    });
  });
}

/** Deletes a user; their sessions, credentials and tokens go with them (FK cascade), events stay. */
export async function deleteUser(actor: Actor, userId: string, db: KeywardDb = getKeywardDb()): Promise<{ tokensDeleted: number }> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, userId);
    if (target.id === actor.id) throw new ConflictError(msg("userRules.cannotDeleteSelf"));
    await assertNotLastAdministrator(tx, target, "delete");
    assertMayTouchAdministrator(actor, target);
    const tokensDeleted = (await tx.q.select({ n: count() }).from(apiTokens).where(eq(apiTokens.creatorId, userId)))[0].n;
    await tx.q.delete(user).where(eq(user.id, userId));
    await settleCampaignTokens(tx, { ownerId: userId }, "ended", clock.now());
    await recordEvent(tx, {
      actor: eventActor(actor),
      action: "user.deleted",
      target: { type: "user", id: userId, label: target.email },
      sourceIp: actor.ip,
      details: { name: target.name, role: target.roleName, tokensDeleted },
    });
    return { tokensDeleted };
  });
}

/** Moves a user to another role; their tokens narrow at once (the commit refreshes the API token state, lib/api/token-state.ts). */
export async function changeUserRole(actor: Actor, userId: string, roleId: number, db: KeywardDb = getKeywardDb()): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, userId);
    const role = await loadAssignableRole(tx, actor, roleId);
    if (target.roleId === role.id) return { changed: false };
    if (target.id === actor.id) throw new ConflictError(msg("userRules.cannotChangeOwnRole"));
    if (!role.builtIn) await assertNotLastAdministrator(tx, target, "demote");
    assertMayTouchAdministrator(actor, target);
    await tx.q.update(user).set({ roleId: role.id, updatedAt: new Date() }).where(eq(user.id, userId));
    await recordEvent(tx, {
      actor: eventActor(actor),
      action: "user.updated",
      target: { type: "user", id: userId, label: target.email },
      sourceIp: actor.ip,
      details: { oldRole: target.roleName, newRole: role.name },
    });
    return { changed: true };
  });
}

/** Saves the console language a user chose (Language in the user menu); null follows the browser again. */
export async function setUserLanguage(userId: string, language: Locale | null, db: KeywardDb = getKeywardDb()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.q.update(user).set({ language }).where(eq(user.id, userId));
  });
}
