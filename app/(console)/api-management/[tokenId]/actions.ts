"use server";

import { z } from "zod";
import { ActionError, guardedAction } from "@/lib/auth/action";
import { confirmPublicKey } from "@/lib/crypto/public-key-server";
import { revealSecretSchema, rotateTokenSchema } from "@/lib/domain/rotation-schemas";
import { endOverlap, rotateToken } from "@/lib/rotation/rotate";
import { revealNewSecret } from "@/lib/rotation/reveal";
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
const rotateInputSchema = z.object({ tokenId, values: rotateTokenSchema });
export type RotateTokenActionInput = z.input<typeof rotateInputSchema>;

// Moves the expiry date later (never earlier), at most one year from the user's today.
export const extendTokenExpiryAction = guardedAction({ permission: "api-credentials.manage", schema: extendInputSchema }, (input, actor) =>
  extendTokenExpiry({ actor, tokenId: input.tokenId, expiresOn: input.values.expiresOn, timeZone: input.values.timeZone }),
);

// Replaces the token's allowed IPs; the event lists what was added and removed.
export const updateTokenAllowedIpsAction = guardedAction({ permission: "api-credentials.manage", schema: allowedIpsInputSchema }, (input, actor) =>
  updateTokenAllowedIps({ actor, tokenId: input.tokenId, allowedIps: input.values.allowedIps }),
);

// Revokes at once; the next API request with the token is refused.
export const revokeTokenAction = guardedAction({ permission: "api-credentials.manage", schema: tokenIdSchema }, async (input, actor) => {
  await revokeToken({ actor, tokenId: input.tokenId });
  return null;
});

// Deletes the token in any status; its events stay in Event history.
export const deleteTokenAction = guardedAction({ permission: "api-credentials.manage", schema: tokenIdSchema }, async (input, actor) => {
  await deleteToken({ actor, tokenId: input.tokenId });
  return null;
});

// Rotate secret / Replace public key: a new credential now, the old one kept for the chosen
// overlap. lib/rotation decides who may (the creator with manage, or a System Administrator)
// and refuses a token that is not Active. An uploaded key is confirmed as at creation.
export const rotateTokenAction = guardedAction({ permission: "api-credentials.manage", schema: rotateInputSchema }, (input, actor) => {
  let publicKey: { pem: string; fingerprint: string } | undefined;
  if (input.values.publicKey) {
    const key = confirmPublicKey(input.values.publicKey);
    if (!key.ok) throw new ActionError(msg("errors.fieldsNeedAttention"), 400, { publicKey: [key.message] });
    publicKey = { pem: key.pem, fingerprint: key.fingerprint };
  }
  return rotateToken({ actor, tokenId: input.tokenId, overlap: input.values.overlap, publicKey });
});

// End overlap now: the previous credential stops at once and is erased.
export const endOverlapAction = guardedAction({ permission: "api-credentials.manage", schema: tokenIdSchema }, (input, actor) => endOverlap({ actor, tokenId: input.tokenId }));

// Reveal new secret, after a rotation campaign rotated the token automatically: once, for its
// creator only, after the console password (lib/rotation/reveal.ts decides all of that).
const revealInputSchema = z.object({ tokenId, values: revealSecretSchema });
export type RevealSecretActionInput = z.input<typeof revealInputSchema>;
export const revealNewSecretAction = guardedAction({ permission: "api-credentials.manage", schema: revealInputSchema }, (input, actor) =>
  revealNewSecret({ actor, tokenId: input.tokenId, password: input.values.password }),
);
