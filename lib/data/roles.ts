import "server-only";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "@/lib/db/client";
import { rolePermissions, roles, user } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/domain/errors";
import { mayAssignRole, mayGrant, type Actor } from "@/lib/domain/actor";
import { msg } from "@/lib/domain/message";
import { normalizePermissions, type Permission } from "@/lib/domain/permissions";
import { recordEventSync, type EventActor } from "./record-event";

// Written out in full: drizzle would render the columns unqualified inside the subquery.
const userCountSql = sql<number>`(select count(*) from "user" as holder where holder.role_id = "roles"."id")`;

export interface RoleListItem {
  id: number;
  name: string;
  builtIn: boolean;
  userCount: number;
  permissions: Permission[];
}

export function permissionsOf(db: Db, roleId: number): Permission[] {
  return normalizePermissions(
    db.select({ p: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, roleId)).all().map((r) => r.p),
  );
}

/** Every role (the built-in one first) with its permissions and how many users hold it. */
export function listRoles(db: Db = getDb()): RoleListItem[] {
  const rows = db
    .select({ id: roles.id, name: roles.name, builtIn: roles.builtIn, userCount: userCountSql })
    .from(roles)
    .orderBy(desc(roles.builtIn), asc(sql`lower(${roles.name})`))
    .all();
  const perms = db.select({ roleId: rolePermissions.roleId, p: rolePermissions.permission }).from(rolePermissions).all();
  return rows.map((r) => ({
    ...r,
    permissions: normalizePermissions(perms.filter((p) => p.roleId === r.id).map((p) => p.p)),
  }));
}

/** Roles for a "Role" select: those the actor may give to a user, the built-in one first. */
export function listRoleOptions(actor: Actor, db: Db = getDb()): { id: number; name: string; builtIn: boolean }[] {
  return listRoles(db)
    .filter((r) => mayAssignRole(actor, r))
    .map(({ id, name, builtIn }) => ({ id, name, builtIn }));
}

export function getRoleById(roleId: number, db: Db = getDb()): RoleListItem | null {
  const row = db
    .select({ id: roles.id, name: roles.name, builtIn: roles.builtIn, userCount: userCountSql })
    .from(roles)
    .where(eq(roles.id, roleId))
    .get();
  return row ? { ...row, permissions: permissionsOf(db, row.id) } : null;
}

function eventActor(actor: Actor): EventActor {
  return { type: "user", id: actor.id, label: actor.email };
}

function assertNameFree(tx: Db, name: string, exceptId?: number): void {
  const clash = tx
    .select({ id: roles.id })
    .from(roles)
    .where(and(sql`lower(${roles.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(roles.id, exceptId)))
    .get();
  if (clash) {
    const message = msg("userRules.roleNameTaken", { name });
    throw new ConflictError(message, { name: [message] });
  }
}

/** A user who manages roles without being a System Administrator can't grant more than they hold. */
function assertCanGrant(actor: Actor, permissions: Permission[]): void {
  if (!mayGrant(actor, permissions)) {
    throw new ForbiddenError(msg("userRules.cannotGrantBeyondRole"));
  }
}

// One whole sentence per change, as translations need.
const BUILT_IN_REFUSAL = { change: "userRules.builtInRoleCannotBeChanged", delete: "userRules.builtInRoleCannotBeDeleted" } as const;

function loadCustomRole(tx: Db, roleId: number, change: keyof typeof BUILT_IN_REFUSAL) {
  const role = tx.select().from(roles).where(eq(roles.id, roleId)).get();
  if (!role) throw new NotFoundError(msg("userRules.roleGone"));
  if (role.builtIn) throw new ForbiddenError(msg(BUILT_IN_REFUSAL[change]));
  return role;
}

export function createRole(actor: Actor, v: { name: string; permissions: Permission[] }, db: Db = getDb()): { id: number } {
  assertCanGrant(actor, v.permissions);
  return writeTransaction((tx) => {
    assertNameFree(tx, v.name);
    const { id } = tx.insert(roles).values({ name: v.name }).returning({ id: roles.id }).get();
    tx.insert(rolePermissions).values(v.permissions.map((permission) => ({ roleId: id, permission }))).run();
    recordEventSync(tx, {
      actor: eventActor(actor),
      action: "role.created",
      target: { type: "role", id: String(id), label: v.name },
      sourceIp: actor.ip,
      details: { permissions: v.permissions },
    });
    return { id };
  }, db);
}

/** Renames a custom role and replaces its permissions; its users feel it on their next request. */
export function updateRole(actor: Actor, v: { roleId: number; name: string; permissions: Permission[] }, db: Db = getDb()): void {
  assertCanGrant(actor, v.permissions);
  writeTransaction((tx) => {
    const role = loadCustomRole(tx, v.roleId, "change");
    assertNameFree(tx, v.name, role.id);
    const before = permissionsOf(tx, role.id);
    tx.update(roles).set({ name: v.name }).where(eq(roles.id, role.id)).run();
    tx.delete(rolePermissions).where(eq(rolePermissions.roleId, role.id)).run();
    tx.insert(rolePermissions).values(v.permissions.map((permission) => ({ roleId: role.id, permission }))).run();
    const details: Record<string, unknown> = {
      added: v.permissions.filter((p) => !before.includes(p)),
      removed: before.filter((p) => !v.permissions.includes(p)),
    };
    if (role.name !== v.name) Object.assign(details, { oldName: role.name, newName: v.name });
    recordEventSync(tx, {
      actor: eventActor(actor),
      action: "role.updated",
      target: { type: "role", id: String(role.id), label: v.name },
      sourceIp: actor.ip,
      details,
    });
  }, db);
}

/** Deletes a custom role that nobody holds (user.role_id is ON DELETE RESTRICT as well). */
export function deleteRole(actor: Actor, roleId: number, db: Db = getDb()): void {
  writeTransaction((tx) => {
    const role = loadCustomRole(tx, roleId, "delete");
    const holders = tx.select({ n: sql<number>`count(*)` }).from(user).where(eq(user.roleId, role.id)).get()!.n;
    if (holders > 0) {
      throw new ConflictError(msg("userRules.roleInUse", { name: role.name, count: holders }));
    }
    const permissions = permissionsOf(tx, role.id);
    tx.delete(roles).where(eq(roles.id, role.id)).run();
    recordEventSync(tx, {
      actor: eventActor(actor),
      action: "role.deleted",
      target: { type: "role", id: String(role.id), label: role.name },
      sourceIp: actor.ip,
      details: { permissions },
    });
  }, db);
}
