import { eq } from "drizzle-orm";
import type { Queries } from "@/lib/db/database";
import { apiTokens, tokenPreviousCredentials } from "@/lib/db/schema";
import { encryptTokenSecret } from "@/lib/crypto/token-crypto";
import { generateSecret } from "@/lib/crypto/secret";
import { ValidationError } from "@/lib/domain/errors";
import { msg } from "@/lib/domain/message";
import { overlapEnd, type Overlap } from "@/lib/domain/rotation";

// No "server-only": a campaign's deadline, run by the scheduler that server.ts starts, rotates too.

/** The token as replaceCredential needs it. */
interface RotatableToken {
  id: string;
  type: "generated" | "public_key";
  credentialVersion: number;
  secretCreatedAt: Date | null;
  createdAt: Date;
}

/** The new credential: a generated secret, or the uploaded key. */
function nextCredential(token: RotatableToken, publicKey?: { pem: string; fingerprint: string }) {
  if (token.type === "generated") {
    const secret = generateSecret();
    return { secret, next: { secretCiphertext: encryptTokenSecret(token.id, secret), publicKeyPem: null, publicKeyFingerprint: null } };
  }
  if (!publicKey) throw new ValidationError(msg("errors.fieldsNeedAttention"), { publicKey: [msg("keyRules.missing")] });
  return { secret: undefined, next: { secretCiphertext: null, publicKeyPem: publicKey.pem, publicKeyFingerprint: publicKey.fingerprint } };
}

function rotationOutcome(token: RotatableToken, overlap: Overlap, now: number, until: number, endedEarlierOverlap: boolean, secret: string | undefined, fingerprint: string | null) {
  const previousWorksUntil = until > now ? new Date(until).toISOString() : null;
  const details: Record<string, unknown> = {
    type: token.type,
    overlap,
    previousWorksUntil,
    ...(endedEarlierOverlap ? { endedEarlierOverlap: true } : {}),
    ...(fingerprint ? { fingerprint } : {}),
  };
  return { secret, credentialVersion: token.credentialVersion + 1, previousWorksUntil, endedEarlierOverlap, details };
}

/**
 * The one rotation rule, for a person's rotation and a campaign's alike: a new secret (generated)
 * or the given key becomes current, the replaced one is kept as the previous credential until the
 * overlap ends (an earlier previous one is erased at once: at most one exists), and the credential
 * version goes up. Runs in the caller's transaction; returns the new secret once, and the
 * token.rotated event's details (never the secret or the key).
 */
export async function replaceCredential(tx: Queries, token: RotatableToken, overlap: Overlap, now: number, publicKey?: { pem: string; fingerprint: string }) {
  const { secret, next } = nextCredential(token, publicKey);
  // The earlier previous credential goes now, whatever the new overlap: at most one exists.
  const [earlier] = await tx.q.delete(tokenPreviousCredentials).where(eq(tokenPreviousCredentials.tokenId, token.id)).returning({ worksUntil: tokenPreviousCredentials.worksUntil });
  const endedEarlierOverlap = Boolean(earlier && earlier.worksUntil.getTime() > now);
  const until = overlapEnd(overlap, now);
  if (until > now) {
    // The same ciphertext, moved: encrypted under the master key with AAD = token ID.
    const [current] = await tx.q
      .select({ secretCiphertext: apiTokens.secretCiphertext, publicKeyPem: apiTokens.publicKeyPem, publicKeyFingerprint: apiTokens.publicKeyFingerprint })
      .from(apiTokens)
      .where(eq(apiTokens.id, token.id));
    await tx.q.insert(tokenPreviousCredentials).values({
      tokenId: token.id,
      ...current,
      version: token.credentialVersion,
      createdAt: token.secretCreatedAt ?? token.createdAt,
      worksUntil: new Date(until),
    });
  }
  await tx.q
    .update(apiTokens)
    .set({ ...next, credentialVersion: token.credentialVersion + 1, secretCreatedAt: new Date(now) })
    .where(eq(apiTokens.id, token.id));
  return rotationOutcome(token, overlap, now, until, endedEarlierOverlap, secret, next.publicKeyFingerprint);
}
