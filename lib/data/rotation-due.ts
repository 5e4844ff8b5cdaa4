import "server-only";
import { and, countDistinct, eq, inArray, min } from "drizzle-orm";
import { getKeywardDb, type Queries } from "@/lib/db/database";
import { rotationCampaigns, rotationCampaignTokens } from "@/lib/db/schema";
import { RUNNING_CAMPAIGN_STATUSES } from "@/lib/domain/campaign";

// What the console shows of rotation campaigns on the token side (PRODUCT "Rotation campaigns"):
// a token is pending while it has a "pending" row in a running campaign; with several, the
// earliest deadline counts.

const pendingInActive = and(eq(rotationCampaignTokens.state, "pending"), inArray(rotationCampaigns.status, [...RUNNING_CAMPAIGN_STATUSES]));

/** The date (YYYY-MM-DD, UTC) a deadline instant belongs to: the campaign ends at its 23:59:59 UTC. */
const deadlineDate = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Each pending token among `tokenIds` with its earliest deadline date (one query for a page of tokens). */
export async function rotationDueFor(tokenIds: readonly string[], db: Queries = getKeywardDb()): Promise<Map<string, string>> {
  if (!tokenIds.length) return new Map();
  const rows = await db.q
    .select({ tokenId: rotationCampaignTokens.tokenId, at: min(rotationCampaigns.deadlineAt).mapWith(Number) })
    .from(rotationCampaignTokens)
    .innerJoin(rotationCampaigns, eq(rotationCampaigns.id, rotationCampaignTokens.campaignId))
    .where(and(inArray(rotationCampaignTokens.tokenId, [...tokenIds]), pendingInActive))
    .groupBy(rotationCampaignTokens.tokenId);
  return new Map(rows.map((r) => [r.tokenId, deadlineDate(r.at)]));
}

/**
 * How many of the user's tokens are pending, and the earliest deadline date; null when none is.
 * Read through rotation_campaign_tokens_owner_idx (owner, state), so it is cheap on every page.
 */
export async function pendingRotationSummary(ownerId: string, db: Queries = getKeywardDb()): Promise<{ count: number; deadlineOn: string } | null> {
  const [row] = await db.q
    .select({ n: countDistinct(rotationCampaignTokens.tokenId), at: min(rotationCampaigns.deadlineAt).mapWith(Number) })
    .from(rotationCampaignTokens)
    .innerJoin(rotationCampaigns, eq(rotationCampaigns.id, rotationCampaignTokens.campaignId))
    .where(and(eq(rotationCampaignTokens.ownerId, ownerId), pendingInActive));
  return row && row.n > 0 ? { count: row.n, deadlineOn: deadlineDate(row.at) } : null;
}
