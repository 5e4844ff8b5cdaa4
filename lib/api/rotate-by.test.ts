import { beforeAll, describe, expect, it } from "vitest";
import { signRequest } from "@/lib/api-client";
import type { Db } from "@/lib/db/client";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { OAuthService } from "@/lib/oauth/service";
import { SigningKeys } from "@/lib/oauth/signing-keys";
import { enrollToken, insertCampaign } from "@/test/campaign-fixture";
import { freshDatabase, insertRole, insertToken, insertUser } from "@/test/api-fixture";
import { ApiService } from "./service";

// Keyward-Rotate-By (PRODUCT "Rotation campaigns"): every answer to a verified use of a token a
// campaign is waiting for carries the earliest pending deadline, RFC 3339.

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const IP = "203.0.113.10";
const ISSUER = "https://keys.example.test";
const GROUPS = "/v3/configurations/device-groups/groups";
const HEADER = "Keyward-Rotate-By";

let db: Db;
let api: ApiService;
let ownerId: string;
let issued = NOW;

beforeAll(() => {
  ({ db } = freshDatabase());
  ownerId = insertUser(db, insertRole(db, ALL_PERMISSIONS));
  api = new ApiService(db, { skewMs: 300_000 });
});

/** A token enrolled in campaigns: [deadline, campaign status, row state] each. */
function tokenIn(enrolments: [string, "active" | "completed" | "cancelled", "pending" | "rotated"][]) {
  const t = insertToken(db, { creatorId: ownerId, permissions: ALL_PERMISSIONS });
  for (const [deadlineOn, status, state] of enrolments) enrollToken(db, insertCampaign(db, { deadlineOn, status }), { tokenId: t.id, ownerId, state });
  // Written outside writeTransaction on the state's own connection: no data_version change.
  api.state.invalidate();
  return t;
}

function call(t: { id: string; secret?: string }, path = GROUPS) {
  issued += 1;
  return api.handle(signRequest({ method: "GET", path, tokenId: t.id, secret: t.secret!, issuedAt: issued }), IP, NOW);
}

describe("Keyward-Rotate-By on signed requests", () => {
  it("carries the earliest deadline of the active campaigns still waiting for the token", async () => {
    const t = tokenIn([
      ["2026-12-31", "active", "pending"],
      ["2026-12-20", "active", "pending"],
      ["2026-12-10", "cancelled", "pending"],
      ["2026-12-09", "active", "rotated"],
    ]);
    expect(api.state.get(t.id, NOW)!.rotateBy).toBe(Date.UTC(2026, 11, 20, 23, 59, 59));
    const r = await call(t);
    expect(r.status).toBe(200);
    expect(r.headers).toEqual({ [HEADER]: "2026-12-20T23:59:59Z" });
    // A refusal after the signature verified tells it too.
    const refused = await call(t, "/v3/no-such-resource");
    expect(refused.status).toBe(404);
    expect(refused.headers?.[HEADER]).toBe("2026-12-20T23:59:59Z");
  });

  it("is absent when no active campaign is waiting (none, completed, or already rotated)", async () => {
    for (const t of [tokenIn([]), tokenIn([["2026-12-20", "completed", "pending"]]), tokenIn([["2026-12-20", "active", "rotated"]])]) {
      const r = await call(t);
      expect(r.status).toBe(200);
      expect(r.headers?.[HEADER]).toBeUndefined();
    }
  });

  it("is never given to an unverified request", async () => {
    const t = tokenIn([["2026-12-20", "active", "pending"]]);
    const r = await call({ id: t.id, secret: "kwsk_wrong" });
    expect(r.status).toBe(401);
    expect(r.headers?.[HEADER]).toBeUndefined();
  });
});

describe("Keyward-Rotate-By on OAuth answers", () => {
  it("the token endpoint, bearer calls, introspection and revocation carry it", async () => {
    const t = tokenIn([["2026-12-20", "active", "pending"]]);
    const oauth = new OAuthService(api, api.state, new SigningKeys(db));
    const auth = { client_id: t.id, client_secret: t.secret! };
    const exchanged = await oauth.token(new URLSearchParams({ grant_type: "client_credentials", ...auth }), undefined, ISSUER, IP, NOW);
    expect(exchanged.status).toBe(200);
    expect(exchanged.headers[HEADER]).toBe("2026-12-20T23:59:59Z");
    const { access_token } = JSON.parse(exchanged.body) as { access_token: string };

    const bearer = oauth.bearer("GET", GROUPS, "", "", `Bearer ${access_token}`, ISSUER, IP, NOW);
    expect(bearer.status).toBe(200);
    expect(bearer.headers[HEADER]).toBe("2026-12-20T23:59:59Z");

    const introspected = await oauth.introspect(new URLSearchParams({ token: access_token, ...auth }), undefined, ISSUER, IP, NOW);
    expect(introspected.status).toBe(200);
    expect(introspected.headers[HEADER]).toBe("2026-12-20T23:59:59Z");

    const revoked = await oauth.revoke(new URLSearchParams({ token: access_token, ...auth }), undefined, ISSUER, IP, NOW);
    expect(revoked.status).toBe(200);
    expect(revoked.headers[HEADER]).toBe("2026-12-20T23:59:59Z");

    const other = tokenIn([]);
    const plain = await oauth.token(new URLSearchParams({ grant_type: "client_credentials", client_id: other.id, client_secret: other.secret! }), undefined, ISSUER, IP, NOW);
    expect(plain.headers[HEADER]).toBeUndefined();
  });
});
