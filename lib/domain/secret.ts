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
 * Browser-safe: no node: imports (crypto.getRandomValues exists in Node 20 and browsers).
 */

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

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, the same as zlib's crc32). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksum(prefixAndBody: string): string {
  return base62(BigInt(crc32(new TextEncoder().encode(prefixAndBody))), CHECKSUM_LENGTH);
}

export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
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
