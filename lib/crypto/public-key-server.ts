/**
 * Server-side confirmation of an uploaded public key. The pure checks (lib/domain/public-key.ts)
 * run first; node:crypto then proves the point is really on P-256, re-encodes the key in one
 * canonical form (uncompressed point, 64-column PEM) and fingerprints it.
 * No "server-only" import: the API (server.ts) may use it too.
 */
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { checkPublicKey, PUBLIC_KEY_MESSAGES, type PublicKeyErrorCode } from "@/lib/domain/public-key";

export type ConfirmedPublicKey =
  | { ok: true; pem: string; fingerprint: string; keyObject: KeyObject }
  | { ok: false; code: PublicKeyErrorCode | "not_on_curve"; message: string };

export const NOT_ON_CURVE_MESSAGE = "This key's point is not on the P-256 curve: check that it was copied completely.";

/** "SHA256:" + unpadded base64 of the SHA-256 of the SPKI DER, as OpenSSH prints fingerprints. */
export function publicKeyFingerprint(spkiDer: Uint8Array): string {
  return "SHA256:" + createHash("sha256").update(spkiDer).digest("base64").replace(/=+$/, "");
}

export function confirmPublicKey(input: string): ConfirmedPublicKey {
  const checked = checkPublicKey(input);
  if (!checked.ok) return { ok: false, code: checked.code, message: checked.message };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(checked.der), format: "der", type: "spki" });
  } catch {
    return { ok: false, code: "not_on_curve", message: NOT_ON_CURVE_MESSAGE };
  }
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    return { ok: false, code: "curve", message: PUBLIC_KEY_MESSAGES.curve };
  }
  // A JWK round trip always yields the uncompressed point, so equal keys get equal PEM and fingerprint.
  const canonical = createPublicKey({ key: key.export({ format: "jwk" }), format: "jwk" });
  const der = canonical.export({ format: "der", type: "spki" });
  const pem = canonical.export({ format: "pem", type: "spki" }).toString();
  return { ok: true, pem, fingerprint: publicKeyFingerprint(der), keyObject: canonical };
}
