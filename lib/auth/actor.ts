import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { loadActor } from "@/lib/data/actors";
import type { Actor } from "@/lib/domain/actor";
import { CLIENT_IP_HEADER } from "@/lib/net/client-ip";
import { getAuth } from "./auth";

export { hasPermission, type Actor } from "@/lib/domain/actor";

/** The signed-in, active console user for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const h = await headers();
  const session = await getAuth().api.getSession({ headers: h });
  if (!session) return null;
  return loadActor(session.user.id, h.get(CLIENT_IP_HEADER));
});
