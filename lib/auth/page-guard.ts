import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Permission } from "@/lib/domain/permissions";
import { countUsers } from "@/lib/data/users";
import { getActor, hasPermission, type Actor } from "./actor";

/**
 * For pages: the signed-in actor, or a redirect to sign-in (or to Set up on a fresh install);
 * with a permission, a 403 page when the actor's role lacks it. The server actions behind
 * each page check again on their own.
 */
export async function requirePageActor(permission?: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(countUsers() === 0 ? "/setup" : "/login");
  if (permission && !hasPermission(actor, permission)) forbidden();
  return actor;
}
