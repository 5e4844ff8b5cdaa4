import crypto from "node:crypto";
import type { Statement } from "better-sqlite3";
import { LRUCache } from "lru-cache";
import type { Db } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { capToRole, permissionLabel, type Permission } from "@/lib/domain/permissions";
import { clock } from "@/lib/domain/clock";
import { tokenStatus } from "@/lib/domain/token-status";
import { supersededHeader } from "@/lib/domain/rotation";
import { rotateByHeader } from "@/lib/domain/campaign";
import { ApiError, UNAUTHORIZED } from "./errors";
import { ipAllowed } from "./ip-match";
import { parseJws, type ParsedJws } from "./jws";
import { KeyCache, previousKeyMaterial } from "./keys";
import { ReplayStore, type ReplayStoreOptions } from "./replay";
import { RESOURCES, ResourceStatements, type ResourceResult, type TokenScope } from "./resources";
import { TokenStateCache, type TokenState } from "./token-state";
import { FailureLog, LAST_USED_INTERVAL_MS, LastUsedThrottle } from "./usage";

export interface ApiResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface ApiOptions {
  /** Accepted distance between issuedAt and server time, in ms (KEYWARD_API_CLOCK_SKEW_SECONDS). */
  skewMs?: number;
  keyTtlMs?: number;
  replay?: ReplayStoreOptions;
  /** The in-memory token state; by default one of its own on the same connection. */
  state?: TokenStateCache;
}

/** An API token as both the JWS path and the token endpoint authorise it. */
export interface TokenRow {
  id: string;
  title: string;
  type: "generated" | "public_key";
  secretCiphertext: Buffer | null;
  publicKeyPem: string | null;
  expiresOn: string;
  deviceScope: "all" | "group" | "none";
  deviceGroupId: number | null;
  revokedAt: number | null;
  creatorStatus: "active" | "suspended";
  /** The creator's current role permissions, space-separated. */
  rolePermissions: string | null;
  /** Allowed IPs/CIDRs, newline-separated; null when unrestricted. */
  allowedIps: string | null;
  /** The current credential's version and, during a rotation overlap, the previous one (see TokenState). */
  credentialVersion: number;
  previousSecretCiphertext: Buffer | null;
  previousPublicKeyPem: string | null;
  previousVersion: number | null;
  previousUntil: number | null;
}

const DUMMY_KEY = crypto.randomBytes(32);

export function skewFromEnv(): number {
  const s = Number(process.env.KEYWARD_API_CLOCK_SKEW_SECONDS);
  return (Number.isFinite(s) && s > 0 ? s : 300) * 1000;
}

/**
 * The API pipeline, verify → authorise → handle, over one database connection. Pure of HTTP:
 * it takes the request body and the resolved client address and returns status and JSON.
 */
export class ApiService {
  /** Shared with the token endpoint: its failures, keys and jti replay check are the same kind. */
  readonly failures = new FailureLog();
  private readonly lastUsed = new LastUsedThrottle();
  readonly keys: KeyCache;
  readonly replay: ReplayStore;
  /** What signed requests (and bearer calls, lib/oauth) are checked against: no read per request. */
  readonly state: TokenStateCache;
  private readonly skewMs: number;
  private readonly tokenStmt: Statement;
  private readonly tokenPermsStmt: Statement;
  /**
   * A token's own permissions never change after creation, so they are read once per TTL; the
   * cap by the creator's role is recomputed only when the role's list (read per exchange) differs.
   */
  private readonly tokenPerms = new LRUCache<string, { own: string[]; role: string | null; allowed: ReadonlySet<string> }>({ max: 10_000, ttl: 60_000 });
  private readonly touchStmt: Statement;
  private readonly touchPreviousStmt: Statement;
  private readonly sql: ResourceStatements;

  constructor(
    readonly db: Db,
    opts: ApiOptions = {},
  ) {
    this.skewMs = opts.skewMs ?? skewFromEnv();
    this.keys = new KeyCache(opts.keyTtlMs);
    this.replay = new ReplayStore(db, opts.replay);
    this.state = opts.state ?? new TokenStateCache(db);
    const client = db.$client;
    // The token endpoint's read (lib/oauth): status, creator, the creator's role permissions as
    // they are now and the allowlist. Signed requests use the token state instead.
    this.tokenStmt = client.prepare(`
      SELECT t.id, t.title, t.type, t.secret_ciphertext AS secretCiphertext, t.public_key_pem AS publicKeyPem,
        t.expires_on AS expiresOn, t.device_scope AS deviceScope, t.device_group_id AS deviceGroupId,
        t.revoked_at AS revokedAt, u.status AS creatorStatus,
        (SELECT group_concat(rp.permission, ' ') FROM role_permissions rp WHERE rp.role_id = u.role_id) AS rolePermissions,
        (SELECT group_concat(cidr, char(10)) FROM (SELECT cidr FROM token_allowed_ips WHERE token_id = t.id ORDER BY position)) AS allowedIps,
        t.credential_version AS credentialVersion, p.secret_ciphertext AS previousSecretCiphertext,
        p.public_key_pem AS previousPublicKeyPem, p.version AS previousVersion, p.works_until AS previousUntil
      FROM api_tokens t JOIN "user" u ON u.id = t.creator_id
      LEFT JOIN token_previous_credentials p ON p.token_id = t.id
      WHERE t.id = ?`);
    this.tokenPermsStmt = client.prepare(`SELECT permission FROM token_permissions WHERE token_id = ?`).pluck();
    // Conditional, so several processes together still write a token's last use once a minute at most.
    const stale = `(last_used_at IS NULL OR last_used_at <= @now - ${LAST_USED_INTERVAL_MS})`;
    this.touchStmt = client.prepare(`UPDATE api_tokens SET last_used_at = @now WHERE id = @id AND ${stale}`);
    this.touchPreviousStmt = client.prepare(`UPDATE token_previous_credentials SET last_used_at = @now WHERE token_id = @id AND ${stale}`);
    this.sql = new ResourceStatements(client);
  }

