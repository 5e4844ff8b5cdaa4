import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

let masterKey: Buffer | undefined;

function keyFilePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.KEYWARD_KEY_FILE ?? path.join(path.dirname(process.env.DATABASE_FILE ?? "./data/keyward.db"), "keyward.key"));
}

/**
 * The master key: KEYWARD_SECRET_KEY (base64 of 32 bytes), else a 0600 key file created on
 * first run beside the database. It never goes into the database.
 */
export function getMasterKey(): Buffer {
  if (masterKey) return masterKey;
  const fromEnv = process.env.KEYWARD_SECRET_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, "base64");
    if (key.length !== 32) throw new Error("KEYWARD_SECRET_KEY must be 32 bytes, base64-encoded.");
    masterKey = key;
    return key;
  }
  const file = keyFilePath();
  try {
    masterKey = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const key = crypto.randomBytes(32);
    try {
      // "wx": two processes starting together never overwrite each other's key.
      fs.writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
      masterKey = key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      masterKey = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    }
  }
  if (masterKey.length !== 32) throw new Error(`The key file ${file} is damaged: expected 32 bytes.`);
  return masterKey;
}

/** A purpose-bound subkey, so the session secret and the token-encryption key never coincide. */
export function deriveKey(purpose: "auth" | "tokens" | "replay"): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", getMasterKey(), Buffer.alloc(0), `keyward:${purpose}`, 32));
}
