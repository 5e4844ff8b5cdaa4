import type { Permission } from "./permissions";

/** The signed-in console user a change is made by, as lib/data and the action wrapper see them. */
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

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}
