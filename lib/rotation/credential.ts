import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
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

/**
 * The one rotation rule, for a person's rotation and a campaign's alike: a new secret (generated)
 * or the given key becomes current, the replaced one is kept as the previous credential until the
 * overlap ends (an earlier previous one is erased at once: at most one exists), and the credential
 * version goes up. Runs in the caller's transaction; returns the new secret once, and the
 * token.rotated event's details (never the secret or the key).
 */
export function replaceCredential(tx: Db, token: RotatableToken, overlap: Overlap, now: number, publicKey?: { pem: string; fingerprint: string }) {
  const tokenId = token.id;
  const current = tx
    .select({ secretCiphertext: apiTokens.secretCiphertext, publicKeyPem: apiTokens.publicKeyPem, publicKeyFingerprint: apiTokens.publicKeyFingerprint })
    .from(apiTokens)
    .where(eq(apiTokens.id, tokenId))
    .get()!;

  let secret: string | undefined;
  let next: { secretCiphertext: Buffer | null; publicKeyPem: string | null; publicKeyFingerprint: string | null };
  if (token.type === "generated") {
    secret = generateSecret();
    next = { secretCiphertext: encryptTokenSecret(tokenId, secret), publicKeyPem: null, publicKeyFingerprint: null };
  } else {
    if (!publicKey) throw new ValidationError(msg("errors.fieldsNeedAttention"), { publicKey: [msg("keyRules.missing")] });
    next = { secretCiphertext: null, publicKeyPem: publicKey.pem, publicKeyFingerprint: publicKey.fingerprint };
  }

  const earlier = tx.select({ worksUntil: tokenPreviousCredentials.worksUntil }).from(tokenPreviousCredentials).where(eq(tokenPreviousCredentials.tokenId, tokenId)).get();
  const endedEarlierOverlap = Boolean(earlier && earlier.worksUntil.getTime() > now);
  tx.delete(tokenPreviousCredentials).where(eq(tokenPreviousCredentials.tokenId, tokenId)).run();
  const until = overlapEnd(overlap, now);
  if (until > now) {
    tx.insert(tokenPreviousCredentials)
      .values({
        tokenId,
        // The same ciphertext, moved: encrypted under the master key with AAD = token ID.
        secretCiphertext: current.secretCiphertext,
        publicKeyPem: current.publicKeyPem,
        publicKeyFingerprint: current.publicKeyFingerprint,
        version: token.credentialVersion,
        createdAt: token.secretCreatedAt ?? token.createdAt,
        worksUntil: new Date(until),
      })
      .run();
  }
  const credentialVersion = token.credentialVersion + 1;
  tx.update(apiTokens)
    .set({ ...next, credentialVersion, secretCreatedAt: new Date(now) })
    .where(eq(apiTokens.id, tokenId))
    .run();
  const previousWorksUntil = until > now ? new Date(until).toISOString() : null;
  const details: Record<string, unknown> = {
    type: token.type,
    overlap,
    previousWorksUntil,
    ...(endedEarlierOverlap ? { endedEarlierOverlap: true } : {}),
    ...(next.publicKeyFingerprint ? { fingerprint: next.publicKeyFingerprint } : {}),
  };
  return { secret, credentialVersion, previousWorksUntil, endedEarlierOverlap, details };
}
