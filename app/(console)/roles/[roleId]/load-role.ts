import "server-only";
import { cache } from "react";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getRoleById } from "@/lib/data/roles";

/**
 * The role a page shows, or null for an unknown id. Cached per request: the layout asks for a
 * real 404 status, the page for content. It checks the actor itself: layouts may render before
 * the section's guard has, and an unknown id must not answer differently from a known one.
 */
export const loadRole = cache(async (roleId: string) => {
  const actor = await requirePageActor("users-roles.manage");
  const id = Number(roleId);
  return { actor, role: Number.isSafeInteger(id) && id > 0 ? await getRoleById(id) : null };
});
