import "server-only";
import { and, asc, count, desc, eq, ne, sql } from "drizzle-orm";
import { getKeywardDb, type KeywardDb, type Queries } from "@/lib/db/database";
import { rolePermissions, roles, user } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/domain/errors";
import { mayAssignRole, mayGrant, type Actor } from "@/lib/domain/actor";
import { msg } from "@/lib/domain/message";
import { normalizePermissions, type Permission } from "@/lib/domain/permissions";
import { recordEvent, type EventActor } from "./record-event";

// Written out in full: drizzle would render the columns unqualified inside the subquery.
const userCountSql = sql<number>`(select count(*) from "user" as holder where holder.role_id = "roles"."id")`.mapWith(Number);

export interface RoleListItem {
  id: number;
  name: string;
  builtIn: boolean;
  userCount: number;
  permissions: Permission[];
}

export async function permissionsOf(db: Queries, roleId: number): Promise<Permission[]> {
  const rows = await db.q.select({ p: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  return normalizePermissions(rows.map((r) => r.p));
}

/** Every role (the built-in one first) with its permissions and how many users hold it. */
export async function listRoles(db: KeywardDb = getKeywardDb()): Promise<RoleListItem[]> {
  const rows = await db.q
    .select({ id: roles.id, name: roles.name, builtIn: roles.builtIn, userCount: userCountSql })
    .from(roles)
    .orderBy(desc(roles.builtIn), asc(sql`lower(${roles.name})`));
  const perms = await db.q.select({ roleId: rolePermissions.roleId, p: rolePermissions.permission }).from(rolePermissions);
  return rows.map((r) => ({
    ...r,
    permissions: normalizePermissions(perms.filter((p) => p.roleId === r.id).map((p) => p.p)),
  }));
}

/** Roles for a "Role" select: those the actor may give to a user, the built-in one first. */
export async function listRoleOptions(actor: Actor, db: KeywardDb = getKeywardDb()): Promise<{ id: number; name: string; builtIn: boolean }[]> {
  return (await listRoles(db))
    .filter((r) => mayAssignRole(actor, r))
    .map(({ id, name, builtIn }) => ({ id, name, builtIn }));
}

export async function getRoleById(roleId: number, db: KeywardDb = getKeywardDb()): Promise<RoleListItem | null> {
  const [row] = await db.q
    .select({ id: roles.id, name: roles.name, builtIn: roles.builtIn, userCount: userCountSql })
    .from(roles)
    .where(eq(roles.id, roleId))
    .limit(1);
  return row ? { ...row, permissions: await permissionsOf(db, row.id) } : null;
}

function eventActor(actor: Actor): EventActor {
  return { type: "user", id: actor.id, label: actor.email };
}

async function assertNameFree(tx: Queries, name: string, exceptId?: number): Promise<void> {
  const clash = await tx.q
    .select({ id: roles.id })
    .from(roles)
    .where(and(sql`lower(${roles.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(roles.id, exceptId)))
    .limit(1);
  if (clash.length) {
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

async function loadCustomRole(tx: Queries, roleId: number, change: keyof typeof BUILT_IN_REFUSAL) {
  const [role] = await tx.q.select().from(roles).where(eq(roles.id, roleId)).limit(1);
  if (!role) throw new NotFoundError(msg("userRules.roleGone"));
  if (role.builtIn) throw new ForbiddenError(msg(BUILT_IN_REFUSAL[change]));
  return role;
}

export async function createRole(actor: Actor, v: { name: string; permissions: Permission[] }, db: KeywardDb = getKeywardDb()): Promise<{ id: number }> {
  assertCanGrant(actor, v.permissions);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, v.name);
    const [{ id }] = await tx.q.insert(roles).values({ name: v.name }).returning({ id: roles.id });
    await tx.q.insert(rolePermissions).values(v.permissions.map((permission) => ({ roleId: id, permission })));
    await recordEvent(tx, {
      actor: eventActor(actor),
      action: "role.created",
      target: { type: "role", id: String(id), label: v.name },
      sourceIp: actor.ip,
      details: { permissions: v.permissions },
    });
    return { id };
  });
}

/** Renames a custom role and replaces its permissions; its users feel it on their next request. */
export async function updateRole(actor: Actor, v: { roleId: number; name: string; permissions: Permission[] }, db: KeywardDb = getKeywardDb()): Promise<void> {
  assertCanGrant(actor, v.permissions);
  await db.transaction(async (tx) => {
    const role = await loadCustomRole(tx, v.roleId, "change");
    await assertNameFree(tx, v.name, role.id);
    const before = await permissionsOf(tx, role.id);
    await tx.q.update(roles).set({ name: v.name }).where(eq(roles.id, role.id));
    await tx.q.delete(rolePermissions).where(eq(rolePermissions.roleId, role.id));
    await tx.q.insert(rolePermissions).values(v.permissions.map((permission) => ({ roleId: role.id, permission })));
    const details: Record<string, unknown> = {
      added: v.permissions.filter((p) => !before.includes(p)),
      removed: before.filter((p) => !v.permissions.includes(p)),
    };
    if (role.name !== v.name) Object.assign(details, { oldName: role.name, newName: v.name });
    await recordEvent(tx, {
      actor: eventActor(actor),
      action: "role.updated",
      target: { type: "role", id: String(role.id), label: v.name },
      sourceIp: actor.ip,
      details,
    });
  });
}

/** Deletes a custom role that nobody holds (user.role_id is ON DELETE RESTRICT as well). */
export async function deleteRole(actor: Actor, roleId: number, db: KeywardDb = getKeywardDb()): Promise<void> {
  await db.transaction(async (tx) => {
    const role = await loadCustomRole(tx, roleId, "delete");
    const [{ n: holders }] = await tx.q.select({ n: count() }).from(user).where(eq(user.roleId, role.id));
    if (holders > 0) {
      throw new ConflictError(msg("userRules.roleInUse", { name: role.name, count: holders }));
    }
    const permissions = await permissionsOf(tx, role.id);
    await tx.q.delete(roles).where(eq(roles.id, role.id));
    await recordEvent(tx, {
      actor: eventActor(actor),
      action: "role.deleted",
      target: { type: "role", id: String(role.id), label: role.name },
      sourceIp: actor.ip,
      details: { permissions },
    });
  });
}
