import "server-only";
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getKeywardDb, type KeywardDb } from "@/lib/db/database";
import { claimIdempotencyKey } from "./idempotency";
import { apiTokens, deviceGroups, rolePermissions, tokenAllowedIps, tokenPermissions, user, userDeviceGroups } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/domain/errors";
import type { Actor } from "@/lib/domain/actor";
import { encryptTokenSecret } from "@/lib/crypto/token-crypto";
import { beyondRole, normalizePermissions, isPermission } from "@/lib/domain/permissions";
import { msg } from "@/lib/domain/message";
import { generateSecret } from "@/lib/crypto/secret";
import { clock } from "@/lib/domain/clock";
import { expiringSoonRange, expiryCutoff, TOKEN_STATUSES, type TokenStatus } from "@/lib/domain/token-status";
import { isTokenStatusFilter, type TokenListFilter, type TokenListSort } from "@/lib/domain/token-list-query";
import { enqueueTokenNotice } from "@/lib/notify/outbox";
import { recordEvent } from "./record-event";
import { rotationDueFor } from "./rotation-due";

/** What createToken writes: the already-parsed, normalised form values. */
export interface CreateTokenData {
  title: string;
  description: string;
  tokenType: "generated" | "public_key";
  /** Normalised PEM, already confirmed by node:crypto; only for public_key. */
  publicKeyPem?: string;
  publicKeyFingerprint?: string;
  expiresOn: string;
  permissions: readonly string[];
  /** Normalised CIDRs, in the order the user entered them. */
  allowedIps: readonly string[];
}

export interface CreatedToken {
  tokenId: string;
  title: string;
  expiresOn: string;
  /** Present only for generated tokens, and only in this one response. */
  secret?: string;
}

export type DeviceScope =
  | { scope: "group"; groupId: number; groupName: string }
  | { scope: "all"; groupId: null; groupName: string }
  | { scope: "none"; groupId: null; groupName: string };

// Stored as the token's device-group snapshot (and in its event), so kept in English; the
// console shows the scope in the viewer's language (tokens.deviceScope.*).
export const ALL_DEVICE_GROUPS = "All device groups";
export const NO_DEVICE_GROUP = "None";

/**
 * The device-group snapshot a new token gets from its creator: their only group; every group
 * when they have none (no restriction); none when they have several (ambiguous, so no devices).
 */
export function deviceScopeFor(groups: readonly { id: number; name: string }[]): DeviceScope {
  if (groups.length === 1) return { scope: "group", groupId: groups[0].id, groupName: groups[0].name };
  if (groups.length === 0) return { scope: "all", groupId: null, groupName: ALL_DEVICE_GROUPS };
  return { scope: "none", groupId: null, groupName: NO_DEVICE_GROUP };
}

/**
 * A token may not hold permissions beyond its creator's role. The field error names them by
 * code; the console's action names them in the viewer's language from `permissions`.
 */
export class PermissionsBeyondRoleError extends ValidationError {
  constructor(public readonly permissions: string[]) {
    super(msg("errors.fieldsNeedAttention"), { permissions: [msg("tokenRules.beyondRole", { names: permissions.join(", ") })] });
  }
}

/** One line explaining the snapshot on the creation form (a message key). */
export function deviceScopeExplanation(scope: DeviceScope): string {
  switch (scope.scope) {
    case "group":
      return msg("tokens.deviceScope.groupExplanation", { group: scope.groupName });
    case "all":
      return msg("tokens.deviceScope.allExplanation");
    case "none":
      return msg("tokens.deviceScope.noneExplanation");
  }
}

function foldTitle(title: string): string {
  return title.normalize("NFC").toLowerCase();
}


/**
 * Creates a token for the actor. Permissions must lie within the creator's role (refused, not
 * trimmed, so a tampered form is visible); the title must be unique among the creator's live
 * tokens. Token, permissions, allowed IPs and the token.created event share one write
 * transaction. The secret is returned here once and stored only encrypted.
 */
