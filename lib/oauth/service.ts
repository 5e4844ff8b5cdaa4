import crypto from "node:crypto";
import type { Statement } from "better-sqlite3";
import type { z } from "zod";
import { decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { LRUCache } from "lru-cache";
import { writeTransaction } from "@/lib/db/client";
import { ALL_PERMISSIONS, isPermission, type Permission } from "@/lib/domain/permissions";
import { expiryInstant } from "@/lib/domain/token-status";
import { ApiError } from "@/lib/api/errors";
import { ipAllowed } from "@/lib/api/ip-match";
import { authorizeToken, tokenNotices, type ApiService, type TokenRow } from "@/lib/api/service";
import type { TokenStateCache } from "@/lib/api/token-state";
import { LastUsedThrottle } from "@/lib/api/usage";
import { previousKeyMaterial } from "@/lib/api/keys";
import { accessTokenCredentialLive, supersededHeader } from "@/lib/domain/rotation";
import {
  introspectionRequestSchema,
  JWT_BEARER_ASSERTION,
  revocationRequestSchema,
  tokenRequestSchema,
  type IntrospectionResponse,
  type OAuthErrorCode,
  type ServerMetadata,
  type TokenResponse,
} from "./schemas";
import { INTROSPECT_PATH, JWKS_PATH, REVOKE_PATH, TOKEN_PATH } from "@/lib/api/routes";
import { wholeNumberFromEnv } from "@/lib/domain/settings";
import type { SigningKeys } from "./signing-keys";


/** RFC 7523 §3: an assertion may not live longer than this. */
const MAX_ASSERTION_LIFETIME_S = 300;
const CLOCK_TOLERANCE_S = 30;
const REALM = "keyward";

export function accessTokenTtlFromEnv(env: Record<string, string | undefined> = process.env): number {
  return wholeNumberFromEnv(env, "KEYWARD_ACCESS_TOKEN_TTL_SECONDS", { fallback: 900, min: 60, max: 3600, unit: "seconds" });
}

/** An RFC 6749 §5.2 error; `toResponse` adds the headers the RFC asks for. */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = error === "invalid_client" ? 401 : error === "server_error" ? 500 : error === "temporarily_unavailable" ? 503 : 400,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

export interface OAuthResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** RFC 6749 §5.1: token responses and errors are never cached. */
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

function json(status: number, value: unknown, extra: Record<string, string> = {}): OAuthResponse {
  return { status, body: JSON.stringify(value), headers: { ...NO_STORE, ...extra } };
}

export function oauthErrorResponse(err: OAuthError): OAuthResponse {
  const extra: Record<string, string> = err.status === 401 ? { ...err.headers, "WWW-Authenticate": `Basic realm="${REALM}"` } : err.headers;
  return json(err.status, { error: err.error, error_description: err.description }, extra);
}

/** The claims Keyward puts in an access token (RFC 9068 plus its own). */
export interface AccessClaims {
  iss: string;
  sub: string;
  client_id: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
  scope: string;
  device_scope: "all" | "group" | "none";
  device_group_id: number | null;
  allowed_ips: string[];
  /** The version of the API token's credential it was issued from (absent before rotation existed). */
  cv?: number;
}

interface Client {
  token: TokenRow;
  method: "client_secret_basic" | "client_secret_post" | "client_secret_jwt" | "private_key_jwt";
  /** Set when the client authenticated with the previous credential of a rotation: when that one stops (ms). */
  supersededUntil?: number;
}

const BAD_CLIENT = "Client authentication failed.";
const DUMMY_SECRET = crypto.randomBytes(32).toString("base64url");

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, " "));
}

function timingSafeStringEqual(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a).digest();
  const hb = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

/** The endpoints of the OAuth authorization server and the bearer check of the API resources. */
export class OAuthService {
  private readonly creatorStmt: Statement;
  private readonly countExchangesStmt: Statement;
  private readonly revokeStmt: Statement;
  private readonly purgeRevokedStmt: Statement;
  private readonly exchangeThrottle = new LastUsedThrottle();
  private readonly pendingExchanges = new Map<string, { count: number; last: number }>();
  /**
   * Verified access tokens by exact text, with the issuer they were verified for: ECDSA is the
   * dearest step of a bearer call. Not keyed by issuer + token: that joined a new ~700-character
   * key string on every call.
   */
  private readonly verified = new LRUCache<string, { issuer: string; claims: AccessClaims }>({ max: 10_000 });

