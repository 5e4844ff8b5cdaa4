import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as client from "openid-client";
import { createRemoteJWKSet, decodeJwt, importPKCS8, jwtVerify, SignJWT } from "jose";
import { openDatabase, writeTransaction, type Db } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import type { Actor } from "@/lib/auth/actor";
import { revokeToken } from "@/lib/data/token-lifecycle";
import { ApiService } from "@/lib/api/service";
import { TokenStateCache } from "@/lib/api/token-state";
import { freshDatabase, insertRole, insertToken, insertUser, type TestToken } from "@/test/api-fixture";
import { BearerClient } from "@/lib/api-client/bearer";
import { handleOAuthRequest } from "./http";
import { OAuthService } from "./service";
import { introspectionResponseSchema, jwksSchema, oauthErrorSchema, serverMetadataSchema, tokenResponseSchema } from "./schemas";
import { SigningKeys } from "./signing-keys";

const GROUPS = "/v3/configurations/device-groups/groups";
const DEVICES = "/v3/reporting/devices";
const PERMS = ["device-groups.view", "device-reports.view", "device-fields.view", "missing-devices.view"] as const;

let db: Db;
let file: string;
let svc: OAuthService;
let server: http.Server;
let issuer: string;
let creatorId: string;
let roleId: number;
let hs: TestToken;
let es: TestToken;
let logged: string[] = [];