  /** Resolves once the request's replay key is committed (lib/api/replay.ts) and it has run. */
  async handle(body: string, clientIp: string, now = clock.now()): Promise<ApiResponse> {
    let token: TokenState | undefined;
    // Set once the request verified: every answer from then on tells the client when the
    // credential a rotation replaced stops, and by when a rotation campaign wants the token rotated.
    let notices: Record<string, string> | undefined;
    try {
      const jws = parseJws(body);
      // From the in-memory state, which this process's writes refresh at once and other
      // processes' within a poll (lib/api/token-state.ts). A token unknown here, or a signature
      // that fails, gets one more look if another process committed since the last poll: a
      // token created or re-keyed there a moment ago is then accepted without waiting.
      for (let looked = false; ; looked = true) {
        token = this.state.get(jws.header.kid, now);
        try {
          if (!token) {
            // Spend what a real check would, so timing doesn't tell unknown IDs from bad signatures.
            crypto.createHmac("sha256", DUMMY_KEY).update(jws.signingInput).digest();
            throw UNAUTHORIZED;
          }
          const superseded = this.verifyCredential(token, jws, now);
          notices = tokenNotices(token, superseded);
          break;
        } catch (err) {
          if (looked || !this.state.poll()) throw err;
        }
      }

      const { issuedAt } = jws.header;
      if (Math.abs(now - issuedAt) > this.skewMs) {
        throw new ApiError(401, "REQUEST_TIME_INVALID", `The request's issuedAt is more than ${Math.round(this.skewMs / 1000)} seconds from the server's time.`);
      }
      // Keyed by the signed content, not the signature bytes: an ECDSA signature can be
      // re-encoded (s → n−s) into another valid one for the same request. Led by issuedAt (also
      // in the hashed content, so it changes nothing about what is equal): keys then arrive
      // nearly in order, and the batch's inserts touch a few index pages instead of one each.
      const replayKey = `${issuedAt.toString(36)}:${crypto.hash("sha256", jws.signingInput, "base64")}`;
      const seen = await this.replay.remember(token.id, replayKey, issuedAt + this.skewMs, now);
      if (seen.kind === "replay") throw new ApiError(401, "REQUEST_REPLAYED", "This request was already received.");
      if (seen.kind === "full") {
        throw new ApiError(429, "TOO_MANY_REQUESTS", "This API token sent more requests within the time window than are kept. Try again later.", [], { "Retry-After": String(seen.retryAfterS) });
      }
      if (seen.kind === "unavailable") throw new ApiError(503, "SERVICE_BUSY", "The request could not be recorded right now. Try again shortly.");

      authorizeToken(token, clientIp, now);

      const { method, uri } = jws.header;
      const { permissions } = token;
      const scope = { id: token.id, deviceScope: token.deviceScope, deviceGroupId: token.deviceGroupId };
      const result = this.runResource(`${method} ${uri}`, scope, new URLSearchParams(jws.header["query-string"]), jws.data, now, (required) => required.filter((p) => !permissions.has(p)));
      this.touch(token.id, now);
      if (notices?.["Keyward-Credential-Superseded"]) this.touchPrevious(token.id, now);
      return { status: 200, body: JSON.stringify(result), headers: notices };
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.status === 401 || err.status === 403) this.failures.add(token ? { id: token.id, title: token.title } : null, err.code, clientIp, now);
        return { status: err.status, body: err.toBody(), headers: notices ? { ...err.headers, ...notices } : err.headers };
      }
      // Only the message: a stack or SQL text in the log could carry request data.
      console.error("API request failed:", err instanceof Error ? err.message : String(err));
      return { status: 500, body: JSON.stringify({ code: "INTERNAL_ERROR", message: "The request could not be completed.", details: [] }) };
    }
  }

  /**
   * Finds and runs a resource for an authenticated caller; `missing` says which of the
   * resource's required permissions the caller lacks. Shared by the JWS and bearer paths.
   */
  runResource(
    key: string,
    token: TokenScope,
    query: URLSearchParams,
    data: unknown,
    now: number,
    missing: (required: readonly Permission[]) => Permission[],
  ): ResourceResult {
    const resource = RESOURCES.get(key);
    if (!resource) throw new ApiError(404, "NOT_FOUND", `There is no resource ${key}.`);
    const ctx = { db: this.db, token, query, data, now };
    const required = resource.extraPermissions ? [...resource.permissions, ...resource.extraPermissions(ctx)] : resource.permissions;
    const lacking = missing(required);
    if (lacking.length) {
      throw new ApiError(
        403,
        "FORBIDDEN",
        `This API token lacks the permission${lacking.length > 1 ? "s" : ""}: ${lacking.map(permissionLabel).join(", ")}.`,
        lacking.map((p) => ({ permission: p, label: permissionLabel(p) })),
      );
    }
    return resource.handle(ctx, this.sql);
  }

  /**
   * Verifies the signature with the token's current credential or, during a rotation overlap,
   * its previous one. Returns the Keyward-Credential-Superseded header when the previous one
   * verified; throws the shared 401 when neither does.
   */
  private verifyCredential(token: TokenState, jws: ParsedJws, now: number): Record<string, string> | undefined {
    try {
      this.keys.verify(token, jws);
      return undefined;
    } catch (err) {
      const previous = previousKeyMaterial(token, now);
      if (!previous) throw err;
      this.keys.verify(previous, jws, "previous");
      return supersededHeader(token.previousUntil!);
    }
  }

  /** The previous credential's last use, throttled like the token's own (shown on the token page). */
  private touchPrevious(tokenId: string, now: number): void {
    if (!this.lastUsed.due(`${tokenId}#previous`, now)) return;
    try {
      this.touchPreviousStmt.run({ now, id: tokenId });
    } catch (err) {
      console.error("Could not record token use:", err instanceof Error ? err.message : String(err));
    }
  }

  /** The token as the database says now (status, creator, role, allowlist), or undefined. */
  loadToken(id: string): TokenRow | undefined {
    return this.tokenStmt.get(id) as TokenRow | undefined;
  }

  /** What the token may do now: its own permissions ∩ its creator's current role. */
  private allowed(token: TokenRow): ReadonlySet<string> {
    let cached = this.tokenPerms.get(token.id);
    if (!cached || cached.role !== token.rolePermissions) {
      const own = cached?.own ?? (this.tokenPermsStmt.all(token.id) as string[]);
      const allowed = new Set(capToRole(own, token.rolePermissions ? token.rolePermissions.split(" ") : []));
      cached = { own, role: token.rolePermissions, allowed };
      this.tokenPerms.set(token.id, cached);
    }
    return cached.allowed;
  }

  /** What the token may do now, as a list (for the OAuth token endpoint). */
  grantedPermissions(token: TokenRow): Permission[] {
    return [...this.allowed(token)] as Permission[];
  }

  /** last_used_at, written at most once a minute per token; a failed write never fails the request. */
  touch(tokenId: string, now: number): void {
    if (!this.lastUsed.due(tokenId, now)) return;
    try {
      this.touchStmt.run({ now, id: tokenId });
    } catch (err) {
      console.error("Could not record token use:", err instanceof Error ? err.message : String(err));
    }
  }

  /** Writes the aggregated failure events of finished minutes (all, on shutdown). */
  async flushFailures(now = clock.now(), all = false): Promise<number> {
    try {
      return await this.failures.flush(onSqlite(this.db), now, all);
    } catch (err) {
      console.error("Could not record API failures:", err instanceof Error ? err.message : String(err));
      return 0;
    }
  }
}

