import crypto, { type KeyObject } from "node:crypto";
import type { Statement } from "better-sqlite3";
import type { Db } from "@/lib/db/client";
import { decryptTokenSecret, encryptTokenSecret } from "@/lib/crypto/token-crypto";
import { wholeNumberFromEnv } from "@/lib/domain/settings";
import type { Jwk } from "./schemas";

const DAY = 86_400_000;

export function rotationDaysFromEnv(env: Record<string, string | undefined> = process.env): number {
  return wholeNumberFromEnv(env, "KEYWARD_SIGNING_KEY_ROTATION_DAYS", { fallback: 30, min: 1, max: 365, unit: "days" });
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: Jwk;
  createdAt: number;
}

interface KeyRow {
  kid: string;
  privateKeyCiphertext: Buffer;
  publicJwk: string;
  createdAt: number;
}

/** AAD of a signing key's ciphertext: never interchangeable with an API token's secret. */
const aad = (kid: string) => `signing-key:${kid}`;

/**
 * Keyward's ES256 signing keys. The newest key signs; it is replaced once it is older than the
 * rotation period, lazily on the first use after that, in one IMMEDIATE transaction that
 * re-reads first, so two processes rotating together create one key. The previous key stays
 * published, so a token signed just before a rotation verifies until it expires (a token lives
 * at most an hour, a key at least a day).
 */
export class SigningKeys {
  private readonly newestTwo: Statement;
  private readonly insert: Statement;
  private cache: { keys: SigningKey[]; checkedAt: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly rotationMs = rotationDaysFromEnv() * DAY,
  ) {
    const client = db.$client;
    this.newestTwo = client.prepare(
      `SELECT kid, private_key_ciphertext AS privateKeyCiphertext, public_jwk AS publicJwk, created_at AS createdAt
       FROM oauth_signing_keys ORDER BY created_at DESC, kid DESC LIMIT 2`,
    );
    this.insert = client.prepare(`INSERT INTO oauth_signing_keys (kid, private_key_ciphertext, public_jwk, created_at) VALUES (?, ?, ?, ?)`);
  }

  /** The published keys, newest first, rotating first when the newest is due. Re-read at most once a second. */
  keys(now: number): SigningKey[] {
    const hit = this.cache;
    if (hit && now - hit.checkedAt < 1000 && hit.keys.length > 0 && now - hit.keys[0].createdAt < this.rotationMs) return hit.keys;
    let rows = this.newestTwo.all() as KeyRow[];
    if (rows.length === 0 || now - rows[0].createdAt >= this.rotationMs) {
      rows = this.db.$client
        .transaction(() => {
          const fresh = this.newestTwo.all() as KeyRow[];
          if (fresh.length > 0 && now - fresh[0].createdAt < this.rotationMs) return fresh;
          this.create(now);
          return this.newestTwo.all() as KeyRow[];
        })
        .immediate();
    }
    const previous = new Map((hit?.keys ?? []).map((k) => [k.kid, k]));
    const keys = rows.map((r) => previous.get(r.kid) ?? this.load(r));
    this.cache = { keys, checkedAt: now };
    return keys;
  }

  current(now: number): SigningKey {
    return this.keys(now)[0];
  }

  /** The public key for a kid among the published ones, or undefined (a foreign or retired kid). */
  verificationKey(kid: string, now: number): KeyObject | undefined {
    return this.keys(now).find((k) => k.kid === kid)?.publicKey;
  }

  jwks(now: number): { keys: Jwk[] } {
    return { keys: this.keys(now).map((k) => k.jwk) };
  }

  private create(now: number): void {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const exported = publicKey.export({ format: "jwk" });
    // RFC 7638 thumbprint as the kid: stable, and says nothing but which key it is.
    const thumbprint = crypto
      .createHash("sha256")
      .update(JSON.stringify({ crv: exported.crv, kty: exported.kty, x: exported.x, y: exported.y }))
      .digest("base64url");
    const jwk: Jwk = { kty: "EC", crv: "P-256", x: exported.x!, y: exported.y!, kid: thumbprint, use: "sig", alg: "ES256" };
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }) as string;
    this.insert.run(thumbprint, encryptTokenSecret(aad(thumbprint), pem), JSON.stringify(jwk), now);
  }

  private load(r: KeyRow): SigningKey {
    const privateKey = crypto.createPrivateKey(decryptTokenSecret(aad(r.kid), r.privateKeyCiphertext));
    const jwk = JSON.parse(r.publicJwk) as Jwk;
    return { kid: r.kid, privateKey, publicKey: crypto.createPublicKey({ key: jwk, format: "jwk" }), jwk, createdAt: r.createdAt };
  }
}
