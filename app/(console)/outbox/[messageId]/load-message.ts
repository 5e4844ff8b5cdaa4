import "server-only";
import { cache } from "react";
import { forbidden } from "next/navigation";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getOutboxMessage } from "@/lib/data/outbox";

/**
 * The notice a page shows, or null for an unknown id. Cached per request: the layout asks for a
 * real 404 status, the page for content. Administrators only, checked here too: layouts may
 * render before the section's guard has, and an unknown id must not answer differently.
 */
export const loadMessage = cache(async (messageId: string) => {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  const id = Number(messageId);
  return Number.isSafeInteger(id) && id > 0 ? await getOutboxMessage({ id }) : null;
});
