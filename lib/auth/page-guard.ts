import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { safeNextPath } from "@/lib/domain/next-path";
import { REQUEST_PATH_HEADER } from "@/lib/net/client-ip";
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
  if (!actor) {
    if ((await countUsers()) === 0) redirect("/setup");
    // Back to this very page after sign-in.
    const next = safeNextPath((await headers()).get(REQUEST_PATH_HEADER));
    redirect(next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login");
  }
  if (permission && !hasPermission(actor, permission)) forbidden();
  return actor;
}
