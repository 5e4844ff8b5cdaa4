import type { Statement } from "better-sqlite3";
import { onWriteCommitted, type Db } from "@/lib/db/client";

/** What a bearer call needs to know about its API token, without reading the database. */
export interface TokenState {
  id: string;
  title: string;
  expiresOn: string;
  revokedAt: number | null;
  creatorStatus: "active" | "suspended";
  deviceScope: "all" | "group" | "none";
  deviceGroupId: number | null;
  /** Allowed IPs/CIDRs, newline-separated; null when unrestricted. */
  allowedIps: string | null;
  /** The token's own permissions ∩ its creator's current role. */
  permissions: ReadonlySet<string>;
  /** Access tokens issued before this instant (ms) are void: set when the credential changes. */
  accessNotBefore: number | null;
}

interface Row extends Omit<TokenState, "permissions"> {
  permissions: string | null;
}

/**
 * Each process's in-memory view of every API token (status, expiry, creator, effective
 * permissions, allowlist) and of the individually revoked access tokens, so a bearer call is
 * checked without a database read.
 *
 * Kept current two ways: a write committed by this process (lib/db/client.ts writeTransaction)
 * marks it stale at once; writes by any other process or connection change SQLite's
 * `PRAGMA data_version`, polled every `pollMs`. Stale state is reloaded, in one pass, by the
 * next call that needs it — so a revocation is seen at once here and within `pollMs` elsewhere.
 */
export class TokenStateCache {
  private readonly tokensStmt: Statement;
  private readonly revokedStmt: Statement;
  private readonly versionStmt: Statement;
  private tokens = new Map<string, TokenState>();
  private revoked = new Set<string>();
  private stale = true;
  private version = -1;
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Db,
    private readonly pollMs = 250,
  ) {
    const client = db.$client;
    this.tokensStmt = client.prepare(`
      SELECT t.id, t.title, t.expires_on AS expiresOn, t.revoked_at AS revokedAt, u.status AS creatorStatus,
        t.device_scope AS deviceScope, t.device_group_id AS deviceGroupId,
        (SELECT group_concat(cidr, char(10)) FROM (SELECT cidr FROM token_allowed_ips WHERE token_id = t.id ORDER BY position)) AS allowedIps,
        (SELECT group_concat(tp.permission, ' ') FROM token_permissions tp
           JOIN role_permissions rp ON rp.permission = tp.permission AND rp.role_id = u.role_id
           WHERE tp.token_id = t.id) AS permissions,
        x.access_not_before AS accessNotBefore
      FROM api_tokens t JOIN "user" u ON u.id = t.creator_id
      LEFT JOIN token_exchanges x ON x.token_id = t.id`);
    this.revokedStmt = client.prepare(`SELECT jti FROM revoked_access_tokens WHERE expires_at > ?`).pluck();
    this.versionStmt = client.prepare(`PRAGMA data_version`).pluck();
    this.unsubscribe = onWriteCommitted((written) => {
      if (written === db) this.stale = true;
    });
  }

  /** Starts watching other processes' writes; returns the function that stops it. */
  start(): () => void {
    this.timer ??= setInterval(() => this.poll(), this.pollMs);
    this.timer.unref();
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe();
  }

  /** Marks the state stale when another connection committed since the last look. */
  poll(): void {
    const v = this.versionStmt.get() as number;
    if (v !== this.version) {
      this.version = v;
      this.stale = true;
    }
  }

  /** Forces a reload on next use (a change this process made outside writeTransaction). */
  invalidate(): void {
    this.stale = true;
  }

  get(tokenId: string, now = Date.now()): TokenState | undefined {
    if (this.stale) this.reload(now);
    return this.tokens.get(tokenId);
  }

  isRevoked(jti: string, now = Date.now()): boolean {
    if (this.stale) this.reload(now);
    return this.revoked.has(jti);
  }

  private reload(now: number): void {
    // Clear first: a change committed while reading is caught by the next poll, never lost.
    this.stale = false;
    this.version = this.versionStmt.get() as number;
    const tokens = new Map<string, TokenState>();
    for (const r of this.tokensStmt.all() as Row[]) {
      tokens.set(r.id, { ...r, permissions: new Set(r.permissions ? r.permissions.split(" ") : []) });
    }
    this.tokens = tokens;
    this.revoked = new Set(this.revokedStmt.all(now) as string[]);
  }
}
