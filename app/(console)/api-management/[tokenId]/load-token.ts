import "server-only";
import { cache } from "react";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getTokenDetails } from "@/lib/data/token-lifecycle";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The token the page shows, or null when it doesn't exist or isn't the actor's (owner in the
 * query). Cached per request: the layout calls it for a real 404 status, the page for content.
 */
export const loadTokenForPage = cache(async (tokenId: string) => {
  const actor = await requirePageActor("api-credentials.view");
  const token = UUID.test(tokenId) ? await getTokenDetails({ actor, tokenId }) : null;
  return { actor, token };
});