/**
 * The headers every answer to a verified use of the token carries: Keyward-Credential-Superseded
 * (given when the previous credential verified) and Keyward-Rotate-By while a rotation campaign
 * waits for the token. Undefined when there is neither.
 */
export function tokenNotices(token: Pick<TokenState, "rotateBy">, superseded?: Record<string, string>): Record<string, string> | undefined {
  if (token.rotateBy === null) return superseded;
  return { ...superseded, ...rotateByHeader(token.rotateBy) };
}

/**
 * The checks every use of an API token passes, whatever the scheme (JWS request, OAuth
 * exchange): status (revoked, expired, creator suspended) and the caller's IP.
 */
export function authorizeToken(
  token: Pick<TokenRow, "expiresOn" | "revokedAt" | "creatorStatus" | "allowedIps">,
  clientIp: string,
  now: number,
): void {
  const status = tokenStatus(token, now);
  if (status === "revoked") throw new ApiError(401, "TOKEN_REVOKED", "The API token was revoked.");
  if (status === "expired") throw new ApiError(401, "TOKEN_EXPIRED", `The API token expired on ${token.expiresOn}.`);
  if (status === "suspended") throw new ApiError(401, "TOKEN_SUSPENDED", "The API token's creator is suspended.");
  if (token.allowedIps && !ipAllowed(clientIp, token.allowedIps)) {
    throw new ApiError(403, "IP_NOT_ALLOWED", "Requests from this IP address are not allowed for this API token.", [{ ip: clientIp }]);
  }
}