beforeAll(async () => {
  ({ db, file } = freshDatabase());
  roleId = insertRole(db, PERMS);
  creatorId = insertUser(db, roleId);
  hs = insertToken(db, { creatorId, permissions: PERMS });
  es = insertToken(db, { creatorId, type: "public_key", permissions: PERMS });
  const api = new ApiService(db);
  const state = new TokenStateCache(db, 100);
  state.start();
  svc = new OAuthService(api, state, new SigningKeys(db));
  server = http.createServer((req, res) => {
    // The test's stand-in for server.ts's client-IP resolution.
    const ip = (req.headers["x-test-ip"] as string | undefined) ?? "203.0.113.10";
    if (!handleOAuthRequest(req, res, ip, {}, svc)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const level of ["log", "error", "warn", "info"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});

afterAll(async () => {
  svc.state.stop();
  await new Promise((r) => server.close(r));
});

afterEach(() => {
  // Nothing any test did may put a secret or a credential into a log line.
  const secrets = [hs.secret!, es.privateKey!.export({ format: "pem", type: "pkcs8" }).toString().split("\n")[1]];
  for (const line of logged) for (const s of secrets) expect(line).not.toContain(s);
  logged = [];
});

const insecure = { algorithm: "oauth2" as const, execute: [client.allowInsecureRequests] };

async function config(t: TestToken, auth: "basic" | "post" | "jwt" | "pkjwt"): Promise<client.Configuration> {
  const method =
    auth === "basic"
      ? client.ClientSecretBasic(t.secret)
      : auth === "post"
        ? client.ClientSecretPost(t.secret)
        : auth === "jwt"
          ? client.ClientSecretJwt(t.secret)
          : client.PrivateKeyJwt(await importPKCS8(t.privateKey!.export({ format: "pem", type: "pkcs8" }).toString(), "ES256"));
  return client.discovery(new URL(issuer), t.id, undefined, method, insecure);
}

function bearer(path: string, token: string, headers: Record<string, string> = {}) {
  return fetch(issuer + path, { headers: { Authorization: `Bearer ${token}`, ...headers } });
}

async function exchange(t: TestToken, scope?: string): Promise<string> {
  const r = await client.clientCredentialsGrant(await config(t, t.secret ? "basic" : "pkjwt"), scope ? { scope } : {});
  return r.access_token;
}

function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(issuer + path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(form).toString() });
}

const basic = (id: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}` });

async function expectOAuthError(r: Response, status: number, error: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get("cache-control")).toBe("no-store");
  expect(r.headers.get("pragma")).toBe("no-cache");
  const body = (await r.json()) as { error: string; error_description: string };
  expect(body.error).toBe(error);
  expect(body.error_description).toEqual(expect.any(String));
  if (status === 401) expect(r.headers.get("www-authenticate")).toBe('Basic realm="keyward"');
  return body;
}

function assertion(t: TestToken, o: { alg?: string; key?: crypto.KeyObject | Uint8Array; aud?: string; exp?: number; jti?: string; iat?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const alg = o.alg ?? (t.secret ? "HS256" : "ES256");
  const key = o.key ?? (t.secret ? crypto.createSecretKey(Buffer.from(t.secret)) : t.privateKey!);
  return new SignJWT({ jti: o.jti ?? crypto.randomUUID() })
    .setProtectedHeader({ alg })
    .setIssuer(t.id)
    .setSubject(t.id)
    .setAudience(o.aud ?? `${issuer}/oauth/token`)
    .setIssuedAt(o.iat ?? now)
    .setExpirationTime(o.exp ?? now + 60)
    .sign(key);
}

const assertionForm = (jwt: string) => ({
  grant_type: "client_credentials",
  client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
  client_assertion: jwt,
});

describe("discovery", () => {
  it("publishes RFC 8414 metadata and the JWKS, cacheable", async () => {
    const m = await fetch(`${issuer}/.well-known/oauth-authorization-server`);
    expect(m.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const meta = (await m.json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(issuer);
    expect(meta.token_endpoint).toBe(`${issuer}/oauth/token`);
    expect(meta.token_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt"]);
    const j = await fetch(`${issuer}/.well-known/jwks.json`);
    expect(j.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const jwks = (await j.json()) as { keys: { kty: string; crv: string; alg: string; d?: string }[] };
    expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(jwks.keys[0].d).toBeUndefined();
    // What is served is what the OpenAPI document describes.
    expect(() => serverMetadataSchema.strict().parse(meta)).not.toThrow();
    expect(() => jwksSchema.parse(jwks)).not.toThrow();
  });

  it("token, introspection and error responses match their schemas", async () => {
    const ok = await post("/oauth/token", { grant_type: "client_credentials", scope: "openid" }, basic(hs.id, hs.secret!));
    const body = (await ok.json()) as { access_token: string };
    expect(() => tokenResponseSchema.strict().parse(body)).not.toThrow();
    const info = await post("/oauth/introspect", { token: body.access_token }, basic(hs.id, hs.secret!));
    const infoBody: unknown = await info.json();
    expect(() => introspectionResponseSchema.strict().parse(infoBody)).not.toThrow();
    const bad = await post("/oauth/token", { grant_type: "client_credentials" }, basic(hs.id, "nope"));
    const badBody: unknown = await bad.json();
    expect(() => oauthErrorSchema.strict().parse(badBody)).not.toThrow();
  });
});

describe("client credentials with openid-client", () => {
  it.each(["basic", "post", "jwt"] as const)("client_secret_%s: the access token verifies offline and calls a resource", async (auth) => {
    const r = await client.clientCredentialsGrant(await config(hs, auth));
    expect(r.token_type).toBe("bearer");
    expect(r.expires_in).toBe(900);
    expect(r.scope!.split(" ").sort()).toEqual([...PERMS].sort());

    const { payload, protectedHeader } = await jwtVerify(r.access_token, createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), {
      issuer,
      audience: issuer,
      typ: "at+jwt",
      algorithms: ["ES256"],
    });
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(payload).toMatchObject({ sub: hs.id, client_id: hs.id, device_scope: "all", allowed_ips: [] });
    expect(payload.exp! - payload.iat!).toBe(900);

    const call = await bearer(GROUPS, r.access_token);
    expect(call.status).toBe(200);
    expect(((await call.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

  it("private_key_jwt for an uploaded key", async () => {
    const r = await client.clientCredentialsGrant(await config(es, "pkjwt"), { scope: "device-groups.view" });
    expect(r.scope).toBe("device-groups.view");
    expect((await bearer(GROUPS, r.access_token)).status).toBe(200);
  });

  it("a narrowed scope is enforced on bearer calls (RFC 6750 insufficient_scope)", async () => {
    const token = await exchange(hs, "device-groups.view");
    expect(decodeJwt(token).scope).toBe("device-groups.view");
    const r = await bearer(DEVICES, token);
    expect(r.status).toBe(403);
    expect(r.headers.get("www-authenticate")).toBe('Bearer realm="keyward", error="insufficient_scope", scope="device-reports.view device-fields.view"');
    expect(((await r.json()) as { code: string }).code).toBe("FORBIDDEN");
  });

  it("scope openid returns an ID token about the token's creator", async () => {
    const r = await client.clientCredentialsGrant(await config(hs, "basic"), { scope: "openid device-groups.view" });
    expect(r.id_token).toEqual(expect.any(String));
    const { payload } = await jwtVerify(r.id_token!, createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), { issuer, audience: hs.id });
    expect(payload).toMatchObject({ sub: creatorId, name: "Test User", email: `${creatorId}@example.com` });
    expect(r.scope).toBe("openid device-groups.view");
  });

  it("introspection shows a client its own tokens only; revocation ends one access token at once", async () => {
    const other = insertToken(db, { creatorId, permissions: PERMS });
    const mine = await exchange(hs);
    const theirs = await exchange(other);
    const cfg = await config(hs, "post");
    const info = await client.tokenIntrospection(cfg, mine);
    expect(info).toMatchObject({ active: true, client_id: hs.id, sub: hs.id, token_type: "Bearer" });
    expect(await client.tokenIntrospection(cfg, theirs)).toEqual({ active: false });
    expect(await client.tokenIntrospection(cfg, "not-a-token")).toEqual({ active: false });

    await client.tokenRevocation(cfg, theirs); // someone else's: 200, and nothing happens
    expect((await bearer(GROUPS, theirs)).status).toBe(200);
    await client.tokenRevocation(cfg, mine);
    const r = await bearer(GROUPS, mine);
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer realm="keyward", error="invalid_token"/);
    expect(await client.tokenIntrospection(cfg, mine)).toEqual({ active: false });
    expect((await bearer(GROUPS, await exchange(hs))).status).toBe(200);
  });
});

describe("token endpoint refusals (RFC 6749 §5.2)", () => {
  it("wrong secret", async () => {
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials" }, basic(hs.id, "kwsk_wrong")), 401, "invalid_client");
  });

  it("unknown client", async () => {
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials" }, basic(crypto.randomUUID(), hs.secret!)), 401, "invalid_client");
  });

  it("no client authentication at all", async () => {
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials", client_id: hs.id }), 401, "invalid_client");
  });

  it("a secret for an uploaded-key token", async () => {
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials" }, basic(es.id, hs.secret!)), 401, "invalid_client");
  });

  it("assertion with alg none", async () => {
    const now = Math.floor(Date.now() / 1000);
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const jwt = `${b64({ alg: "none" })}.${b64({ iss: hs.id, sub: hs.id, aud: `${issuer}/oauth/token`, exp: now + 60, jti: crypto.randomUUID() })}.`;
    await expectOAuthError(await post("/oauth/token", assertionForm(jwt)), 401, "invalid_client");
  });

  it("HS256 assertion for an uploaded-key token", async () => {
    const jwt = await assertion(es, { alg: "HS256", key: crypto.createSecretKey(Buffer.from(es.publicKeyPem!)) });
    await expectOAuthError(await post("/oauth/token", assertionForm(jwt)), 401, "invalid_client");
  });

  it("ES256 assertion signed by another key", async () => {
    const jwt = await assertion(es, { key: crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey });
    await expectOAuthError(await post("/oauth/token", assertionForm(jwt)), 401, "invalid_client");
  });

  it("expired assertion", async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = await expectOAuthError(await post("/oauth/token", assertionForm(await assertion(hs, { iat: now - 400, exp: now - 120 }))), 401, "invalid_client");
    expect(body.error_description).toBe("The client assertion has expired.");
  });

  it("assertion with an exp more than 5 minutes ahead", async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = await expectOAuthError(await post("/oauth/token", assertionForm(await assertion(hs, { exp: now + 3600 }))), 401, "invalid_client");
    expect(body.error_description).toBe("The client assertion's exp is more than 300 seconds ahead.");
  });

  it("assertion with a wrong aud", async () => {
    const body = await expectOAuthError(await post("/oauth/token", assertionForm(await assertion(hs, { aud: "https://elsewhere.example/oauth/token" }))), 401, "invalid_client");
    expect(body.error_description).toBe("The client assertion's aud claim is not valid.");
  });

  it("the issuer is accepted as aud, and a jti is accepted once only", async () => {
    const jwt = await assertion(es, { aud: issuer });
    expect((await post("/oauth/token", assertionForm(jwt))).status).toBe(200);
    const body = await expectOAuthError(await post("/oauth/token", assertionForm(jwt)), 401, "invalid_client");
    expect(body.error_description).toBe("The client assertion was already used.");
    const sameJti = await assertion(es, { jti: decodeJwt(jwt).jti as string });
    await expectOAuthError(await post("/oauth/token", assertionForm(sameJti)), 401, "invalid_client");
  });

  it("a jti accepted by one process is refused by another on the same database (or after a restart)", async () => {
    const other = openDatabase(file);
    const state = new TokenStateCache(other);
    try {
      const restarted = new OAuthService(new ApiService(other), state, new SigningKeys(other));
      for (const t of [hs, es]) {
        const jwt = await assertion(t);
        expect((await post("/oauth/token", assertionForm(jwt))).status).toBe(200);
        const r = await restarted.token(new URLSearchParams(assertionForm(jwt)), undefined, issuer, "203.0.113.10");
        expect(r.status).toBe(401);
        expect(JSON.parse(r.body)).toMatchObject({ error: "invalid_client", error_description: "The client assertion was already used." });
        // A fresh assertion passes there: the refusal above is the replay check.
        expect((await restarted.token(new URLSearchParams(assertionForm(await assertion(t))), undefined, issuer, "203.0.113.10")).status).toBe(200);
      }
    } finally {
      state.stop();
      other.$client.close();
    }
  });

  it("a client over its own cap of kept assertions waits (429, Retry-After); another client does not", async () => {
    const other = openDatabase(file);
    const state = new TokenStateCache(other);
    try {
      const capped = new OAuthService(new ApiService(other, { replay: { maxPerToken: 1 } }), state, new SigningKeys(other));
      const full = insertToken(db, { creatorId, permissions: PERMS });
      const form = async (t: TestToken) => new URLSearchParams(assertionForm(await assertion(t)));
      expect((await capped.token(await form(full), undefined, issuer, "203.0.113.10")).status).toBe(200);
      const r = await capped.token(await form(full), undefined, issuer, "203.0.113.10");
      expect(r.status).toBe(429);
      expect(JSON.parse(r.body)).toMatchObject({ error: "temporarily_unavailable" });
      expect(Number(r.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
      expect((await capped.token(await form(insertToken(db, { creatorId, permissions: PERMS })), undefined, issuer, "203.0.113.10")).status).toBe(200);
    } finally {
      state.stop();
      other.$client.close();
    }
  });

  it("a scope wider than the token's permissions, or unknown", async () => {
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials", scope: "device-groups.view policies.manage" }, basic(hs.id, hs.secret!)), 400, "invalid_scope");
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials", scope: "everything" }, basic(hs.id, hs.secret!)), 400, "invalid_scope");
  });

  it("a permission the token has but the creator's role no longer grants", async () => {
    const narrowRole = insertRole(db, ["device-groups.view"]);
    const t = insertToken(db, { creatorId: insertUser(db, narrowRole), permissions: PERMS });
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials", scope: "missing-devices.view" }, basic(t.id, t.secret!)), 400, "invalid_scope");
    const r = await post("/oauth/token", { grant_type: "client_credentials" }, basic(t.id, t.secret!));
    expect(((await r.json()) as { scope: string }).scope).toBe("device-groups.view");
  });

  it("grant password", async () => {
    await expectOAuthError(await post("/oauth/token", { grant_type: "password", username: "a", password: "b" }, basic(hs.id, hs.secret!)), 400, "unsupported_grant_type");
  });

  it("a JSON body instead of a form", async () => {
    const r = await fetch(`${issuer}/oauth/token`, { method: "POST", headers: { "Content-Type": "application/json", ...basic(hs.id, hs.secret!) }, body: JSON.stringify({ grant_type: "client_credentials" }) });
    await expectOAuthError(r, 400, "invalid_request");
  });

  it("an oversized body", async () => {
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials", scope: "x".repeat(20_000) }, basic(hs.id, hs.secret!)), 413, "invalid_request");
  });

  it("a repeated parameter", async () => {
    const r = await fetch(`${issuer}/oauth/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...basic(hs.id, hs.secret!) }, body: "grant_type=client_credentials&grant_type=client_credentials" });
    await expectOAuthError(r, 400, "invalid_request");
  });

  it("two client authentication methods at once", async () => {
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials", client_id: hs.id, client_secret: hs.secret! }, basic(hs.id, hs.secret!)), 400, "invalid_request");
  });

  it("a revoked, expired or suspended-creator token cannot exchange; an IP outside the allowlist is unauthorized_client", async () => {
    const t = insertToken(db, { creatorId, permissions: PERMS, expiresOn: "2020-01-01" });
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials" }, basic(t.id, t.secret!)), 401, "invalid_client");
    const ipBound = insertToken(db, { creatorId, permissions: PERMS, allowedIps: ["198.51.100.0/24"] });
    await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials" }, basic(ipBound.id, ipBound.secret!)), 400, "unauthorized_client");
    const ok = await post("/oauth/token", { grant_type: "client_credentials" }, { ...basic(ipBound.id, ipBound.secret!), "x-test-ip": "198.51.100.7" });
    expect(ok.status).toBe(200);
  });

  it("records exchange failures as aggregated events, and counts exchanges", async () => {
    const t = insertToken(db, { creatorId, permissions: PERMS });
    for (let i = 0; i < 3; i++) await post("/oauth/token", { grant_type: "client_credentials" }, basic(t.id, "kwsk_wrong"));
    await svc.api.flushFailures(Date.now(), true);
    const ev = db.$client.prepare(`SELECT details FROM events WHERE action = 'api.auth_failed' AND target_id = ?`).all(t.id) as { details: string }[];
    expect(ev).toHaveLength(1);
    expect(JSON.parse(ev[0].details)).toMatchObject({ count: 3, codes: { "oauth.invalid_client": 3 } });

    for (let i = 0; i < 3; i++) expect((await post("/oauth/token", { grant_type: "client_credentials" }, basic(t.id, t.secret!))).status).toBe(200);
    svc.flushExchanges();
    expect(db.$client.prepare(`SELECT count FROM token_exchanges WHERE token_id = ?`).pluck().get(t.id)).toBe(3);
  });
});

