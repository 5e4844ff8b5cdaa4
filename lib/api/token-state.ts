import type { Statement } from "better-sqlite3";
import { sql } from "drizzle-orm";
import { onWriteCommitted, type Db } from "@/lib/db/client";
import type { KeywardDb } from "@/lib/db/database";
import { capToRole } from "@/lib/domain/permissions";
import { RUNNING_CAMPAIGN_STATUSES } from "@/lib/domain/campaign";

/** What a signed request or a bearer call needs to know about its API token, without reading the database. */
export interface TokenState {
  id: string;
  title: string;
  type: "generated" | "public_key";
  /** The key material a signed request is verified with (lib/api/keys.ts). */
  secretCiphertext: Buffer | null;
  publicKeyPem: string | null;
  expiresOn: string;
  revokedAt: number | null;
  creatorStatus: "active" | "suspended";
  deviceScope: "all" | "group" | "none";
  deviceGroupId: number | null;
  /** Allowed IPs/CIDRs, newline-separated; null when unrestricted. */
  allowedIps: string | null;
  /** The token's own permissions capped by its creator's current role (capToRole, the one cap rule). */
  permissions: ReadonlySet<string>;
  /** Access tokens issued before this instant (ms) are void. */
  accessNotBefore: number | null;
  /** Which credential is current (1 at creation, +1 per rotation; access tokens carry it as "cv"). */
  credentialVersion: number;
  /** The credential a rotation replaced, while its row exists (lib/rotation); it verifies only before previousUntil. */
  previousSecretCiphertext: Buffer | null;
  previousPublicKeyPem: string | null;
  previousVersion: number | null;
  previousUntil: number | null;
  /**
   * The earliest deadline (ms) of an active rotation campaign in which this token is still
   * pending, or null: API responses then carry Keyward-Rotate-By.
   */
  rotateBy: number | null;
}

interface Row extends Omit<TokenState, "permissions" | "rotateBy"> {
  own: string | null;
  role: string | null;
}

/** The change-log entry for "campaign enrolments changed" (migration 0012): pending deadlines are re-read, not tokens. */
const CAMPAIGNS_CHANGED = "#campaigns";

/** Changed tokens a refresh forgets one by one; beyond this, forgetting all is cheaper. */
const MAX_PARTIAL = 5_000;

/** Tokens kept per generation: at most twice this many are in memory (about 1 KB each). */
const GENERATION = 10_000;

/**
 * Each process's in-memory view of the API tokens in use (key material, status, expiry, creator,
 * effective permissions, allowlist) and of the individually revoked access tokens, so neither a
 * signed request nor a bearer call reads the database to be checked, bar a token's first call.
 *
 * A token is read by its primary key when first asked for and kept in a bounded two-generation
 * cache (the tokens used recently stay; a whole installation's tokens would cost ~120 MB and
 * seconds to load at 100,000). Kept current two ways: a write committed by this process
 * (lib/db/client.ts writeTransaction) marks it stale at once; writes by any other process or
 * connection change SQLite's `PRAGMA data_version`, polled every `pollMs`. Stale state is
 * refreshed by the next call that needs it — so a revocation is seen at once here and within
 * `pollMs` elsewhere. A refresh forgets only the tokens the triggers of migration 0012 logged in
 * token_state_changes since the last one, or everything when it cannot tell which.
 */
