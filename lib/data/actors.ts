import "server-only";
import { eq } from "drizzle-orm";
import { getKeywardDb, type KeywardDb } from "@/lib/db/database";
import { deviceGroups, rolePermissions, userDeviceGroups } from "@/lib/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { normalizePermissions } from "@/lib/domain/permissions";
import { selectUserWithRole } from "./users";

/** Loads a user with their role's permissions and device groups; null when missing or suspended. */
export async function loadActor(userId: string, ip: string | null = null, db: KeywardDb = getKeywardDb()): Promise<Actor | null> {
  const row = await selectUserWithRole(db, userId);
  if (!row || row.status !== "active") return null;
  const perms = row.roleId
    ? (await db.q.select({ p: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, row.roleId))).map((r) => r.p)
    : [];
  const groups = await db.q
    .select({ id: deviceGroups.id, name: deviceGroups.name })
    .from(userDeviceGroups)
    .innerJoin(deviceGroups, eq(deviceGroups.id, userDeviceGroups.deviceGroupId))
    .where(eq(userDeviceGroups.userId, userId))
    .orderBy(deviceGroups.name);
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
