import crypto, { type KeyObject } from "node:crypto";
import { LRUCache } from "lru-cache";
import { p256PublicKey } from "@/lib/crypto/public-key-server";
import { decryptTokenSecret } from "@/lib/crypto/token-crypto";
import { previousCredentialLive } from "@/lib/domain/rotation";
import { UNAUTHORIZED } from "./errors";
import type { ParsedJws } from "./jws";

/**
 * A token's previous credential as key material, while its rotation overlap runs at `now`;
 * null otherwise (none, or its overlap has ended even if the scheduler hasn't erased it yet).
 */
export function previousKeyMaterial(
  t: { id: string; type: "generated" | "public_key"; previousSecretCiphertext: Buffer | null; previousPublicKeyPem: string | null; previousUntil: number | null },
  now: number,
): TokenKeyMaterial | null {
  if (!previousCredentialLive(t, now)) return null;
  return { id: t.id, type: t.type, secretCiphertext: t.previousSecretCiphertext, publicKeyPem: t.previousPublicKeyPem };
}

/** What the database says about a token's key. The algorithm follows from the type alone. */
export interface TokenKeyMaterial {
  id: string;
  type: "generated" | "public_key";
  secretCiphertext: Buffer | null;
  publicKeyPem: string | null;
}

interface CachedKey {
  /** The stored material the key was built from: a rotated secret or key must not reuse it. */
  source: Buffer | string;
  key: KeyObject;
}

const HS256_LENGTH = 32;
const ES256_LENGTH = 64;

/**
 * Verifies request signatures with node:crypto. Decrypting a secret (AES-GCM + HKDF key) or
 * parsing a PEM on every request would dominate the hot path, so the ready KeyObject is kept
 * for a short TTL, keyed by token and checked against the stored bytes it came from.
 */
export class KeyCache {
  private readonly keys: LRUCache<string, CachedKey>;

  constructor(ttlMs = 60_000, maxEntries = 10_000) {
    this.keys = new LRUCache({ max: maxEntries, ttl: ttlMs });
  }

  /**
   * The token's verification key (the secret for generated tokens), cached; the shared 401 if
   * unusable. `slot` keeps a token's previous credential (during a rotation overlap) apart from
   * its current one in the cache; the ciphertext's AAD is the token ID for both.
   */
  keyFor(t: TokenKeyMaterial, slot: "current" | "previous" = "current"): KeyObject {
    const source = t.type === "generated" ? t.secretCiphertext : t.publicKeyPem;
    if (!source) throw UNAUTHORIZED;
    const cacheKey = slot === "current" ? t.id : `${t.id}#previous`;
    const hit = this.keys.get(cacheKey);
    // The same object as last time (the token state hands out one per reload) needs no byte compare.
    if (hit && (hit.source === source || (Buffer.isBuffer(source) && Buffer.isBuffer(hit.source) && hit.source.equals(source)))) {
      return hit.key;
    }
    let key: KeyObject | null;
    try {
      // ES256 means P-256 and nothing else, whatever key was stored.
      key =
        t.type === "generated"
          ? crypto.createSecretKey(Buffer.from(decryptTokenSecret(t.id, source as Buffer), "utf8"))
          : p256PublicKey(source as string);
    } catch {
      // A ciphertext that no longer decrypts (wrong master key, tampering) is a failed verification, not a 500.
      throw UNAUTHORIZED;
    }
    if (!key) throw UNAUTHORIZED;
    this.keys.set(cacheKey, { source, key });
    return key;
  }

  /** Throws the shared 401 unless the JWS's alg matches the token's type and the signature verifies. */
  verify(t: TokenKeyMaterial, jws: ParsedJws, slot: "current" | "previous" = "current"): void {
    const alg = t.type === "generated" ? "HS256" : "ES256";
    if (jws.header.alg !== alg) throw UNAUTHORIZED;
    const key = this.keyFor(t, slot);
    if (alg === "HS256") {
      if (jws.signature.length !== HS256_LENGTH) throw UNAUTHORIZED;
      const mac = crypto.createHmac("sha256", key).update(jws.signingInput, "ascii").digest();
      if (!crypto.timingSafeEqual(mac, jws.signature)) throw UNAUTHORIZED;
      return;
    }
    // RFC 7518 §3.4: exactly R‖S, 32 bytes each. A DER signature has another length and is refused
    // here; OpenSSL refuses r or s outside [1, n-1], which covers r = s = 0.
    if (jws.signature.length !== ES256_LENGTH) throw UNAUTHORIZED;
    let ok = false;
    try {
      ok = crypto.verify("sha256", Buffer.from(jws.signingInput, "ascii"), { key, dsaEncoding: "ieee-p1363" }, jws.signature);
    } catch {
      ok = false;
    }
    if (!ok) throw UNAUTHORIZED;
  }
}
