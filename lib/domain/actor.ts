import type { Locale } from "./locale";
import type { Permission } from "./permissions";

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

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}
