/**
 * Validation of an uploaded public key, browser-safe (no node: imports) so the form can tell
 * the user what is wrong before anything is sent. The server confirms with node:crypto in
 * lib/crypto/public-key-server.ts (point on the curve, fingerprint).
 *
 * Only an EC P-256 (prime256v1) SubjectPublicKeyInfo is accepted. Order matters:
 * size first (before any parsing), then PEM labels (a private key is refused by its label and
 * never parsed), then base64, then a minimal strict DER walk of the SPKI.
 */

import { msg } from "./message";

export const MAX_PUBLIC_KEY_BYTES = 10 * 1024;

export type PublicKeyErrorCode =
  | "empty"
  | "too_large"
  | "private_key"
  | "certificate"
  | "multiple"
  | "rsa"
  | "ed25519"
  | "curve"
  | "other_type"
  | "openssh"
  | "base64"
  | "trailing"
  | "malformed";

// Message keys (keyRules.*), translated where they are shown.
export const PRIVATE_KEY_MESSAGE = msg("keyRules.privateKey");

export const PUBLIC_KEY_MESSAGES: Record<PublicKeyErrorCode, string> = {
  empty: msg("keyRules.empty"),
  too_large: msg("keyRules.tooLarge"),
  private_key: PRIVATE_KEY_MESSAGE,
  certificate: msg("keyRules.certificate"),
  multiple: msg("keyRules.multiple"),
  rsa: msg("keyRules.rsa"),
  ed25519: msg("keyRules.ed25519"),
  curve: msg("keyRules.curve"),
  other_type: msg("keyRules.otherType"),
  openssh: msg("keyRules.openssh"),
  base64: msg("keyRules.base64"),
  trailing: msg("keyRules.trailing"),
  malformed: msg("keyRules.malformed"),
};

export type PublicKeyCheck =
  | { ok: true; der: Uint8Array; pem: string }
  | { ok: false; code: PublicKeyErrorCode; message: string; curve?: string };

// A known other curve is told by name, an unknown one by its OID (each its own sentence, so no
// "the OID … curve"); an unnamed (explicit-parameter) one gets the general message.
const fail = (code: PublicKeyErrorCode, curve?: string, oid?: string): PublicKeyCheck => ({
  ok: false,
  code,
  message:
    code === "curve" && curve ? msg("keyRules.curveNamed", { curve }) : code === "curve" && oid ? msg("keyRules.curveOid", { oid }) : PUBLIC_KEY_MESSAGES[code],
  ...(curve ? { curve } : oid ? { curve: `OID ${oid}` } : {}),
});

/** The one definition of the accepted curve: P-256, which OpenSSL and node:crypto call prime256v1. */
export const P256 = { oid: "1.2.840.10045.3.1.7", name: "prime256v1" } as const;

/**
 * "Is this a P-256 key", for a key node:crypto has parsed (a KeyObject). Only the shape is read,
 * so the rule stays here, browser-safe, while lib/crypto and lib/api (which hold KeyObjects) call it.
 */
export function isP256Key(key: { asymmetricKeyType?: string; asymmetricKeyDetails?: { namedCurve?: string } }): boolean {
  return key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === P256.name;
}

const OID = {
  ecPublicKey: "1.2.840.10045.2.1",
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsaPss: "1.2.840.113549.1.1.10",
  ed25519: "1.3.101.112",
} as const;

const CURVE_NAMES: Record<string, string> = {
  "1.3.132.0.34": "P-384 (secp384r1)",
  "1.3.132.0.35": "P-521 (secp521r1)",
  "1.3.132.0.10": "secp256k1",
  "1.2.840.10045.3.1.1": "P-192 (prime192v1)",
  "1.3.132.0.33": "P-224 (secp224r1)",
  "1.3.36.3.3.2.8.1.1.7": "brainpoolP256r1",
};

const isCertificateLabel = (label: string) => /^(TRUSTED |X509 )?CERTIFICATE$/.test(label);

const BEGIN = /-----BEGIN ([^-\r\n]*)-----/g;