export async function createToken({
  actor,
  input,
  idempotencyKey,
  now = clock.now(),
  db = getKeywardDb(),
}: {
  actor: Actor;
  input: CreateTokenData;
  idempotencyKey?: string;
  now?: number;
  db?: KeywardDb;
}): Promise<CreatedToken> {
  if (input.tokenType === "public_key" && !input.publicKeyPem) {
    throw new ValidationError(msg("errors.fieldsNeedAttention"), { publicKey: [msg("keyRules.missing")] });
  }
  const tokenId = crypto.randomUUID();
  const secret = input.tokenType === "generated" ? generateSecret() : undefined;
  // Encrypting outside the transaction keeps the write lock short.
  const ciphertext = secret ? encryptTokenSecret(tokenId, secret) : null;
  const title = input.title;

  await db.transaction(async (tx) => {
    const q = tx.q;
    // A replay of this form's submission is refused; a refusal below rolls the claim back.
    await claimIdempotencyKey(tx, actor.id, idempotencyKey, now);
    // Re-read the creator inside the transaction: a role change or suspension that landed
    // after the request was authorised still counts.
    const [creator] = await q.select({ status: user.status, roleId: user.roleId }).from(user).where(eq(user.id, actor.id)).limit(1);
    if (!creator || creator.status !== "active") throw new ForbiddenError(msg("tokenRules.accountCantCreate"));
    const rolePerms = creator.roleId
      ? (await q.select({ p: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, creator.roleId))).map((r) => r.p)
      : [];
    if (!rolePerms.includes("api-credentials.manage")) throw new ForbiddenError(msg("errors.noPermission"));

    const requested = normalizePermissions(input.permissions);
    const unknown = input.permissions.filter((p) => !isPermission(p));
    const beyond = beyondRole(requested, rolePerms);
    if (unknown.length || beyond.length) {
      throw new PermissionsBeyondRoleError([...beyond, ...unknown]);
    }
    if (requested.length === 0) {
      throw new ValidationError(msg("errors.fieldsNeedAttention"), { permissions: [msg("tokenRules.choosePermission")] });
    }

    const liveTitles = await q
      .select({ title: apiTokens.title })
      .from(apiTokens)
      .where(and(eq(apiTokens.creatorId, actor.id), sql`${apiTokens.revokedAt} IS NULL`, sql`${apiTokens.expiresOn} >= ${expiryCutoff(now)}`));
    const folded = foldTitle(title);
    if (liveTitles.some((t) => foldTitle(t.title) === folded)) {
      throw new ConflictError(msg("errors.fieldsNeedAttention"), {
        title: [msg("tokenRules.titleTaken")],
      });
    }

    // One key, one token: a key shared by two live tokens would make either one's signature
    // valid for both, and revoking one would not stop the key. Across every user's tokens; the
    // message names no other token, so it reveals nothing about anyone else's.
    if (input.tokenType === "public_key") {
      const sameKey = [eq(apiTokens.publicKeyPem, input.publicKeyPem!)];
      if (input.publicKeyFingerprint) sameKey.push(eq(apiTokens.publicKeyFingerprint, input.publicKeyFingerprint));
      const inUse = await q
        .select({ id: apiTokens.id })
        .from(apiTokens)
        .where(and(eq(apiTokens.type, "public_key"), or(...sameKey), sql`${apiTokens.revokedAt} IS NULL`, sql`${apiTokens.expiresOn} >= ${expiryCutoff(now)}`))
        .limit(1);
      if (inUse.length) {
        throw new ConflictError(msg("errors.fieldsNeedAttention"), { publicKey: [msg("keyRules.alreadyUsed")] });
      }
    }

    const groups = await q
      .select({ id: deviceGroups.id, name: deviceGroups.name })
      .from(userDeviceGroups)
      .innerJoin(deviceGroups, eq(deviceGroups.id, userDeviceGroups.deviceGroupId))
      .where(eq(userDeviceGroups.userId, actor.id));
    const scope = deviceScopeFor(groups);

    await q
      .insert(apiTokens)
      .values({
        id: tokenId,
        title,
        description: input.description,
        type: input.tokenType,
        secretCiphertext: ciphertext,
        publicKeyPem: input.tokenType === "public_key" ? input.publicKeyPem : null,
        publicKeyFingerprint: input.tokenType === "public_key" ? (input.publicKeyFingerprint ?? null) : null,
        creatorId: actor.id,
        createdAt: new Date(now),
        expiresOn: input.expiresOn,
        deviceScope: scope.scope,
        deviceGroupId: scope.groupId,
        deviceGroupName: scope.groupName,
      });
    await q.insert(tokenPermissions).values(requested.map((permission) => ({ tokenId, permission })));
    if (input.allowedIps.length) {
      await q.insert(tokenAllowedIps).values(input.allowedIps.map((cidr, position) => ({ tokenId, cidr, position })));
    }
    await recordEvent(tx, {
      actor: { type: "user", id: actor.id, label: actor.email },
      action: "token.created",
      target: { type: "token", id: tokenId, label: title },
      sourceIp: actor.ip,
      at: new Date(now),
      // Never the secret or the key material: events are shown to other administrators.
      details: {
        title,
        type: input.tokenType,
        expiresOn: input.expiresOn,
        permissions: requested,
        allowedIps: input.allowedIps.length,
        deviceGroup: scope.groupName,
      },
    });
    await enqueueTokenNotice(tx, { tokenId, kind: "created" });
  });

  return { tokenId, title, expiresOn: input.expiresOn, ...(secret ? { secret } : {}) };
}

