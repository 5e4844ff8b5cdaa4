import "server-only";
import { and, eq, ne, or, sql } from "drizzle-orm";
import type { Queries } from "@/lib/db/database";
import { apiTokens, tokenPreviousCredentials } from "@/lib/db/schema";
import { changeToken, type TokenRef } from "@/lib/data/token-lifecycle";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/domain/errors";
import { msg } from "@/lib/domain/message";
import type { Overlap } from "@/lib/domain/rotation";
import { expiryCutoff, type TokenStatus } from "@/lib/domain/token-status";
import { enqueueTokenNotice } from "@/lib/notify/outbox";
import { replaceCredential } from "./credential";
import { settleCampaignTokens } from "@/lib/data/campaign-tokens";

export interface RotatedToken {
  tokenId: string;
  title: string;
  expiresOn: string;
  /** The new secret of a generated token: returned here once, stored only encrypted. */
  secret?: string;
  /** When the replaced credential stops verifying (RFC 3339); null for "Stop now". */
  previousWorksUntil: string | null;
  /** Whether an earlier overlap was still running and was ended by this rotation. */
  endedEarlierOverlap: boolean;
}

const notRotatable = (status: TokenStatus) => msg("rotation.notRotatable", { status });

/**
 * Who may rotate: any System Administrator, or the token's creator while their role has
 * API credentials: manage. (A non-administrator never reaches another user's token at all:
 * changeToken puts the owner in the WHERE, so that is "not found".)
 */
function assertMayRotate(ref: TokenRef, creatorId: string): void {
  const { actor } = ref;
  if (actor.isSystemAdmin) return;
  if (actor.id !== creatorId) throw new NotFoundError(msg("tokenRules.notFound"));
  if (!actor.permissions.includes("api-credentials.manage")) throw new ForbiddenError(msg("errors.noPermission"));
}

/** A change to a live token that only those who may rotate it may make (rotation, End overlap now). */
function changeRotatable<T>(ref: TokenRef, change: Parameters<typeof changeToken<T>>[2]): Promise<T> {
  return changeToken(
    ref,
    true,
    (c) => {
      assertMayRotate(ref, c.token.creatorId);
      return change(c);
    },
    notRotatable,
  );
}

/**
 * Rotates a live token: a new secret (generated) or the given public key (uploaded) becomes
 * current, and the replaced one keeps verifying until the overlap ends. At most one previous
 * credential exists: one left from an earlier rotation is erased at once. The change, the
 * token.rotated event and the notices share one transaction; the token state of every process
 * sees the new credential version on its next look (at once here, within a poll elsewhere).
 *
 * Access tokens: each carries the version of the credential it was issued from (claim "cv"),
 * and lib/oauth accepts an old version only while that credential's overlap runs. So access
 * tokens issued from the old credential stop exactly when the old credential does (at the
 * overlap's end, End overlap now, or the next rotation), and those issued from the new one live on.
 */
export async function rotateToken(ref: TokenRef & { overlap: Overlap; publicKey?: { pem: string; fingerprint: string } }): Promise<RotatedToken> {
  const { tokenId } = ref;
  return changeRotatable(
    ref,
    async ({ tx, token, now, record }) => {
      // A missing key is refused by replaceCredential, before it writes anything.
      if (token.type === "public_key" && ref.publicKey) await assertKeyUnused(tx, tokenId, ref.publicKey, now);
      const r = await replaceCredential(tx, token, ref.overlap, now, ref.publicKey);
      // Never the secret or the key: the overlap's end, and which earlier overlap was cut short.
      await record("token.rotated", r.details);
      // Rotated by its owner (or an administrator) while a campaign waits for it: it counts as Rotated.
      await settleCampaignTokens(tx, [tokenId], "rotated", now);
      await enqueueTokenNotice(tx, { tokenId, kind: "rotated", occurrence: `v${r.credentialVersion}`, extra: { previousUntil: r.previousWorksUntil ? Date.parse(r.previousWorksUntil) : null } });
      return { tokenId, title: token.title, expiresOn: token.expiresOn, ...(r.secret ? { secret: r.secret } : {}), previousWorksUntil: r.previousWorksUntil, endedEarlierOverlap: r.endedEarlierOverlap };
    },
  );
}

/** One key, one token (the creation rule): not any live token's current key, nor a key still in an overlap. */
async function assertKeyUnused(tx: Queries, tokenId: string, key: { pem: string; fingerprint: string }, now: number): Promise<void> {
  const live = and(sql`${apiTokens.revokedAt} IS NULL`, sql`${apiTokens.expiresOn} >= ${expiryCutoff(now)}`);
  const [current] = await tx.q
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(eq(apiTokens.type, "public_key"), or(eq(apiTokens.publicKeyPem, key.pem), eq(apiTokens.publicKeyFingerprint, key.fingerprint)), live))
    .limit(1);
  const [previous] = await tx.q
    .select({ id: tokenPreviousCredentials.tokenId })
    .from(tokenPreviousCredentials)
    .where(and(or(eq(tokenPreviousCredentials.publicKeyPem, key.pem), eq(tokenPreviousCredentials.publicKeyFingerprint, key.fingerprint)), ne(tokenPreviousCredentials.tokenId, tokenId)))
    .limit(1);
  if (current || previous) {
    throw new ConflictError(msg("errors.fieldsNeedAttention"), { publicKey: [msg(current?.id === tokenId ? "rotation.sameKey" : "keyRules.alreadyUsed")] });
  }
}

/**
 * End overlap now: the previous credential stops at once and its secret is erased, and with it
 * the access tokens issued from it. Refused when no overlap is running.
 */
export async function endOverlap(ref: TokenRef): Promise<{ ended: true }> {
  const { tokenId } = ref;
  return changeRotatable(
    ref,
    async ({ tx, now, record }) => {
      const [erased] = await tx.q
        .delete(tokenPreviousCredentials)
        .where(eq(tokenPreviousCredentials.tokenId, tokenId))
        .returning({ worksUntil: tokenPreviousCredentials.worksUntil });
      if (!erased || erased.worksUntil.getTime() <= now) throw new ConflictError(msg("rotation.noOverlap"));
      await record("token.overlap_ended", { plannedEnd: erased.worksUntil.toISOString() });
      return { ended: true as const };
    },
  );
}