/** Removes surrounding whitespace and unifies line endings (CRLF and CR are tolerated). */
function tidy(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

function decodeBase64(body: string): Uint8Array | null {
  const compact = body.replace(/\s+/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  const bin = atob(compact);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function encodeBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function derToPem(der: Uint8Array, label = "PUBLIC KEY"): string {
  const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

interface Tlv {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
}

/** Reads one DER TLV at offset, or null when the length is malformed or runs past `limit`. */
function readTlv(buf: Uint8Array, offset: number, limit: number): Tlv | null {
  if (offset + 2 > limit) return null;
  const tag = buf[offset];
  let len = buf[offset + 1];
  let pos = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || pos + n > limit) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | buf[pos + i];
    pos += n;
  }
  if (pos + len > limit) return null;
  return { tag, start: pos, end: pos + len };
}

function children(buf: Uint8Array, parent: Tlv): Tlv[] | null {
  const out: Tlv[] = [];
  let pos = parent.start;
  while (pos < parent.end) {
    const t = readTlv(buf, pos, parent.end);
    if (!t) return null;
    out.push(t);
    pos = t.end;
  }
  return out;
}

function oidToString(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  if (parts.length === 0) return "";
  const first = parts[0];
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...parts.slice(1)].join(".");
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OID_TAG = 0x06;
const BIT_STRING = 0x03;

/** Classifies decoded DER: an EC P-256 SPKI, or the specific reason it isn't one. */
function checkDer(der: Uint8Array): PublicKeyCheck {
  // "openssh-key-v1\0" is the OpenSSH private key format, base64 without its header lines.
  if (new TextDecoder().decode(der.subarray(0, 14)) === "openssh-key-v1") return fail("private_key");
  const outer = readTlv(der, 0, der.length);
  if (!outer || outer.tag !== SEQUENCE) return fail("malformed");
  if (outer.end !== der.length) return fail("trailing");
  const parts = children(der, outer);
  if (!parts || parts.length === 0) return fail("malformed");
  // PKCS#8, SEC1 and PKCS#1 private keys all start with a version INTEGER.
  if (parts[0].tag === INTEGER) return fail("private_key");
  if (parts[0].tag !== SEQUENCE) return fail("malformed");
  const alg = children(der, parts[0]);
  if (!alg || alg.length === 0) return fail("malformed");
  // A certificate's first element (tbsCertificate) starts with [0] version or a serial INTEGER, not an OID.
  if (alg[0].tag !== OID_TAG) return parts.length === 3 ? fail("certificate") : fail("malformed");
  if (parts.length !== 2 || parts[1].tag !== BIT_STRING) return fail("malformed");
  const algOid = oidToString(der.subarray(alg[0].start, alg[0].end));
  if (algOid === OID.rsaEncryption || algOid === OID.rsaPss) return fail("rsa");
  if (algOid === OID.ed25519) return fail("ed25519");
  if (algOid !== OID.ecPublicKey) return fail("other_type");
  if (alg.length !== 2 || alg[1].tag !== OID_TAG) return fail("curve");
  const curveOid = oidToString(der.subarray(alg[1].start, alg[1].end));
  if (curveOid !== P256.oid) return fail("curve", CURVE_NAMES[curveOid], curveOid);
  // BIT STRING: 0 unused bits, then an uncompressed (04‖X‖Y) or compressed (02/03‖X) point.
  const bits = der.subarray(parts[1].start, parts[1].end);
  const point = bits.subarray(1);
  const validPoint =
    bits[0] === 0 &&
    ((point[0] === 0x04 && point.length === 65) || ((point[0] === 0x02 || point[0] === 0x03) && point.length === 33));
  if (!validPoint) return fail("malformed");
  return { ok: true, der, pem: derToPem(der) };
}

/** Validates pasted text as an EC P-256 public key (PEM, or its base64 body alone). */
export function checkPublicKey(input: string): PublicKeyCheck {
  // Size before anything else, so a huge paste is never parsed. UTF-8 bytes, as sent.
  if (new TextEncoder().encode(input).length > MAX_PUBLIC_KEY_BYTES) return fail("too_large");
  const text = tidy(input);
  if (text.length === 0) return fail("empty");

  const labels = [...text.matchAll(BEGIN)].map((m) => m[1].trim());
  // A private key anywhere in the paste is refused by its label alone, before any decoding.
  if (labels.some((l) => l.includes("PRIVATE KEY")) || text.includes("PuTTY-User-Key-File")) return fail("private_key");
  if (labels.length > 1) return labels.every(isCertificateLabel) ? fail("certificate") : fail("multiple");

  let body: string;
  if (labels.length === 1) {
    const label = labels[0];
    if (isCertificateLabel(label)) return fail("certificate");
    if (label === "RSA PUBLIC KEY") return fail("rsa");
    if (label !== "PUBLIC KEY") return fail("other_type");
    const match = /^-----BEGIN PUBLIC KEY-----\n?([\s\S]*?)\n?-----END PUBLIC KEY-----$/.exec(text);
    if (!match) {
      return text.includes("-----END PUBLIC KEY-----") ? fail("trailing") : fail("malformed");
    }
    body = match[1];
  } else {
    if (text.includes("-----")) return fail("malformed");
    if (/^(ssh|ecdsa-sha2)-[a-z0-9-]+ /.test(text)) return fail("openssh");
    body = text;
  }

  const der = decodeBase64(body);
  if (!der) return fail("base64");
  return checkDer(der);
}
