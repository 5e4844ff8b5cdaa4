import { hasPermission, type Actor } from "./actor";
import type { Permission } from "./permissions";

/**
 * The console's top-level pages in navigation order, and who may open each. The navigation shows
 * the ones a person may open, and their start page (after sign-in, the logo, "home" links on
 * 403 and 404 pages) is the first of them, so nobody lands on a page that refuses them.
 */
export const CONSOLE_PAGES = [
  { href: "/api-management", permission: "api-credentials.view" },
  { href: "/rotations", permission: "systemAdministrator" },
  { href: "/events", permission: "event-history.view" },
  { href: "/users", permission: "users-roles.manage" },
  { href: "/roles", permission: "users-roles.manage" },
  { href: "/outbox", permission: "systemAdministrator" },
  { href: "/docs/api", permission: null },
] as const satisfies readonly { href: string; permission: Permission | "systemAdministrator" | null }[];

export type ConsolePage = (typeof CONSOLE_PAGES)[number]["href"];

type Viewer = Pick<Actor, "permissions" | "isSystemAdmin">;

export function mayOpenPage(viewer: Viewer, href: ConsolePage): boolean {
  const page = CONSOLE_PAGES.find((p) => p.href === href)!;
  if (page.permission === null) return true;
  if (page.permission === "systemAdministrator") return viewer.isSystemAdmin;
  return hasPermission(viewer, page.permission);
}

export function startPage(viewer: Viewer): ConsolePage {
  return CONSOLE_PAGES.find((p) => mayOpenPage(viewer, p.href))!.href;
}
