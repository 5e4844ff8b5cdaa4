"use server";

import { z } from "zod";
import { guardedAction } from "@/lib/auth/action";
import { deleteToken, extendTokenExpiry, revokeToken, updateTokenAllowedIps } from "@/lib/data/token-lifecycle";
import { extendExpirySchema, updateAllowedIpsSchema } from "@/lib/domain/token-schemas";
import { msg } from "@/lib/domain/message";

const tokenId = z.uuid(msg("tokenRules.unknownToken"));
const tokenIdSchema = z.object({ tokenId });
// The form's values travel under `values`, parsed by the same schema as the form's resolver.
const extendInputSchema = z.object({ tokenId, values: extendExpirySchema });
const allowedIpsInputSchema = z.object({ tokenId, values: updateAllowedIpsSchema });
export type ExtendTokenExpiryInput = z.input<typeof extendInputSchema>;
export type UpdateTokenAllowedIpsInput = z.input<typeof allowedIpsInputSchema>;

// Moves the expiry date later (never earlier), at most one year from the user's today.
export const extendTokenExpiryAction = guardedAction({ permission: "api-credentials.manage", schema: extendInputSchema }, (input, actor) =>
  extendTokenExpiry({ actor, tokenId: input.tokenId, expiresOn: input.values.expiresOn, timeZone: input.values.timeZone }),
);

// Replaces the token's allowed IPs; the event lists what was added and removed.
export const updateTokenAllowedIpsAction = guardedAction({ permission: "api-credentials.manage", schema: allowedIpsInputSchema }, (input, actor) =>
  updateTokenAllowedIps({ actor, tokenId: input.tokenId, allowedIps: input.values.allowedIps }),
);

// Revokes at once; the next API request with the token is refused.
export const revokeTokenAction = guardedAction({ permission: "api-credentials.manage", schema: tokenIdSchema }, (input, actor) => {
  revokeToken({ actor, tokenId: input.tokenId });
  return null;
});

// Deletes the token in any status; its events stay in Event history.
export const deleteTokenAction = guardedAction({ permission: "api-credentials.manage", schema: tokenIdSchema }, (input, actor) => {
  deleteToken({ actor, tokenId: input.tokenId });
  return null;
});
