import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/domain/actor";
import type { CampaignAction, CampaignPreview, CampaignScope } from "@/lib/domain/campaign";

// No "server-only": the scheduler started by server.ts runs the campaign pass.

/** What New campaign submits, parsed (lib/domain/campaign-schemas.ts). */
export interface NewCampaign {
  name: string;
  reason: string;
  scope: CampaignScope;
  deadlineOn: string;
  action: CampaignAction;
}

/** The live tokens the scope covers now: tokens, distinct owners, and how many were used in the last 30 days. System Administrators only. */
export function previewCampaign(_ref: { actor: Actor; scope: CampaignScope; now?: number; db?: Db }): CampaignPreview {
  throw new Error("not implemented yet");
}

/**
 * Starts a campaign: takes its own snapshot of the scope (in batches), records campaign.started,
 * and queues the announcements. `expected` is the preview the administrator saw: `changed` says
 * whether the snapshot differs from it. System Administrators only.
 */
export async function startCampaign(_ref: { actor: Actor; input: NewCampaign; expected?: CampaignPreview; now?: number; db?: Db }): Promise<{ campaignId: number; enrolled: CampaignPreview; changed: boolean }> {
  throw new Error("not implemented yet");
}

/** Cancel campaign: ends it with nothing forced (campaign.cancelled). Refused (409) unless active. */
export function cancelCampaign(_ref: { actor: Actor; campaignId: number; now?: number; db?: Db }): void {
  throw new Error("not implemented yet");
}

/** Rotate the rest now: the deadline action applies to every pending token at once (campaign.forced), then the pass runs. */
export function rotateRestNow(_ref: { actor: Actor; campaignId: number; now?: number; db?: Db }): void {
  throw new Error("not implemented yet");
}

/** The scheduler's pass: announcements, reminders, deadlines due (or forced), completion. Restart-safe and idempotent. */
export async function runCampaignPass(_db: Db, _now: number): Promise<{ announced: number; reminded: number; acted: number }> {
  throw new Error("not implemented yet");
}