  constructor(
    readonly api: ApiService,
    readonly state: TokenStateCache,
    readonly signing: SigningKeys,
    private readonly ttlSeconds = accessTokenTtlFromEnv(),
  ) {
    const client = api.db.$client;
    this.creatorStmt = client.prepare(`SELECT u.id, u.name, u.email FROM api_tokens t JOIN "user" u ON u.id = t.creator_id WHERE t.id = ?`);
    this.countExchangesStmt = client.prepare(
      `INSERT INTO token_exchanges (token_id, count, last_exchange_at) VALUES (?, ?, ?)
       ON CONFLICT (token_id) DO UPDATE SET count = count + excluded.count, last_exchange_at = max(coalesce(last_exchange_at, 0), excluded.last_exchange_at)`,
    );
    this.revokeStmt = client.prepare(`INSERT OR IGNORE INTO revoked_access_tokens (jti, token_id, expires_at) VALUES (?, ?, ?)`);
    this.purgeRevokedStmt = client.prepare(`DELETE FROM revoked_access_tokens WHERE expires_at <= ?`);
  }

  metadata(issuer: string): ServerMetadata {
    const methods = ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt"];
    const algs = ["HS256", "ES256"];
    return {
      issuer,
      token_endpoint: issuer + TOKEN_PATH,
      jwks_uri: issuer + JWKS_PATH,
      introspection_endpoint: issuer + INTROSPECT_PATH,
      revocation_endpoint: issuer + REVOKE_PATH,
      grant_types_supported: ["client_credentials"],
      response_types_supported: ["token"],
      scopes_supported: ["openid", ...ALL_PERMISSIONS],
      token_endpoint_auth_methods_supported: methods,
      token_endpoint_auth_signing_alg_values_supported: algs,
      introspection_endpoint_auth_methods_supported: methods,
      introspection_endpoint_auth_signing_alg_values_supported: algs,
      revocation_endpoint_auth_methods_supported: methods,
      revocation_endpoint_auth_signing_alg_values_supported: algs,
      id_token_signing_alg_values_supported: ["ES256"],
      subject_types_supported: ["public"],
    };
  }

  jwks(now: number) {
    return this.signing.jwks(now);
  }

  // ---- Client authentication (RFC 6749 §2.3, RFC 7523) ----

