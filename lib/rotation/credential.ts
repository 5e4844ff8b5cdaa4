import type { Db } from "@/lib/db/client";
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
  const q = statements(tx);
  let secret: string | undefined;
  let next: { secretCiphertext: Buffer | null; publicKeyPem: string | null; publicKeyFingerprint: string | null };
  if (token.type === "generated") {
    secret = generateSecret();
    next = { secretCiphertext: encryptTokenSecret(tokenId, secret), publicKeyPem: null, publicKeyFingerprint: null };
  } else {
    if (!publicKey) throw new ValidationError(msg("errors.fieldsNeedAttention"), { publicKey: [msg("keyRules.missing")] });
    next = { secretCiphertext: null, publicKeyPem: publicKey.pem, publicKeyFingerprint: publicKey.fingerprint };
  }

  // The earlier previous credential goes now, whatever the new overlap: at most one exists.
  const earlier = q.erase.get(tokenId) as { worksUntil: number } | undefined;
  const endedEarlierOverlap = Boolean(earlier && earlier.worksUntil > now);
  const until = overlapEnd(overlap, now);
  if (until > now) {
    // The same ciphertext, moved: encrypted under the master key with AAD = token ID.
    const current = q.current.get(tokenId) as { secretCiphertext: Buffer | null; publicKeyPem: string | null; publicKeyFingerprint: string | null };
    q.keep.run(tokenId, current.secretCiphertext, current.publicKeyPem, current.publicKeyFingerprint, token.credentialVersion, (token.secretCreatedAt ?? token.createdAt).getTime(), until);
  }
  const credentialVersion = token.credentialVersion + 1;
  q.set.run(next.secretCiphertext, next.publicKeyPem, next.publicKeyFingerprint, credentialVersion, now, tokenId);
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

// Prepared once per connection: a campaign's deadline runs this for every pending token.
const prepared = new WeakMap<Db["$client"], ReturnType<typeof prepare>>();

function prepare(client: Db["$client"]) {
  return {
    current: client.prepare(`SELECT secret_ciphertext AS secretCiphertext, public_key_pem AS publicKeyPem, public_key_fingerprint AS publicKeyFingerprint FROM api_tokens WHERE id = ?`),
    erase: client.prepare(`DELETE FROM token_previous_credentials WHERE token_id = ? RETURNING works_until AS worksUntil`),
    keep: client.prepare(
      `INSERT INTO token_previous_credentials (token_id, secret_ciphertext, public_key_pem, public_key_fingerprint, version, created_at, works_until) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    set: client.prepare(`UPDATE api_tokens SET secret_ciphertext = ?, public_key_pem = ?, public_key_fingerprint = ?, credential_version = ?, secret_created_at = ? WHERE id = ?`),
  };
}

function statements(tx: Db) {
  let q = prepared.get(tx.$client);
  if (!q) prepared.set(tx.$client, (q = prepare(tx.$client)));
  return q;
}