export class TokenStateCache {
  private readonly oneTokenStmt: Statement;
  private readonly allDueStmt: Statement;
  private readonly oneDueStmt: Statement;
  /** Pending campaign deadlines by token, kept apart: enrolling 100,000 tokens re-reads this, not the tokens. */
  private due = new Map<string, number>();
  private readonly lastChangeStmt: Statement;
  private readonly changesStmt: Statement;
  private readonly firstChangeStmt: Statement;
  /** The last token_state_changes row this state includes; -1 before the first load. */
  private seq = -1;
  private readonly revokedStmt: Statement;
  private readonly versionStmt: Statement;
  /** The tokens asked for lately: `young` takes each one read or used; when full it becomes `old`. */
  private young = new Map<string, TokenState>();
  private old = new Map<string, TokenState>();
  /** Many tokens share their permission lists and their creator's role: each pair is capped once. */
  private capped = new Map<string, ReadonlySet<string>>();
  private revoked = new Set<string>();
  private stale = true;
  private version = -1;
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Db,
    private readonly pollMs = 250,
    private readonly generation = GENERATION,
  ) {
    const client = db.$client;
    const select = `
      SELECT t.id, t.title, t.type, t.secret_ciphertext AS secretCiphertext, t.public_key_pem AS publicKeyPem,
        t.expires_on AS expiresOn, t.revoked_at AS revokedAt, u.status AS creatorStatus,
        t.device_scope AS deviceScope, t.device_group_id AS deviceGroupId,
        (SELECT group_concat(cidr, char(10)) FROM (SELECT cidr FROM token_allowed_ips WHERE token_id = t.id ORDER BY position)) AS allowedIps,
        (SELECT group_concat(permission, ' ') FROM token_permissions WHERE token_id = t.id) AS own,
        (SELECT group_concat(permission, ' ') FROM role_permissions WHERE role_id = u.role_id) AS role,
        x.access_not_before AS accessNotBefore, t.credential_version AS credentialVersion,
        p.secret_ciphertext AS previousSecretCiphertext, p.public_key_pem AS previousPublicKeyPem,
        p.version AS previousVersion, p.works_until AS previousUntil
      FROM api_tokens t JOIN "user" u ON u.id = t.creator_id
      LEFT JOIN token_exchanges x ON x.token_id = t.id
      LEFT JOIN token_previous_credentials p ON p.token_id = t.id`;
    this.oneTokenStmt = client.prepare(`${select} WHERE t.id = ?`);
    const due = `SELECT ct.token_id AS id, min(c.deadline_at) AS rotateBy FROM rotation_campaign_tokens ct JOIN rotation_campaigns c ON c.id = ct.campaign_id
      WHERE ct.state = 'pending' AND c.status IN (${RUNNING_CAMPAIGN_STATUSES.map((s) => `'${s}'`).join(", ")})`;
    this.allDueStmt = client.prepare(`${due} GROUP BY ct.token_id`);
    this.oneDueStmt = client.prepare(`${due} AND ct.token_id = ?`);
    this.lastChangeStmt = client.prepare(`SELECT coalesce(max(seq), 0) FROM token_state_changes`).pluck();
    this.changesStmt = client.prepare(`SELECT DISTINCT token_id FROM token_state_changes WHERE seq > ? AND seq <= ?`).pluck();
    this.firstChangeStmt = client.prepare(`SELECT min(seq) FROM token_state_changes WHERE seq > ?`).pluck();
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

  /**
   * Marks the state stale when another connection committed since the last look; returns
   * whether the state is stale, i.e. whether looking again may find something new.
   */
  poll(): boolean {
    const v = this.versionStmt.get() as number;
    if (v !== this.version) {
      this.version = v;
      this.stale = true;
    }
    return this.stale;
  }

  /** Forces a reload on next use (a change this process made outside writeTransaction). */
  invalidate(): void {
    this.stale = true;
  }

  get(tokenId: string, now = Date.now()): TokenState | undefined {
    if (this.stale) this.reload(now);
    const hit = this.young.get(tokenId);
    if (hit) return hit;
    const state = this.old.get(tokenId) ?? this.read(tokenId);
    if (state) this.keep(state);
    return state;
  }

  isRevoked(jti: string, now = Date.now()): boolean {
    if (this.stale) this.reload(now);
    return this.revoked.has(jti);
  }

  private reload(now: number): void {
    // Clear first: a change committed while reading is caught by the next poll, never lost.
    this.stale = false;
    this.version = this.versionStmt.get() as number;
    // Read before the tokens: a change committed in between is read again next time, harmlessly.
    const last = this.lastChangeStmt.get() as number;
    if (last !== this.seq) {
      const changed = this.seq < 0 ? null : this.changedSince(this.seq, last);
      if (changed === null) {
        this.loadDue();
        this.forgetAll();
      } else this.update(changed);
      this.seq = last;
    }
    this.revoked = new Set(this.revokedStmt.all(now) as string[]);
  }

  /**
   * The tokens changed after `from` up to `to`, or null when only a whole reload will do: too
   * many, a role's permissions changed ('*'), or the log was pruned past what this state has seen.
   */
  private changedSince(from: number, to: number): string[] | null {
    const first = this.firstChangeStmt.get(from) as number | null;
    if (first === null || first !== from + 1) return null;
    const ids = this.changesStmt.all(from, to) as string[];
    return ids.length > MAX_PARTIAL || ids.includes("*") ? null : ids;
  }

  private loadDue(): void {
    this.due = new Map((this.allDueStmt.all() as { id: string; rotateBy: number }[]).map((r) => [r.id, r.rotateBy]));
  }

  /**
   * Forgets these tokens (the next call reads each again); CAMPAIGNS_CHANGED re-reads every
   * pending deadline instead of the tokens behind them.
   */
  private update(ids: string[]): void {
    if (ids.includes(CAMPAIGNS_CHANGED)) {
      this.loadDue();
      for (const cached of [this.young, this.old]) for (const [id, state] of cached) state.rotateBy = this.due.get(id) ?? null;
      ids = ids.filter((id) => id !== CAMPAIGNS_CHANGED);
    }
    for (const id of ids) {
      const due = this.oneDueStmt.get(id) as { rotateBy: number | null } | undefined;
      if (due?.rotateBy != null) this.due.set(id, due.rotateBy);
      else this.due.delete(id);
      this.young.delete(id);
      this.old.delete(id);
    }
  }

  private forgetAll(): void {
    this.young = new Map();
    this.old = new Map();
    this.capped = new Map();
  }

  private keep(state: TokenState): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(state.id, state);
  }

  private read(tokenId: string): TokenState | undefined {
    const row = this.oneTokenStmt.get(tokenId) as Row | undefined;
    if (!row) return undefined;
    const { own, role, ...r } = row;
    const pair = `${own ?? ""}|${role ?? ""}`;
    let permissions = this.capped.get(pair);
    if (!permissions) {
      if (this.capped.size >= this.generation) this.capped = new Map();
      permissions = new Set(capToRole(own ? own.split(" ") : [], role ? role.split(" ") : []));
      this.capped.set(pair, permissions);
    }
    return { ...r, permissions, rotateBy: this.due.get(r.id) ?? null };
  }
}

/** How long token_state_changes keeps a row: a process that last looked before that reloads everything. */
export const TOKEN_CHANGES_KEPT_MS = 10 * 60_000;

/**
 * Drops token_state_changes rows older than TOKEN_CHANGES_KEPT_MS (the scheduler's pass), keeping
 * the newest; in batches. SQLite's change log only: on PostgreSQL changes arrive by NOTIFY.
 */
export async function pruneTokenStateChanges(db: KeywardDb, now: number): Promise<number> {
  if (db.dialect !== "sqlite") return 0;
  const old = sql`at < ${now - TOKEN_CHANGES_KEPT_MS} AND seq < (SELECT max(seq) FROM token_state_changes)`;
  let pruned = 0;
  // Read first: a quiet pass (nothing old) takes no write lock.
  if (!(await db.rows(sql`SELECT 1 AS one FROM token_state_changes WHERE ${old} LIMIT 1`)).length) return 0;
  for (;;) {
    const n = await db.transaction(
      async (tx) => (await tx.rows(sql`DELETE FROM token_state_changes WHERE seq IN (SELECT seq FROM token_state_changes WHERE ${old} ORDER BY seq LIMIT 5000) RETURNING seq`)).length,
    );
    pruned += n;
    if (n < 5000) return pruned;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
