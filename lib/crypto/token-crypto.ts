import crypto from "node:crypto";
import { deriveKey } from "./keys";

// No "server-only": the API hot path in server.ts decrypts secrets too.

let key: Buffer | undefined;
const NONCE = 12;
const TAG = 16;

/** AES-256-GCM with a fresh random nonce; AAD = token ID, so a ciphertext moved to another token fails. */
export function encryptTokenSecret(tokenId: string, secret: string, k: Buffer = (key ??= deriveKey("tokens"))): Buffer {
  const nonce = crypto.randomBytes(NONCE);
  const cipher = crypto.createCipheriv("aes-256-gcm", k, nonce);
  cipher.setAAD(Buffer.from(tokenId, "utf8"));
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), ct]);
}

/** Throws when the blob was altered, swapped between tokens, or encrypted under another key. */
export function decryptTokenSecret(tokenId: string, blob: Buffer, k: Buffer = (key ??= deriveKey("tokens"))): string {
  if (blob.length < NONCE + TAG + 1) throw new Error("Token secret ciphertext is truncated.");
  const decipher = crypto.createDecipheriv("aes-256-gcm", k, blob.subarray(0, NONCE));
  decipher.setAAD(Buffer.from(tokenId, "utf8"));
  decipher.setAuthTag(blob.subarray(NONCE, NONCE + TAG));
  return Buffer.concat([decipher.update(blob.subarray(NONCE + TAG)), decipher.final()]).toString("utf8");
}
