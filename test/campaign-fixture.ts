import type { Db } from "@/lib/db/client";
import { rotationCampaigns, rotationCampaignTokens } from "@/lib/db/schema";
import { deadlineInstant, type CampaignStatus, type CampaignTokenState } from "@/lib/domain/campaign";

// Campaign rows written directly, as lib/rotation/campaigns.ts would leave them, for the tests
// of what the token side shows and answers (they don't depend on how a campaign is started).

export function insertCampaign(db: Db, o: { deadlineOn: string; status?: CampaignStatus; action?: "rotate" | "revoke" }): number {
  return db
    .insert(rotationCampaigns)
    .values({
      name: `Campaign ${o.deadlineOn}`,
      reason: "Provider key renewal",
      scopeKind: "all",
      deadlineOn: o.deadlineOn,
      deadlineAt: new Date(deadlineInstant(o.deadlineOn)),
      action: o.action ?? "rotate",
      status: o.status ?? "active",
      createdByEmail: "admin@example.com",
    })
    .returning({ id: rotationCampaigns.id })
    .get().id;
}

export function enrollToken(
  db: Db,
  campaignId: number,
  o: { tokenId: string; ownerId: string; state?: CampaignTokenState; revealVersion?: number | null; revealedAt?: number | null },
): void {
  db.insert(rotationCampaignTokens)
    .values({
      campaignId,
      tokenId: o.tokenId,
      ownerId: o.ownerId,
      title: "Enrolled token",
      usedRecently: true,
      state: o.state ?? "pending",
      revealVersion: o.revealVersion ?? null,
      revealedAt: o.revealedAt == null ? null : new Date(o.revealedAt),
    })
    .run();
}