describe("bearer calls", () => {
  it("no token, or another scheme", async () => {
    const r = await fetch(issuer + GROUPS);
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe('Bearer realm="keyward"');
    const b = await fetch(issuer + GROUPS, { headers: { Authorization: "Basic abc" } });
    expect(b.status).toBe(400);
    expect(b.headers.get("www-authenticate")).toMatch(/error="invalid_request"/);
  });

  it("an access token with a changed claim", async () => {
    const token = await exchange(hs, "device-groups.view");
    const [h, p, s] = token.split(".");
    const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
    const widened = `${h}.${Buffer.from(JSON.stringify({ ...claims, scope: [...PERMS].join(" ") })).toString("base64url")}.${s}`;
    const r = await bearer(DEVICES, widened);
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe('Bearer realm="keyward", error="invalid_token", error_description="The access token could not be verified."');
  });

  it("an access token with a foreign kid, or our kid and another key", async () => {
    const token = await exchange(hs);
    const claims = decodeJwt(token);
    const { kid } = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString()) as { kid: string };
    const key = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    for (const k of ["foreign-kid", kid]) {
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: k }).sign(key);
      const r = await bearer(GROUPS, forged);
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
    }
  });

  it("from an IP outside the allowlist", async () => {
    const t = insertToken(db, { creatorId, permissions: PERMS, allowedIps: ["198.51.100.0/24"] });
    const r0 = await post("/oauth/token", { grant_type: "client_credentials" }, { ...basic(t.id, t.secret!), "x-test-ip": "198.51.100.7" });
    const { access_token } = (await r0.json()) as { access_token: string };
    expect(decodeJwt(access_token).allowed_ips).toEqual(["198.51.100.0/24"]);
    expect((await bearer(GROUPS, access_token, { "x-test-ip": "198.51.100.8" })).status).toBe(200);
    const r = await bearer(GROUPS, access_token, { "x-test-ip": "203.0.113.99" });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { code: string }).code).toBe("IP_NOT_ALLOWED");
  });

  it("an access token of an API token that expired since", async () => {
    const t = insertToken(db, { creatorId, permissions: PERMS });
    const token = await exchange(t);
    writeTransaction((tx) => tx.$client.prepare(`UPDATE api_tokens SET expires_on = '2020-01-01' WHERE id = ?`).run(t.id), db);
    const r = await bearer(GROUPS, token);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { message: string }).message).toBe("The API token expired on 2020-01-01.");
  });

  it("suspending the creator, changing the creator's role, or deleting the token ends its access tokens", async () => {
    const role = insertRole(db, PERMS);
    const user = insertUser(db, role);
    const [a, b, c] = [0, 1, 2].map(() => insertToken(db, { creatorId: user, permissions: PERMS }));
    const [ta, tb, tc] = await Promise.all([exchange(a), exchange(b), exchange(c)]);
    expect((await bearer(GROUPS, ta)).status).toBe(200);

    writeTransaction((tx) => tx.$client.prepare(`UPDATE role_permissions SET permission = 'policies.view' WHERE role_id = ? AND permission = 'device-groups.view'`).run(role), db);
    expect((await bearer(GROUPS, ta)).status).toBe(403);
    expect((await bearer("/v3/tracking/device-missing/missing", ta)).status).toBe(200);

    writeTransaction((tx) => tx.$client.prepare(`DELETE FROM api_tokens WHERE id = ?`).run(b.id), db);
    expect((await bearer("/v3/tracking/device-missing/missing", tb)).status).toBe(401);

    writeTransaction((tx) => tx.$client.prepare(`UPDATE "user" SET status = 'suspended' WHERE id = ?`).run(user), db);
    const r = await bearer("/v3/tracking/device-missing/missing", tc);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { message: string }).message).toBe("The API token's creator is suspended.");
  });

  it("revoking through the data layer ends the access tokens in the same process at once", async () => {
    const t = insertToken(db, { creatorId, permissions: PERMS });
    const token = await exchange(t);
    expect((await bearer(GROUPS, token)).status).toBe(200);
    const actor: Actor = { id: creatorId, name: "Test User", email: "t@example.com", roleId, roleName: null, isSystemAdmin: false, permissions: ["api-credentials.view", "api-credentials.manage"], deviceGroups: [], ip: "192.0.2.7", language: null };
    await revokeToken({ actor, tokenId: t.id, db: onSqlite(db) });
    const r = await bearer(GROUPS, token);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { message: string }).message).toBe("The API token was revoked.");
  });

  it("a revocation by another process ends the access tokens within a second", async () => {
    const t = insertToken(db, { creatorId, permissions: PERMS });
    const token = await exchange(t);
    expect((await bearer(GROUPS, token)).status).toBe(200);
    // A separate OS process with its own connection, as a second Keyward server would be.
    execFileSync(process.execPath, [
      "-e",
      `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.pragma("busy_timeout = 5000"); db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ?").run(Date.now(), process.argv[2]); db.close();`,
      file,
      t.id,
    ]);
    const start = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - start < 2000) {
      status = (await bearer(GROUPS, token)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});

describe("BearerClient (npm run api --bearer)", () => {
  it("exchanges once, reuses the access token until near expiry, and calls resources", async () => {
    const t = insertToken(db, { creatorId, permissions: PERMS });
    const c = new BearerClient(issuer, { tokenId: t.id, secret: t.secret, scope: "device-groups.view" });
    const first = await c.accessToken();
    expect(((await c.call<{ data: unknown[] }>("GET", GROUPS)).data.length)).toBeGreaterThan(0);
    expect(await c.accessToken()).toBe(first);
    // Within the last minute of its life the token is replaced.
    expect(await c.accessToken(Date.now() + 850_000)).not.toBe(first);
    await expect(c.call("GET", DEVICES)).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
  });

  it("private_key_jwt for an uploaded key", async () => {
    const c = new BearerClient(issuer, { tokenId: es.id, privateKeyPem: es.privateKey });
    expect(((await c.call<{ data: unknown[] }>("GET", DEVICES, { query: { pageSize: 2 } })).data)).toHaveLength(2);
  });
});
