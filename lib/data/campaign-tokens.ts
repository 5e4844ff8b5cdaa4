import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queries } from "@/lib/db/database";
import { rotationCampaigns, rotationCampaignTokens } from "@/lib/db/schema";
import { RUNNING_CAMPAIGN_STATUSES, type CampaignTokenState } from "@/lib/domain/campaign";

// No "server-only": the scheduler records expiries through this too.

/**
 * Marks the tokens' pending rows in running campaigns as settled, in the caller's transaction:
 * "rotated" when the owner rotated (by any means), "ended" when the token was revoked, expired or
 * deleted (alone, or with its owner: `{ ownerId }`) before the deadline, so the campaign neither counts nor forces it.
 */
export async function settleCampaignTokens(tx: Queries, tokens: readonly string[] | { ownerId: string }, state: Extract<CampaignTokenState, "rotated" | "ended">, now: number): Promise<void> {
  if (Array.isArray(tokens) && !tokens.length) return;
  await tx.q.update(rotationCampaignTokens).set({ state, actedAt: new Date(now) }).where(pendingIn(tokens));
}

/** The tokens' (or the owner's) pending rows in running campaigns. */
function pendingIn(tokens: readonly string[] | { ownerId: string }) {
  return and(
    "ownerId" in tokens ? eq(rotationCampaignTokens.ownerId, tokens.ownerId) : inArray(rotationCampaignTokens.tokenId, [...tokens]),
    eq(rotationCampaignTokens.state, "pending"),
    sql`${rotationCampaignTokens.campaignId} in (select ${rotationCampaigns.id} from ${rotationCampaigns} where ${inArray(rotationCampaigns.status, [...RUNNING_CAMPAIGN_STATUSES])})`,
  );
}
