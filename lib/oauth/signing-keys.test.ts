import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/client";
import { ApiService } from "@/lib/api/service";
import { TokenStateCache } from "@/lib/api/token-state";
import { freshDatabase, insertRole, insertToken, insertUser, type TestToken } from "@/test/api-fixture";
import { accessTokenTtlFromEnv, OAuthService } from "./service";
import { rotationDaysFromEnv, SigningKeys } from "./signing-keys";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1, 12);
const ISSUER = "https://keyward.example";
const IP = "203.0.113.10";
const GROUPS = "/v3/configurations/device-groups/groups";

let db: Db;
let file: string;
let svc: OAuthService;
let token: TestToken;

beforeAll(() => {
  ({ db, file } = freshDatabase());
  const creatorId = insertUser(db, insertRole(db, ["device-groups.view"]));
  token = insertToken(db, { creatorId, permissions: ["device-groups.view"] });
  svc = new OAuthService(new ApiService(db), new TokenStateCache(db), new SigningKeys(db, 30 * DAY), 900);
});

async function exchange(now: number): Promise<string> {
  const auth = `Basic ${Buffer.from(`${token.id}:${token.secret}`).toString("base64")}`;
  const r = await svc.token(new URLSearchParams({ grant_type: "client_credentials" }), auth, ISSUER, IP, now);
  expect(r.status).toBe(200);
  return (JSON.parse(r.body) as { access_token: string }).access_token;
}

const kidOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split(".")[0], "base64url").toString()) as { kid: string }).kid;
const call = (jwt: string, now: number) => svc.bearer("GET", GROUPS, "", "", `Bearer ${jwt}`, ISSUER, IP, now).status;

describe("signing-key rotation with a controlled clock", () => {
  it("rotates after the period; tokens of the previous key verify until they expire; the JWKS has both", async () => {
    const k1 = svc.jwks(T0).keys[0].kid; // the first key, created on first use
    const before = await exchange(T0 + 30 * DAY - 5 * 60_000);
    expect(kidOf(before)).toBe(k1);
    expect(svc.jwks(T0 + 30 * DAY - 60_000).keys.map((k) => k.kid)).toEqual([k1]);

    const rotated = T0 + 30 * DAY + 60_000;
    const after = await exchange(rotated);
    const k2 = kidOf(after);
    expect(k2).not.toBe(k1);
    expect(svc.jwks(rotated).keys.map((k) => k.kid)).toEqual([k2, k1]);

    expect(call(before, rotated)).toBe(200);
    expect(call(after, rotated)).toBe(200);
    // 15 minutes after it was issued, the old token has expired like any other.
    expect(call(before, T0 + 30 * DAY + 10 * 60_000 + 1000)).toBe(401);

    const next = T0 + 60 * DAY + 120_000;
    const k3 = kidOf(await exchange(next));
    expect(svc.jwks(next).keys.map((k) => k.kid)).toEqual([k3, k2]);
  });

  it("two processes due to rotate at once create one key", () => {
    const at = T0 + 200 * DAY;
    const a = new SigningKeys(db, 30 * DAY);
    const b = new SigningKeys(openDatabase(file), 30 * DAY);
    const kidA = a.current(at).kid;
    const kidB = b.current(at + 1).kid;
    expect(kidB).toBe(kidA);
    expect(db.$client.prepare(`SELECT count(*) FROM oauth_signing_keys WHERE created_at >= ?`).pluck().get(at)).toBe(1);
  });

  it("keeps the private key encrypted", () => {
    const row = db.$client.prepare(`SELECT private_key_ciphertext AS c FROM oauth_signing_keys LIMIT 1`).get() as { c: Buffer };
    expect(row.c.toString("latin1")).not.toContain("PRIVATE KEY");
  });

  it("refuses a bad rotation period clearly", () => {
    expect(rotationDaysFromEnv({})).toBe(30);
    expect(rotationDaysFromEnv({ KEYWARD_SIGNING_KEY_ROTATION_DAYS: "7" })).toBe(7);
    expect(() => rotationDaysFromEnv({ KEYWARD_SIGNING_KEY_ROTATION_DAYS: "0.5" })).toThrow(
      'KEYWARD_SIGNING_KEY_ROTATION_DAYS must be a whole number of days from 1 to 365; got "0.5".',
    );
  });
});

describe("access token lifetime", () => {
  it("never outlives the API token", async () => {
    const creatorId = insertUser(db, insertRole(db, ["device-groups.view"]));
    const t = insertToken(db, { creatorId, permissions: ["device-groups.view"], expiresOn: "2026-11-01" });
    const auth = `Basic ${Buffer.from(`${t.id}:${t.secret}`).toString("base64")}`;
    const r = await svc.token(new URLSearchParams({ grant_type: "client_credentials" }), auth, ISSUER, IP, Date.UTC(2026, 10, 1, 23, 55));
    expect(JSON.parse(r.body)).toMatchObject({ expires_in: 299 });
  });

  it("KEYWARD_ACCESS_TOKEN_TTL_SECONDS: 900 by default, at most 3600", () => {
    expect(accessTokenTtlFromEnv({})).toBe(900);
    expect(accessTokenTtlFromEnv({ KEYWARD_ACCESS_TOKEN_TTL_SECONDS: "3600" })).toBe(3600);
    expect(() => accessTokenTtlFromEnv({ KEYWARD_ACCESS_TOKEN_TTL_SECONDS: "7200" })).toThrow(
      'KEYWARD_ACCESS_TOKEN_TTL_SECONDS must be a whole number of seconds from 60 to 3600; got "7200".',
    );
  });
});
