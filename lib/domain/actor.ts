import type { Locale } from "./locale";
import { beyondRole, type Permission } from "./permissions";

/** A console user with their role, as the Users list and the actor both show them. */
export interface ConsoleUser {
  id: string;
  name: string;
  email: string;
  roleId: number | null;
  roleName: string | null;
  isSystemAdmin: boolean;
}

/** The signed-in console user a change is made by, as lib/data and the action wrapper see them. */
export interface Actor extends ConsoleUser {
  permissions: Permission[];
  deviceGroups: { id: number; name: string }[];
  ip: string | null;
  /** The saved console language; null follows the browser. */
  language: Locale | null;
}

export function hasPermission(actor: Pick<Actor, "permissions">, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}

/**
 * "Never grant what you don't hold", for editing a role and for giving one to a user alike: a
 * System Administrator may grant anything; anyone else only permissions their own role has.
 */
export function mayGrant(actor: Actor, permissions: Iterable<string>): boolean {
  return actor.isSystemAdmin || beyondRole(permissions, actor.permissions).length === 0;
}

/** Whether the actor may give a role to a user (themselves included, through another account). */
export function mayAssignRole(actor: Actor, role: { builtIn: boolean | null; permissions: Iterable<string> }): boolean {
  return role.builtIn ? actor.isSystemAdmin : mayGrant(actor, role.permissions);
}
