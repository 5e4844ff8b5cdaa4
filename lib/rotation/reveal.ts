import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { verifyPassword } from "better-auth/crypto";
import { getKeywardDb, type KeywardDb } from "@/lib/db/database";
import { account, apiTokens, rotationCampaignTokens, user } from "@/lib/db/schema";
import { decryptTokenSecret } from "@/lib/crypto/token-crypto";
import { changeToken, TOKEN_NOT_FOUND } from "@/lib/data/token-lifecycle";
import { countPasswordFailure, signInRetryAfter, signInThrottleFromEnv } from "@/lib/data/sign-ins";
import type { Actor } from "@/lib/domain/actor";
import { clock } from "@/lib/domain/clock";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/domain/errors";
import { msg } from "@/lib/domain/message";
import { tokenStatus } from "@/lib/domain/token-status";

// Reveal new secret (PRODUCT "Rotation campaigns"): after a campaign rotated a generated token at
// its deadline, the token's creator — nobody else, not even a System Administrator — may see the
// new secret once, after re-entering their console password.

const UNAVAILABLE = msg("rotationDue.reveal.unavailable");

/**
 * The campaign rows whose secret may still be revealed: rotated automatically to the token's
 * current credential version (not rotated again since) and not revealed yet.
 */
const revealable = and(
  eq(rotationCampaignTokens.tokenId, apiTokens.id),
  eq(rotationCampaignTokens.state, "rotated_auto"),
  eq(rotationCampaignTokens.revealVersion, apiTokens.credentialVersion),
  isNull(rotationCampaignTokens.revealedAt),
);

type RevealState = "offered" | "not_found" | "not_owner" | "unavailable";

async function revealState(actor: Actor, tokenId: string, now: number, db: KeywardDb): Promise<RevealState> {
  const [t] = await db.q
    .select({
      creatorId: apiTokens.creatorId,
      type: apiTokens.type,
      expiresOn: apiTokens.expiresOn,
      revokedAt: apiTokens.revokedAt,
      creatorStatus: user.status,
      pending: sql<number>`EXISTS (SELECT 1 FROM ${rotationCampaignTokens} WHERE ${revealable})`,
    })
    .from(apiTokens)
    .innerJoin(user, eq(user.id, apiTokens.creatorId))
    .where(eq(apiTokens.id, tokenId))
    .limit(1);
  // Another user's token is "not found" for anyone who may not see it, as everywhere.
  if (!t || (!actor.isSystemAdmin && t.creatorId !== actor.id)) return "not_found";
  if (t.creatorId !== actor.id) return "not_owner";
  const live = tokenStatus({ expiresOn: t.expiresOn, revokedAt: t.revokedAt, creatorStatus: t.creatorStatus }, now) === "active";
  return live && t.type === "generated" && t.pending ? "offered" : "unavailable";
}

/** Whether the token page offers Reveal new secret to this actor. */
export async function revealOffered({ actor, tokenId, now = clock.now(), db = getKeywardDb() }: { actor: Actor; tokenId: string; now?: number; db?: KeywardDb }): Promise<boolean> {
  return (await revealState(actor, tokenId, now, db)) === "offered";
}

/**
 * Reveals the secret a campaign's automatic rotation set, once: the creator's console password
 * must match (better-auth's own hash). A wrong one counts like a failed sign-in, so the sign-in
 * throttle bounds guessing here too. The secret is decrypted and the row marked revealed in one
 * transaction, with a token.secret_revealed event (never the secret).
 */
export async function revealNewSecret({
  actor,
  tokenId,
  password,
  now = clock.now(),
  db = getKeywardDb(),
}: {
  actor: Actor;
  tokenId: string;
  password: string;
  now?: number;
  db?: KeywardDb;
}): Promise<{ tokenId: string; title: string; expiresOn: string; secret: string }> {
  const state = await revealState(actor, tokenId, now, db);
  if (state === "not_found") throw new NotFoundError(TOKEN_NOT_FOUND);
  if (state === "not_owner") throw new ForbiddenError(msg("rotationDue.reveal.ownerOnly"));
  if (state === "unavailable") throw new ConflictError(UNAVAILABLE);

  const throttle = signInThrottleFromEnv();
  const retryAfter = throttle && (await signInRetryAfter(actor.email, actor.ip, throttle, db));
  if (retryAfter) {
    throw new ValidationError(msg("rotationDue.reveal.throttled", { minutes: Math.ceil(retryAfter / 60) }));
  }
  const [credential] = await db.q
    .select({ password: account.password })
    .from(account)
    .where(and(eq(account.userId, actor.id), eq(account.providerId, "credential")))
    .limit(1);
  const hash = credential?.password;
  if (!hash || !(await verifyPassword({ hash, password }))) {
    await db.transaction((tx) => countPasswordFailure(tx, actor.email, actor.ip));
    throw new ValidationError(msg("rotationDue.reveal.wrongPassword"));
  }

  return changeToken(
    { actor, tokenId, now, db },
    true,
    async ({ tx, token, record }) => {
      // Checked again inside the transaction: a rotation or another reveal may have won meanwhile.
      if (token.creatorId !== actor.id) throw new ForbiddenError(msg("rotationDue.reveal.ownerOnly"));
      const claimed = await tx.q
        .update(rotationCampaignTokens)
        .set({ revealedAt: new Date(now) })
        .where(
          and(
            eq(rotationCampaignTokens.tokenId, tokenId),
            eq(rotationCampaignTokens.state, "rotated_auto"),
            eq(rotationCampaignTokens.revealVersion, token.credentialVersion),
            isNull(rotationCampaignTokens.revealedAt),
          ),
        )
        .returning({ campaignId: rotationCampaignTokens.campaignId });
      const [stored] = await tx.q.select({ c: apiTokens.secretCiphertext }).from(apiTokens).where(eq(apiTokens.id, tokenId)).limit(1);
      const ciphertext = stored?.c;
      if (!claimed.length || token.type !== "generated" || !ciphertext) throw new ConflictError(UNAVAILABLE);
      await record("token.secret_revealed", { campaignId: claimed[0].campaignId });
      return { tokenId, title: token.title, expiresOn: token.expiresOn, secret: decryptTokenSecret(tokenId, ciphertext) };
    },
    () => UNAVAILABLE,
  );
}
