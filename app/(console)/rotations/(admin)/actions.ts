"use server";

import { ActionError, guardedAction } from "@/lib/auth/action";
import type { Actor } from "@/lib/domain/actor";
import { campaignIdSchema, previewCampaignSchema, startCampaignSchema } from "@/lib/domain/campaign-schemas";
import { msg } from "@/lib/domain/message";
import { cancelCampaign, previewCampaign, rotateRestNow, startCampaign } from "@/lib/rotation/campaigns";

// Each action is a public POST endpoint: guardedAction checks the session and the input, and
// these are for System Administrators only (no role permission grants them), so each checks
// that too before lib/rotation, which refuses anyone else on its own.

function requireAdmin(actor: Actor): void {
  if (!actor.isSystemAdmin) throw new ActionError(msg("errors.noPermission"), 403);
}

// The New campaign preview, asked again whenever the scope changes.
export const previewCampaignAction = guardedAction({ permission: null, schema: previewCampaignSchema }, (input, actor) => {
  requireAdmin(actor);
  return previewCampaign({ actor, scope: input.scope });
});

// Start campaign: `expected` is the preview shown, so the page can say when the snapshot differs.
export const startCampaignAction = guardedAction({ permission: null, schema: startCampaignSchema }, (input, actor) => {
  requireAdmin(actor);
  return startCampaign({ actor, input: input.values, expected: input.expected });
});

export const cancelCampaignAction = guardedAction({ permission: null, schema: campaignIdSchema }, (input, actor) => {
  requireAdmin(actor);
  cancelCampaign({ actor, campaignId: input.campaignId });
  return null;
});

export const rotateRestNowAction = guardedAction({ permission: null, schema: campaignIdSchema }, (input, actor) => {
  requireAdmin(actor);
  rotateRestNow({ actor, campaignId: input.campaignId });
  return null;
});
