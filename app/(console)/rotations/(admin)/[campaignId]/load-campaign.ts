import "server-only";
import { cache } from "react";
import { forbidden } from "next/navigation";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getCampaign } from "@/lib/data/campaigns";

/**
 * The campaign a page shows, or null for an unknown id. Cached per request: the layout asks for
 * a real 404 status, the page for content. Administrators only, checked here too: layouts may
 * render before the section's guard has.
 */
export const loadCampaign = cache(async (campaignId: string) => {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  const id = Number(campaignId);
  return Number.isSafeInteger(id) && id > 0 ? getCampaign({ actor, id }) : null;
});