  private async authenticate(form: Record<string, string | undefined>, authorization: string | undefined, issuer: string, clientIp: string, now: number): Promise<Client> {
    let token: TokenRow | undefined;
    try {
      const client = await this.identify(form, authorization, issuer, now, (t) => (token = t));
      try {
        authorizeToken(client.token, clientIp, now);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.code === "IP_NOT_ALLOWED") throw new OAuthError("unauthorized_client", err.message, 400);
        throw new OAuthError("invalid_client", err.message);
      }
      return client;
    } catch (err) {
      if (err instanceof OAuthError && (err.error === "invalid_client" || err.error === "unauthorized_client")) {
        const t = token as TokenRow | undefined;
        this.api.failures.add(t ? { id: t.id, title: t.title } : null, `oauth.${err.error}`, clientIp, now);
      }
      throw err;
    }
  }

  private async identify(
    form: Record<string, string | undefined>,
    authorization: string | undefined,
    issuer: string,
    now: number,
    found: (t: TokenRow) => void,
  ): Promise<Client> {
    const basic = authorization !== undefined && /^basic /i.test(authorization);
    if (authorization !== undefined && !basic) throw new OAuthError("invalid_request", "Only Basic client authentication is accepted in the Authorization header.");
    const assertion = form.client_assertion !== undefined || form.client_assertion_type !== undefined;
    const methods = [basic, assertion, form.client_secret !== undefined].filter(Boolean).length;
    if (methods > 1) throw new OAuthError("invalid_request", "Use exactly one client authentication method.");
    if (methods === 0) throw new OAuthError("invalid_client", "Client authentication is required.");

    const lookup = (id: string | undefined, type: TokenRow["type"]): TokenRow => {
      const t = id ? this.api.loadToken(id) : undefined;
      if (t) found(t);
      if (!t || t.type !== type) {
        // Spend what a real comparison would, so timing doesn't tell which token IDs exist.
        timingSafeStringEqual(DUMMY_SECRET, form.client_secret ?? "");
        throw new OAuthError("invalid_client", BAD_CLIENT);
      }
      return t;
    };
    // The current secret, or during a rotation overlap the previous one; returns when the
    // previous one stops if that is the one that matched.
    const checkSecret = (t: TokenRow, secret: string): number | undefined => {
      if (timingSafeStringEqual(this.api.keys.keyFor(t).export().toString("utf8"), secret)) return undefined;
      const previous = previousKeyMaterial(t, now);
      if (previous && timingSafeStringEqual(this.api.keys.keyFor(previous, "previous").export().toString("utf8"), secret)) return t.previousUntil!;
      throw new OAuthError("invalid_client", BAD_CLIENT);
    };

    if (basic) {
      const decoded = Buffer.from(authorization!.slice(6).trim(), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0) throw new OAuthError("invalid_client", BAD_CLIENT);
      let id: string, secret: string;
      try {
        id = formDecode(decoded.slice(0, colon));
        secret = formDecode(decoded.slice(colon + 1));
      } catch {
        throw new OAuthError("invalid_client", BAD_CLIENT);
      }
      if (form.client_id !== undefined && form.client_id !== id) throw new OAuthError("invalid_request", "client_id differs from the authenticated client.");
      const t = lookup(id, "generated");
      return { token: t, method: "client_secret_basic", supersededUntil: checkSecret(t, secret) };
    }

    if (form.client_secret !== undefined) {
      if (!form.client_id) throw new OAuthError("invalid_request", "client_secret needs client_id.");
      const t = lookup(form.client_id, "generated");
      return { token: t, method: "client_secret_post", supersededUntil: checkSecret(t, form.client_secret) };
    }

    if (form.client_assertion_type !== JWT_BEARER_ASSERTION || !form.client_assertion) {
      throw new OAuthError("invalid_request", `client_assertion_type must be ${JWT_BEARER_ASSERTION}, with client_assertion.`);
    }
    const jwt = form.client_assertion;
    let alg: unknown, sub: unknown;
    try {
      alg = decodeProtectedHeader(jwt).alg;
      sub = decodeJwt(jwt).sub;
    } catch {
      throw new OAuthError("invalid_client", "The client assertion is not a JWT.");
    }
    if (typeof sub !== "string") throw new OAuthError("invalid_client", "The client assertion has no sub.");
    if (form.client_id !== undefined && form.client_id !== sub) throw new OAuthError("invalid_client", "client_id differs from the assertion's sub.");
    const t = this.api.loadToken(sub);
    if (t) found(t);
    if (!t) throw new OAuthError("invalid_client", BAD_CLIENT);
    // The algorithm follows from the token's type, never from the assertion.
    const expected = t.type === "generated" ? "HS256" : "ES256";
    if (alg !== expected) throw new OAuthError("invalid_client", `This client authenticates with ${expected} assertions.`);
    let payload;
    let supersededUntil: number | undefined;
    const options = {
      algorithms: [expected],
      issuer: t.id,
      subject: t.id,
      audience: [issuer + TOKEN_PATH, issuer],
      requiredClaims: ["exp", "jti"],
      currentDate: new Date(now),
      clockTolerance: CLOCK_TOLERANCE_S,
    };
    try {
      try {
        ({ payload } = await jwtVerify(jwt, this.api.keys.keyFor(t), options));
      } catch (err) {
        // A signature that fails with the current credential may be the previous one's, during a rotation overlap.
        const previous = previousKeyMaterial(t, now);
        if ((err as { code?: string }).code !== "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" || !previous) throw err;
        ({ payload } = await jwtVerify(jwt, this.api.keys.keyFor(previous, "previous"), options));
        supersededUntil = t.previousUntil!;
      }
    } catch (err) {
      if (err instanceof ApiError) throw new OAuthError("invalid_client", BAD_CLIENT);
      const code = (err as { code?: string }).code;
      const reason =
        code === "ERR_JWT_EXPIRED"
          ? "The client assertion has expired."
          : code === "ERR_JWT_CLAIM_VALIDATION_FAILED"
            ? `The client assertion's ${(err as { claim?: string }).claim} claim is not valid.`
            : "The client assertion could not be verified.";
      throw new OAuthError("invalid_client", reason);
    }
    const exp = payload.exp!;
    if (exp - now / 1000 > MAX_ASSERTION_LIFETIME_S + CLOCK_TOLERANCE_S) {
      throw new OAuthError("invalid_client", `The client assertion's exp is more than ${MAX_ASSERTION_LIFETIME_S} seconds ahead.`);
    }
    if (typeof payload.jti !== "string" || payload.jti === "") throw new OAuthError("invalid_client", "The client assertion's jti claim is not valid.");
    // The same store as the JWS replay check, in the token's partition, so a jti is accepted once
    // across restarts and processes; kept until the assertion could no longer be accepted.
    const seen = await this.api.replay.remember(t.id, `jti:${payload.jti}`, (exp + CLOCK_TOLERANCE_S) * 1000, now);
    if (seen.kind === "replay") throw new OAuthError("invalid_client", "The client assertion was already used.");
    if (seen.kind === "full") {
      throw new OAuthError("temporarily_unavailable", "This client sent more assertions within the time window than are kept. Try again later.", 429, { "Retry-After": String(seen.retryAfterS) });
    }
    if (seen.kind === "unavailable") throw new OAuthError("temporarily_unavailable", "The request could not be recorded right now. Try again shortly.");
    return { token: t, method: t.type === "generated" ? "client_secret_jwt" : "private_key_jwt", supersededUntil };
  }

  // ---- POST /oauth/token ----

  async token(form: URLSearchParams, authorization: string | undefined, issuer: string, clientIp: string, now = Date.now()): Promise<OAuthResponse> {
    try {
      const input = parseForm(tokenRequestSchema, form);
      const client = await this.authenticate(input, authorization, issuer, clientIp, now);
      if (input.grant_type !== "client_credentials") {
        throw new OAuthError("unsupported_grant_type", "Only the client_credentials grant is supported.");
      }
      const granted = this.api.grantedPermissions(client.token);
      const requested = input.scope === undefined ? [] : input.scope.split(" ").filter(Boolean);
      const openid = requested.includes("openid");
      const names = requested.filter((s) => s !== "openid");
      const refused = names.filter((s) => !isPermission(s) || !granted.includes(s));
      if (refused.length) {
        throw new OAuthError("invalid_scope", `Not granted to this API token: ${refused.join(", ")}.`);
      }
      // No permission named: everything the token may do now (a scope can only narrow).
      const permissions: Permission[] = names.length ? [...new Set(names as Permission[])] : granted;
      const scope = [...(openid ? ["openid"] : []), ...permissions].join(" ");
      const t = client.token;
      const iat = Math.floor(now / 1000);
      // Issued from a superseded credential: it ends no later than that credential's overlap.
      const superseded = client.supersededUntil;
      const exp = Math.min(iat + this.ttlSeconds, Math.floor(expiryInstant(t.expiresOn) / 1000), superseded ? Math.floor(superseded / 1000) : Infinity);
      const key = this.signing.current(now);
      const claims: AccessClaims = {
        iss: issuer,
        sub: t.id,
        client_id: t.id,
        aud: issuer,
        iat,
        exp,
        jti: crypto.randomUUID(),
        scope,
        device_scope: t.deviceScope,
        device_group_id: t.deviceGroupId,
        allowed_ips: t.allowedIps ? t.allowedIps.split("\n") : [],
        cv: superseded ? t.previousVersion! : t.credentialVersion,
      };
      const access = await new SignJWT({ ...claims }).setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: key.kid }).sign(key.privateKey);
      const body: TokenResponse = { access_token: access, token_type: "Bearer", expires_in: exp - iat, scope };
      if (openid) {
        const creator = this.creatorStmt.get(t.id) as { id: string; name: string; email: string };
        body.id_token = await new SignJWT({ name: creator.name, email: creator.email })
          .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: key.kid })
          .setIssuer(issuer)
          .setSubject(creator.id)
          .setAudience(t.id)
          .setIssuedAt(iat)
          .setExpirationTime(exp)
          .sign(key.privateKey);
      }
      this.countExchange(t.id, now);
      return json(200, body, this.clientNotices(client, now));
    } catch (err) {
      return this.failure(err);
    }
  }

  /**
   * The headers of every answer to an authenticated client (token, introspection, revocation):
   * Keyward-Credential-Superseded when it authenticated with a replaced credential, and
   * Keyward-Rotate-By while a rotation campaign waits for its token.
   */
  private clientNotices(client: Client, now: number): Record<string, string> {
    const st = this.state.get(client.token.id, now);
    // A token created a moment ago (by another process, or outside writeTransaction) may be
    // newer than this process's state: make its first bearer call see it.
    if (!st) this.state.invalidate();
    return tokenNotices({ rotateBy: st?.rotateBy ?? null }, client.supersededUntil ? supersededHeader(client.supersededUntil) : undefined) ?? {};
  }

  private failure(err: unknown): OAuthResponse {
    if (err instanceof OAuthError) return oauthErrorResponse(err);
    // Only the message: a stack could carry request data.
    console.error("OAuth request failed:", err instanceof Error ? err.message : String(err));
    return oauthErrorResponse(new OAuthError("server_error", "The request could not be completed."));
  }

  /** Counts in memory; writes a token's count and last time at most once a minute. */
  private countExchange(tokenId: string, now: number): void {
    const p = this.pendingExchanges.get(tokenId) ?? { count: 0, last: now };
    p.count++;
    p.last = now;
    this.pendingExchanges.set(tokenId, p);
    if (this.exchangeThrottle.due(tokenId, now)) this.flushExchanges(tokenId);
  }

  /** Writes pending exchange counts (of one token, or all); a failed write never fails a request. */
  flushExchanges(only?: string): void {
    const ids = only ? [only] : [...this.pendingExchanges.keys()];
    for (const id of ids) {
      const p = this.pendingExchanges.get(id);
      if (!p) continue;
      this.pendingExchanges.delete(id);
      try {
        this.countExchangesStmt.run(id, p.count, p.last);
      } catch (err) {
        // The token may have been deleted meanwhile (foreign key): its count goes with it.
        console.error("Could not record token exchanges:", err instanceof Error ? err.message : String(err));
      }
    }
  }

  // ---- Access tokens ----

  /**
   * Verifies an access token's signature (ES256, a published kid, typ at+jwt) and claims
   * (iss, aud, exp), then the current state of its API token. Throws a BearerError.
   */
  verifyAccessToken(jwt: string, issuer: string, now: number): AccessClaims {
    let hit = this.verified.get(jwt);
    if (!hit || hit.issuer !== issuer) {
      hit = { issuer, claims: this.verifySignature(jwt, issuer, now) };
      this.verified.set(jwt, hit);
    }
    const { claims } = hit;
    if (claims.exp * 1000 <= now) throw new BearerError(401, "invalid_token", "The access token has expired.");
    return claims;
  }

  private verifySignature(jwt: string, issuer: string, now: number): AccessClaims {
    const invalid = new BearerError(401, "invalid_token", "The access token could not be verified.");
    const parts = jwt.split(".");
    if (parts.length !== 3) throw invalid;
    let header: Record<string, unknown>, payload: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as Record<string, unknown>;
      payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      throw invalid;
    }
    if (header.alg !== "ES256" || header.typ !== "at+jwt" || typeof header.kid !== "string" || "crit" in header) throw invalid;
    const key = this.signing.verificationKey(header.kid, now);
    if (!key) throw invalid;
    const signature = Buffer.from(parts[2], "base64url");
    if (signature.length !== 64 || !crypto.verify("sha256", Buffer.from(`${parts[0]}.${parts[1]}`, "ascii"), { key, dsaEncoding: "ieee-p1363" }, signature)) {
      throw invalid;
    }
    const p = payload as Partial<AccessClaims>;
    if (
      p.iss !== issuer ||
      p.aud !== issuer ||
      typeof p.sub !== "string" ||
      p.client_id !== p.sub ||
      typeof p.jti !== "string" ||
      typeof p.scope !== "string" ||
      !Number.isInteger(p.iat) ||
      !Number.isInteger(p.exp) ||
      !Array.isArray(p.allowed_ips) ||
      (p.cv !== undefined && !Number.isInteger(p.cv))
    ) {
      throw invalid;
    }
    return p as AccessClaims;
  }

  /** Whether the access token's API token still allows it: the in-memory state, no database read. */
  private checkState(claims: AccessClaims, clientIp: string, now: number) {
    const st = this.state.get(claims.sub, now);
    if (!st || this.state.isRevoked(claims.jti, now) || (st.accessNotBefore !== null && claims.iat * 1000 < st.accessNotBefore) || !accessTokenCredentialLive(st, claims.cv, now)) {
      throw new BearerError(401, "invalid_token", "The access token is no longer valid.");
    }
    try {
      authorizeToken(st, clientIp, now);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === "IP_NOT_ALLOWED") throw new BearerError(403, "invalid_token", err.message);
      throw new BearerError(401, "invalid_token", err.message);
    }
    // The IPs the token was issued for bind it too, whatever the allowlist says later.
    if (claims.allowed_ips.length && !ipAllowed(clientIp, claims.allowed_ips.join("\n"))) {
      throw new BearerError(403, "invalid_token", "Requests from this IP address are not allowed for this API token.");
    }
    return st;
  }

  /**
   * A resource call with `Authorization: Bearer` (RFC 6750): the resources and responses of
   * /jws/validate, the permissions being the token's scope ∩ what its API token may do now.
   */
  bearer(method: string, path: string, query: string, body: string, authorization: string | undefined, issuer: string, clientIp: string, now = Date.now()): OAuthResponse {
    let st: { id: string; title: string } | undefined;
    try {
      const m = authorization === undefined ? null : /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(authorization);
      if (!m) {
        if (authorization === undefined) throw new BearerError(401, null, "Send an access token: Authorization: Bearer <token>.");
        throw new BearerError(400, "invalid_request", "The Authorization header is not a bearer token.");
      }
      const claims = this.verifyAccessToken(m[1], issuer, now);
      const state = this.checkState(claims, clientIp, now);
      st = state;
      let data: unknown;
      if (body !== "") {
        try {
          data = JSON.parse(body);
        } catch {
          throw new ApiError(400, "BAD_REQUEST", "The request body is not valid JSON.");
        }
      }
      const scope = new Set(claims.scope.split(" "));
      const result = this.api.runResource(
        `${method} ${path}`,
        { id: state.id, deviceScope: state.deviceScope, deviceGroupId: state.deviceGroupId },
        new URLSearchParams(query),
        data,
        now,
        (required) => required.filter((p) => !scope.has(p) || !state.permissions.has(p)),
      );
      this.api.touch(state.id, now);
      return { status: 200, body: JSON.stringify(result), headers: { "Cache-Control": "no-store", ...tokenNotices(state) } };
    } catch (err) {
      if (err instanceof BearerError) {
        if (err.error !== "invalid_request") this.api.failures.add(st ?? null, `bearer.${err.error ?? "missing_token"}`, clientIp, now);
        return err.toResponse();
      }
      if (err instanceof ApiError) {
        if (err.code === "FORBIDDEN") {
          this.api.failures.add(st ?? null, "bearer.insufficient_scope", clientIp, now);
          const required = (err.details as { permission: string }[]).map((d) => d.permission).join(" ");
          return { status: 403, body: err.toBody(), headers: { "Cache-Control": "no-store", "WWW-Authenticate": `Bearer realm="${REALM}", error="insufficient_scope", scope="${required}"` } };
        }
        return { status: err.status, body: err.toBody(), headers: { "Cache-Control": "no-store" } };
      }
      console.error("API request failed:", err instanceof Error ? err.message : String(err));
      return { status: 500, body: JSON.stringify({ code: "INTERNAL_ERROR", message: "The request could not be completed.", details: [] }), headers: { "Cache-Control": "no-store" } };
    }
  }

  // ---- POST /oauth/introspect (RFC 7662) and /oauth/revoke (RFC 7009) ----

  /** The claims of an access token that is active now, or null. */
  private active(jwt: string, issuer: string, clientIp: string, now: number): AccessClaims | null {
    try {
      const claims = this.verifyAccessToken(jwt, issuer, now);
      const st = this.state.get(claims.sub, now);
      if (!st || this.state.isRevoked(claims.jti, now) || (st.accessNotBefore !== null && claims.iat * 1000 < st.accessNotBefore) || !accessTokenCredentialLive(st, claims.cv, now)) return null;
      authorizeToken({ ...st, allowedIps: null }, clientIp, now);
      return claims;
    } catch (err) {
      if (err instanceof BearerError || err instanceof ApiError) return null;
      throw err;
    }
  }

  async introspect(form: URLSearchParams, authorization: string | undefined, issuer: string, clientIp: string, now = Date.now()): Promise<OAuthResponse> {
    try {
      const input = parseForm(introspectionRequestSchema, form);
      const client = await this.authenticate(input, authorization, issuer, clientIp, now);
      const claims = this.active(input.token, issuer, clientIp, now);
      // A client learns only about its own tokens: anyone else's look inactive.
      const notices = this.clientNotices(client, now);
      if (!claims || claims.client_id !== client.token.id) return json(200, { active: false } satisfies IntrospectionResponse, notices);
      const body: IntrospectionResponse = {
        active: true,
        scope: claims.scope,
        client_id: claims.client_id,
        token_type: "Bearer",
        exp: claims.exp,
        iat: claims.iat,
        sub: claims.sub,
        aud: claims.aud,
        iss: claims.iss,
        jti: claims.jti,
      };
      return json(200, body, notices);
    } catch (err) {
      return this.failure(err);
    }
  }

  async revoke(form: URLSearchParams, authorization: string | undefined, issuer: string, clientIp: string, now = Date.now()): Promise<OAuthResponse> {
    try {
      const input = parseForm(revocationRequestSchema, form);
      if (input.token_type_hint !== undefined && input.token_type_hint !== "access_token") {
        throw new OAuthError("unsupported_token_type", "Only access tokens can be revoked here.");
      }
      const client = await this.authenticate(input, authorization, issuer, clientIp, now);
      let claims: AccessClaims | undefined;
      try {
        claims = this.verifyAccessToken(input.token, issuer, now);
      } catch (err) {
        if (!(err instanceof BearerError)) throw err;
      }
      // RFC 7009 §2.2: an invalid, expired or foreign token is answered 200 all the same.
      if (claims && claims.client_id === client.token.id) {
        const c = claims;
        writeTransaction(() => {
          this.purgeRevokedStmt.run(now);
          this.revokeStmt.run(c.jti, c.sub, c.exp * 1000);
        }, this.api.db);
      }
      return { status: 200, body: "", headers: { ...NO_STORE, ...this.clientNotices(client, now) } };
    } catch (err) {
      return this.failure(err);
    }
  }
}

