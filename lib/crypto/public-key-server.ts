/**
 * Server-side confirmation of an uploaded public key. The pure checks (lib/domain/public-key.ts)
 * run first; node:crypto then proves the point is really on P-256, re-encodes the key in one
 * canonical form (uncompressed point, 64-column PEM) and fingerprints it. The rules themselves
 * (which curve, which DER) live in lib/domain; this file only adds what needs node:crypto.
 * No "server-only" import: the API (server.ts) may use it too.
 */
import { createHash, createPublicKey, type KeyObject, type PublicKeyInput } from "node:crypto";
import { msg } from "@/lib/domain/message";
import { checkPublicKey, isP256Key, PUBLIC_KEY_MESSAGES, type PublicKeyErrorCode } from "@/lib/domain/public-key";

export type ConfirmedPublicKey =
  | { ok: true; pem: string; fingerprint: string; keyObject: KeyObject }
  | { ok: false; code: PublicKeyErrorCode | "not_on_curve"; message: string };

export const NOT_ON_CURVE_MESSAGE = msg("keyRules.notOnCurve");

/** "SHA256:" + unpadded base64 of the SHA-256 of the SPKI DER, as OpenSSH prints fingerprints. */
export function publicKeyFingerprint(spkiDer: Uint8Array): string {
  return "SHA256:" + createHash("sha256").update(spkiDer).digest("base64").replace(/=+$/, "");
}

/** A stored or uploaded key as a KeyObject when it is a P-256 public key; null otherwise. Throws when it doesn't parse. */
export function p256PublicKey(input: string | PublicKeyInput): KeyObject | null {
  const key = createPublicKey(input);
  return isP256Key(key) ? key : null;
}

/** The fingerprint of a stored PEM (for keys stored before fingerprints were), or null when it isn't a P-256 key. */
export function pemFingerprint(pem: string): string | null {
  try {
    const key = p256PublicKey(pem);
    return key ? publicKeyFingerprint(key.export({ type: "spki", format: "der" })) : null;
  } catch {
    return null;
  }
}

export function confirmPublicKey(input: string): ConfirmedPublicKey {
  const checked = checkPublicKey(input);
  if (!checked.ok) return { ok: false, code: checked.code, message: checked.message };
  let key: KeyObject | null;
  try {
    key = p256PublicKey({ key: Buffer.from(checked.der), format: "der", type: "spki" });
  } catch {
    return { ok: false, code: "not_on_curve", message: NOT_ON_CURVE_MESSAGE };
  }
  if (!key) return { ok: false, code: "curve", message: PUBLIC_KEY_MESSAGES.curve };
  // A JWK round trip always yields the uncompressed point, so equal keys get equal PEM and fingerprint.
  const canonical = createPublicKey({ key: key.export({ format: "jwk" }), format: "jwk" });
  const der = canonical.export({ format: "der", type: "spki" });
  const pem = canonical.export({ format: "pem", type: "spki" }).toString();
  return { ok: true, pem, fingerprint: publicKeyFingerprint(der), keyObject: canonical };
}
