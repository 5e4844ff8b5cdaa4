import { describe, expect, it } from "vitest";
import { createHash, createECDH, generateKeyPairSync } from "node:crypto";
import { confirmPublicKey, NOT_ON_CURVE_MESSAGE, p256PublicKey, pemFingerprint } from "./public-key-server";
import { PRIVATE_KEY_MESSAGE } from "@/lib/domain/public-key";

const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const der = publicKey.export({ type: "spki", format: "der" });
const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
// SPKI header for a P-256 key with a 33-byte compressed point.
const COMPRESSED_PREFIX = Buffer.from("3039301306072a8648ce3d020106082a8648ce3d030107032200", "hex");

describe("confirmPublicKey", () => {
  it("accepts a P-256 key and returns the canonical PEM and its SHA-256 fingerprint", () => {
    const r = confirmPublicKey(pem.replace(/\n/g, "\r\n"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pem).toBe(pem);
    const expected = "SHA256:" + createHash("sha256").update(der).digest("base64").replace(/=+$/, "");
    expect(r.fingerprint).toBe(expected);
    expect(r.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(r.keyObject.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });

  it("normalises a compressed point to the same key and fingerprint", () => {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const uncompressed = Buffer.concat([
      Buffer.from("3059301306072a8648ce3d020106082a8648ce3d030107034200", "hex"),
      ecdh.getPublicKey(null, "uncompressed"),
    ]);
    const compressed = Buffer.concat([COMPRESSED_PREFIX, ecdh.getPublicKey(null, "compressed")]);
    const a = confirmPublicKey(uncompressed.toString("base64"));
    const b = confirmPublicKey(compressed.toString("base64"));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(b.pem).toBe(a.pem);
      expect(b.fingerprint).toBe(a.fingerprint);
      expect(a.fingerprint).toBe("SHA256:" + createHash("sha256").update(uncompressed).digest("base64").replace(/=+$/, ""));
    }
  });

  it("rejects a point that is not on the curve", () => {
    const bad = Buffer.from(der);
    bad[bad.length - 1] ^= 0x01;
    expect(confirmPublicKey(bad.toString("base64"))).toMatchObject({ ok: false, code: "not_on_curve", message: NOT_ON_CURVE_MESSAGE });
  });

  it("passes on the pure checks' refusals, e.g. a private key", () => {
    const r = confirmPublicKey(privateKey.export({ type: "sec1", format: "pem" }).toString());
    expect(r).toMatchObject({ ok: false, code: "private_key", message: PRIVATE_KEY_MESSAGE });
  });
});

describe("p256PublicKey and pemFingerprint", () => {
  it("parse a stored P-256 PEM; any other key gives null", () => {
    expect(p256PublicKey(pem)?.export({ type: "spki", format: "der" }).equals(der)).toBe(true);
    expect(pemFingerprint(pem)).toBe("SHA256:" + createHash("sha256").update(der).digest("base64").replace(/=+$/, ""));
    const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(p256PublicKey(p384)).toBeNull();
    expect(pemFingerprint(p384)).toBeNull();
    expect(pemFingerprint("not a key")).toBeNull();
    expect(() => p256PublicKey("not a key")).toThrow();
  });
});