// ---- Listing ----

export const TOKEN_PAGE_SIZE = 25;
export { TOKEN_STATUSES };

export interface TokenListItemDto {
  id: string;
  title: string;
  type: "generated" | "public_key";
  createdBy: string;
  createdAt: string;
  expiresOn: string;
  lastUsedAt: string | null;
  status: TokenStatus;
  /** How many allowed IP addresses or ranges; 0 means any address may use the token. */
  allowedIpCount: number;
  /** The earliest deadline (YYYY-MM-DD, UTC) of a rotation campaign waiting for this token; null when none is. */
  rotationDueOn: string | null;
}

export interface TokenListDto {
  items: TokenListItemDto[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/** The list row a client may see: never ciphertext, key material or internal columns. */
export function tokenListItemDto(row: {
  id: string;
  title: string;
  type: "generated" | "public_key";
  creatorName: string;
  createdAt: Date;
  expiresOn: string;
  lastUsedAt: Date | null;
  status: TokenStatus;
  allowedIpCount: number;
  rotationDueOn?: string | null;
}): TokenListItemDto {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    createdBy: row.creatorName,
    createdAt: row.createdAt.toISOString(),
    expiresOn: row.expiresOn,
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
    status: row.status,
    allowedIpCount: row.allowedIpCount,
    rotationDueOn: row.rotationDueOn ?? null,
  };
}

/** tokenStatus in SQL; the expiry test is the domain rule's own SQL form (expiryCutoff). */
function statusSql(now: number): SQL<TokenStatus> {
  return sql<TokenStatus>`CASE
    WHEN ${apiTokens.revokedAt} IS NOT NULL THEN 'revoked'
    WHEN ${apiTokens.expiresOn} < ${expiryCutoff(now)} THEN 'expired'
    WHEN ${user.status} <> 'active' THEN 'suspended'
    ELSE 'active' END`;
}

type Dialect = KeywardDb["dialect"];

// In the filters below a unary + keeps each column out of index lookups on SQLite: the list must
// walk the index of its order (which covers these columns) and filter there, not range over
// another index and sort what it finds. Without statistics the planner would guess the latter. A
// count has no order to keep, so there the columns stay plain: a status or expiry window is then
// a range of an expiry index (58,000 of 100,000 entries for "active", a few hundred for "expiring
// soon") instead of every entry of the order's index. PostgreSQL plans from its statistics and
// has no unary + on text, so there they are always plain.
const column = (c: AnyColumn, unindexed: boolean) => (unindexed ? sql`+${c}` : sql`${c}`);

/** expiringSoonRange in SQL: live (not revoked, not expired) and expiring within the window. */
function expiringSoonSql(now: number, unindexed: boolean): SQL {
  const { from, to } = expiringSoonRange(now);
  const expiresOn = column(apiTokens.expiresOn, unindexed);
  return sql`(${column(apiTokens.revokedAt, unindexed)} IS NULL AND ${expiresOn} >= ${from} AND ${expiresOn} <= ${to})`;
}

// The creators whose live tokens are suspended: only dozens of users, so a small list to probe.
const suspendedCreators = sql`(SELECT ${user.id} FROM ${user} WHERE ${user.status} <> 'active')`;

/**
 * A status as predicates on the token's own columns (the rule statusSql states), which the
 * list's indexes cover: a status filter reads index entries, never each row and its creator.
 */
function statusIsSql(status: TokenStatus, now: number, unindexed: boolean, dialect: Dialect): SQL {
  const cutoff = expiryCutoff(now);
  const revokedAt = column(apiTokens.revokedAt, unindexed);
  const expiresOn = column(apiTokens.expiresOn, unindexed);
  const creatorId = column(apiTokens.creatorId, dialect === "sqlite");
  const live = sql`${revokedAt} IS NULL AND ${expiresOn} >= ${cutoff}`;
  switch (status) {
    case "revoked":
      return sql`${revokedAt} IS NOT NULL`;
    case "expired":
      return sql`(${revokedAt} IS NULL AND ${expiresOn} < ${cutoff})`;
    case "suspended":
      return sql`(${live} AND ${creatorId} IN ${suspendedCreators})`;
    case "active":
      return sql`(${live} AND ${creatorId} NOT IN ${suspendedCreators})`;
  }
}

/** Below three characters a trigram index cannot answer; those searches read every title. */
const TRIGRAM = 3;

/** The user's text as one quoted FTS5 phrase, so it is never FTS syntax; null below a trigram. */
function searchPhrase(q: string | undefined): string | null {
  const term = q?.trim();
  return term && [...term].length >= TRIGRAM ? `"${term.replaceAll('"', '""')}"` : null;
}

/**
 * The search: a case-insensitive substring of the title or the token ID, through each dialect's
 * trigram index. SQLite: from three characters the FTS5 table api_tokens_search (migration
 * 0008), whose matches are api_tokens rowids; shorter ones compare directly. PostgreSQL: ILIKE,
 * which the pg_trgm indexes on title and id serve (drizzle/pg/0001), the text escaped so it is
 * never a pattern.
 */
function searchSql(q: string, dialect: Dialect): SQL {
  if (dialect === "postgres") {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return sql`(${apiTokens.title} ILIKE ${pattern} OR ${apiTokens.id} ILIKE ${pattern})`;
  }
  const phrase = searchPhrase(q);
  if (phrase) {
    // Unary + keeps the planner on the order's index, probing the set of matching rowids (which
    // that index holds) instead of fetching the matches and sorting them: bounded however many
    // titles match.
    return sql`+${apiTokens}.rowid IN (SELECT rowid FROM api_tokens_search WHERE api_tokens_search MATCH ${phrase})`;
  }
  const term = q.toLowerCase();
  return sql`(instr(lower(${apiTokens.title}), ${term}) > 0 OR instr(lower(${apiTokens.id}), ${term}) > 0)`;
}

/**
 * How many tokens the search matches, read from SQLite's trigram index alone (exported for its
 * query-plan test); null when the search is too short for the index, and on PostgreSQL, whose
 * count is the list's own.
 */
export function searchMatchCountQuery(q: string | undefined, db: KeywardDb = getKeywardDb()) {
  const phrase = db.dialect === "sqlite" ? searchPhrase(q) : null;
  return phrase === null ? null : db.q.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(sql`api_tokens_search`).where(sql`api_tokens_search MATCH ${phrase}`);
}

const ORDER: Record<TokenListSort, SQL[]> = {
  created: [desc(apiTokens.createdAt), asc(apiTokens.id)],
  "expiry-asc": [asc(apiTokens.expiresOn), desc(apiTokens.createdAt), asc(apiTokens.id)],
  "expiry-desc": [desc(apiTokens.expiresOn), desc(apiTokens.createdAt), asc(apiTokens.id)],
};

/** The filters of a list request: for its page of IDs, or (forCount) for its count. */
export function tokenListWhere({
  actor,
  q,
  status,
  now,
  forCount = false,
  dialect = getKeywardDb().dialect,
}: {
  actor: Actor;
  q?: string;
  status?: TokenListFilter | null;
  now: number;
  forCount?: boolean;
  dialect?: Dialect;
}): SQL | undefined {
  const unindexed = dialect === "sqlite" && !forCount;
  const conditions: SQL[] = [];
  if (!actor.isSystemAdmin) conditions.push(eq(apiTokens.creatorId, actor.id));
  const term = q?.trim();
  if (term) conditions.push(searchSql(term, dialect));
  if (status === "expiring-soon") conditions.push(expiringSoonSql(now, unindexed));
  else if (isTokenStatusFilter(status ?? null)) conditions.push(statusIsSql(status as TokenStatus, now, unindexed, dialect));
  return conditions.length ? and(...conditions) : undefined;
}

/** The list's count query (exported for its query-plan test). */
export function tokenCountQuery(where: SQL | undefined, db: KeywardDb = getKeywardDb()) {
  return db.q.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(apiTokens).where(where);
}

/**
 * The IDs of one page, read from the order's covering index alone: a deep page skips index
 * entries, not rows, so it costs about what the first page costs (exported for its query-plan test).
 */
export function tokenPageIdsQuery(where: SQL | undefined, sort: TokenListSort, page: number, db: KeywardDb = getKeywardDb()) {
  return db.q
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(where)
    .orderBy(...ORDER[sort])
    .limit(TOKEN_PAGE_SIZE)
    .offset((page - 1) * TOKEN_PAGE_SIZE);
}

/**
 * A page of the tokens the actor may see: every token for a System Administrator, otherwise
 * only their own (the owner is in the WHERE). Searches title (case-insensitive) or token ID;
 * filters by status or "expiring-soon"; sorts newest first or by expiry date.
 */
export async function listTokens({
  actor,
  q,
  status,
  sort = "created",
  page = 1,
  now = clock.now(),
  db = getKeywardDb(),
}: {
  actor: Actor;
  q?: string;
  status?: TokenListFilter | null;
  sort?: TokenListSort;
  page?: number;
  now?: number;
  db?: KeywardDb;
}): Promise<TokenListDto> {
  const { dialect } = db;
  const where = tokenListWhere({ actor, q, status, now, dialect });
  // A search's own count comes from the index: nothing matched means no list query at all, and
  // when the search is the only condition it is the total.
  const countQuery = searchMatchCountQuery(q, db);
  const matches = countQuery ? (await countQuery)[0].n : null;
  const searchOnly = actor.isSystemAdmin && status !== "expiring-soon" && !isTokenStatusFilter(status ?? null);
  const total =
    matches === 0 ? 0 : matches !== null && searchOnly ? matches : (await tokenCountQuery(tokenListWhere({ actor, q, status, now, forCount: true, dialect }), db))[0].n;
  const pageCount = Math.max(1, Math.ceil(total / TOKEN_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const ids = total === 0 ? [] : (await tokenPageIdsQuery(where, sort, current, db)).map((r) => r.id);
  if (!ids.length) return { items: [], total, page: current, pageCount, pageSize: TOKEN_PAGE_SIZE };
  const rows = await db.q
    .select({
      id: apiTokens.id,
      title: apiTokens.title,
      type: apiTokens.type,
      creatorName: user.name,
      createdAt: apiTokens.createdAt,
      expiresOn: apiTokens.expiresOn,
      lastUsedAt: apiTokens.lastUsedAt,
      status: statusSql(now),
      allowedIpCount: sql<number>`(SELECT count(*) FROM ${tokenAllowedIps} WHERE ${tokenAllowedIps.tokenId} = ${apiTokens.id})`.mapWith(Number),
    })
    .from(apiTokens)
    .innerJoin(user, eq(user.id, apiTokens.creatorId))
    .where(inArray(apiTokens.id, ids));
  // The page's order is the ID query's; putting 25 rows back in it costs no SQL sort.
  const byId = new Map(rows.map((r) => [r.id, r]));
  const due = await rotationDueFor(ids, db);
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [tokenListItemDto({ ...row, rotationDueOn: due.get(id) })] : [];
  });
  return { items, total, page: current, pageCount, pageSize: TOKEN_PAGE_SIZE };
}
