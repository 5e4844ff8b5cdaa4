import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { deviceGroups, rolePermissions, roles, user, userDeviceGroups } from "@/lib/db/schema";
import { normalizePermissions, type Permission } from "@/lib/domain/permissions";
import { CLIENT_IP_HEADER } from "@/lib/net/client-ip";
import { getAuth } from "./auth";

export interface Actor {
  id: string;
  name: string;
  email: string;
  roleId: number | null;
  roleName: string | null;
  isSystemAdmin: boolean;
  permissions: Permission[];
  deviceGroups: { id: number; name: string }[];
  ip: string | null;
}

export const SYSTEM_ADMINISTRATOR = "System Administrator";

/** Loads a user with their role's permissions and device groups; null when missing or suspended. */
export function loadActor(userId: string, ip: string | null = null): Actor | null {
  const db = getDb();
  const row = db
    .select({ id: user.id, name: user.name, email: user.email, status: user.status, roleId: user.roleId, roleName: roles.name, builtIn: roles.builtIn })
    .from(user)
    .leftJoin(roles, eq(roles.id, user.roleId))
    .where(eq(user.id, userId))
    .get();
  if (!row || row.status !== "active") return null;
  const perms = row.roleId
    ? db.select({ p: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, row.roleId)).all().map((r) => r.p)
    : [];
  const groups = db
    .select({ id: deviceGroups.id, name: deviceGroups.name })
    .from(userDeviceGroups)
    .innerJoin(deviceGroups, eq(deviceGroups.id, userDeviceGroups.deviceGroupId))
    .where(eq(userDeviceGroups.userId, userId))
    .orderBy(deviceGroups.name)
    .all();
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roleId: row.roleId,
    roleName: row.roleName,
    isSystemAdmin: Boolean(row.builtIn),
    permissions: normalizePermissions(perms),
    deviceGroups: groups,
    ip,
  };
}

/** The signed-in, active console user for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const h = await headers();
  const session = await getAuth().api.getSession({ headers: h });
  if (!session) return null;
  return loadActor(session.user.id, h.get(CLIENT_IP_HEADER));
});

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}
