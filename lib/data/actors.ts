import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { deviceGroups, rolePermissions, userDeviceGroups } from "@/lib/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { normalizePermissions } from "@/lib/domain/permissions";
import { selectUserWithRole } from "./users";

/** Loads a user with their role's permissions and device groups; null when missing or suspended. */
export function loadActor(userId: string, ip: string | null = null, db: Db = getDb()): Actor | null {
  const row = selectUserWithRole(db, userId);
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
    language: row.language ?? null,
  };
}
