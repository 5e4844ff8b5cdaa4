/**
 * Token secrets: `kwsk_` + 43 base62 characters (32 random bytes, left-padded with "0") +
 * 6 base62 characters of CRC32 over everything before it (the UTF-8 bytes of `kwsk_<body>`).
 *
 * The checksum lets a secret scanner (and `isValidSecret`) recognise a real Keyward secret
 * offline, without false positives from look-alike strings. Scanners should search for:
 *
 *     \bkwsk_[0-9A-Za-z]{49}\b
 *
 * then confirm the last 6 characters equal base62(CRC32(first 48 characters)).
 * Server-only in practice (node:crypto, node:zlib): nothing in the browser makes or checks secrets.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const SECRET_PREFIX = "kwsk_";
const BODY_LENGTH = 43; // ceil(256 / log2(62))
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32

/** The exact shape of a secret (anchored). Use `isValidSecret` to also verify the checksum. */
export const SECRET_PATTERN = /^kwsk_[0-9A-Za-z]{49}$/;

function base62(value: bigint, length: number): string {
  let out = "";
  let v = value;
  while (v > 0n) {
    out = ALPHABET[Number(v % 62n)] + out;
    v /= 62n;
  }
  return out.padStart(length, "0");
}

function checksum(prefixAndBody: string): string {
  return base62(BigInt(zlib.crc32(prefixAndBody)), CHECKSUM_LENGTH);
}

export function generateSecret(): string {
  const bytes = crypto.randomBytes(32);
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  const head = SECRET_PREFIX + base62(n, BODY_LENGTH);
  return head + checksum(head);
}

export function isValidSecret(s: unknown): boolean {
  if (typeof s !== "string" || !SECRET_PATTERN.test(s)) return false;
  const head = s.slice(0, -CHECKSUM_LENGTH);
  return checksum(head) === s.slice(-CHECKSUM_LENGTH);
}
