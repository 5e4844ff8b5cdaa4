"use server";

import { z } from "zod";
import { ActionError, guardedAction } from "@/lib/auth/action";
import { confirmPublicKey } from "@/lib/crypto/public-key-server";
import { getTranslations } from "next-intl/server";
import { createToken, listTokens, PermissionsBeyondRoleError } from "@/lib/data/tokens";
import { MAX_PAGE, MAX_SEARCH_LENGTH, TOKEN_LIST_FILTERS, TOKEN_LIST_SORTS } from "@/lib/domain/token-list-query";
import { createTokenSchema, type CreateTokenInput } from "@/lib/domain/token-schemas";
import { asTranslator, msg } from "@/lib/domain/message";
import { permissionName } from "@/lib/domain/permissions";

const idempotencyKeySchema = z.uuid();

// Create token: the form's payload is re-validated with the form's own schema, the uploaded key
// is confirmed with node:crypto, and lib/data caps permissions at the creator's role. The
// idempotency key (one per form) is a separate argument so the payload stays the strict
// schema's shape; a replay of the same key gets "already created" instead of a second token.
export async function createTokenAction(input: CreateTokenInput, idempotencyKey?: string) {
  return guardedAction({ permission: "api-credentials.manage", schema: createTokenSchema }, async (values, actor) => {
    if (idempotencyKey !== undefined && !idempotencyKeySchema.safeParse(idempotencyKey).success) {
      throw new ActionError(msg("tokenRules.formOutOfDate"), 400);
    }
    let publicKeyPem: string | undefined;
    let publicKeyFingerprint: string | undefined;
    if (values.tokenType === "public_key") {
      const key = confirmPublicKey(values.publicKey ?? "");
      if (!key.ok) throw new ActionError(msg("errors.fieldsNeedAttention"), 400, { publicKey: [key.message] });
      publicKeyPem = key.pem;
      publicKeyFingerprint = key.fingerprint;
    }
    try {
      return await createToken({
        actor,
        idempotencyKey,
        input: {
          title: values.title,
          description: values.description,
          tokenType: values.tokenType,
          publicKeyPem,
          publicKeyFingerprint,
          expiresOn: values.expiresOn,
          permissions: values.permissions,
          allowedIps: values.allowedIps,
        },
      });
    } catch (err) {
      if (!(err instanceof PermissionsBeyondRoleError)) throw err;
      // The refused permissions named as the permission table names them, in the viewer's language.
      const t = asTranslator(await getTranslations());
      const names = err.permissions.map((p) => permissionName(t, p)).join(", ");
      throw new ActionError(msg("errors.fieldsNeedAttention"), 400, { permissions: [msg("tokenRules.beyondRole", { names })] });
    }
  })(input);
}

const listTokensSchema = z.object({
  q: z.string().max(MAX_SEARCH_LENGTH, msg("tokenRules.searchTooLong", { max: MAX_SEARCH_LENGTH })).default(""),
  status: z.enum(TOKEN_LIST_FILTERS).nullable().default(null),
  sort: z.enum(TOKEN_LIST_SORTS).default("created"),
  page: z.number().int().min(1).max(MAX_PAGE).default(1),
});

// A page of the tokens the signed-in user may see (all for a System Administrator).
export const listTokensAction = guardedAction({ permission: "api-credentials.view", schema: listTokensSchema }, (input, actor) =>
  listTokens({ actor, q: input.q, status: input.status, sort: input.sort, page: input.page }),
);