/** An RFC 6750 §3.1 error of a bearer call; the body keeps the API's `{ code, message, details }`. */
export class BearerError extends Error {
  constructor(
    readonly status: number,
    readonly error: "invalid_request" | "invalid_token" | null,
    message: string,
  ) {
    super(message);
  }

  toResponse(): OAuthResponse {
    const params = [`realm="${REALM}"`];
    if (this.error) params.push(`error="${this.error}"`, `error_description="${this.message.replace(/["\\]/g, "")}"`);
    const code = this.error === "invalid_request" ? "BAD_REQUEST" : this.status === 403 ? "IP_NOT_ALLOWED" : "UNAUTHORIZED";
    return {
      status: this.status,
      body: JSON.stringify({ code, message: this.message, details: [] }),
      headers: { "Cache-Control": "no-store", "WWW-Authenticate": `Bearer ${params.join(", ")}` },
    };
  }
}

/**
 * Reads a form into a schema. Repeated parameters are refused (RFC 6749 §3.2), as is anything
 * the schema refuses, with `invalid_request`.
 */
function parseForm<T extends z.ZodType>(schema: T, form: URLSearchParams): z.infer<T> {
  const obj: Record<string, string> = {};
  for (const [k, v] of form) {
    if (k in obj) throw new OAuthError("invalid_request", `The parameter ${k} is repeated.`);
    obj[k] = v;
  }
  const parsed = schema.safeParse(obj);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OAuthError("invalid_request", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data;
}
