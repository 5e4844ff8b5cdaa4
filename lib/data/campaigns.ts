import "server-only";
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { apiTokens, rotationCampaignTokens, rotationCampaigns, user } from "@/lib/db/schema";
import type { Actor } from "@/lib/domain/actor";
import type { CampaignAction, CampaignScope, CampaignStatus, CampaignTokenState, CampaignTotals } from "@/lib/domain/campaign";
import { csvLine } from "@/lib/domain/csv";
import { ForbiddenError } from "@/lib/domain/errors";
import { msg } from "@/lib/domain/message";
import type { Page } from "./users";

// The read side of rotation campaigns (PRODUCT "Rotation campaigns"): the list, a campaign with
// its totals, its tokens a page at a time, and the CSV export. System Administrators only; the
// writes live in lib/rotation/campaigns.ts.

export const CAMPAIGNS_PAGE_SIZE = 25;
export const CAMPAIGN_TOKENS_PAGE_SIZE = 50;

function requireAdmin(actor: Actor): void {
  if (!actor.isSystemAdmin) throw new ForbiddenError(msg("errors.noPermission"));
}

export interface CampaignListItem {
  id: number;
  name: string;
  status: CampaignStatus;
  action: CampaignAction;
  deadlineOn: string;
  createdAt: string;
  totals: CampaignTotals;
}

export interface CampaignDto extends CampaignListItem {
  reason: string;
  scope: CampaignScope;
  deadlineAt: string;
  createdByEmail: string;
  forcedAt: string | null;
  endedAt: string | null;
}

export interface CampaignTokenRow {
  tokenId: string;
  title: string;
  /** The owner now; null once the user is deleted (the row keeps their ID only). */
  owner: { name: string; email: string } | null;
  /** Null when never used, or when the token itself is gone. */
  lastUsedAt: string | null;
  state: CampaignTokenState;
  actedAt: string | null;
}

const emptyTotals = (): CampaignTotals => ({ inScope: 0, rotated: 0, pending: 0, rotatedAutomatically: 0, revoked: 0, ended: 0 });

const TOTAL_OF_STATE: Record<CampaignTokenState, Exclude<keyof CampaignTotals, "inScope">> = {
  pending: "pending",
  rotated: "rotated",
  rotated_auto: "rotatedAutomatically",
  revoked: "revoked",
  ended: "ended",
};

/** Each campaign's totals from one grouped count: In scope is every enrolled row, whatever its state. */
function totalsOf(db: Db, campaignIds: number[]): Map<number, CampaignTotals> {
  const out = new Map(campaignIds.map((id) => [id, emptyTotals()]));
  if (!campaignIds.length) return out;
  const rows = db
    .select({ campaignId: rotationCampaignTokens.campaignId, state: rotationCampaignTokens.state, n: sql<number>`count(*)` })
    .from(rotationCampaignTokens)
    .where(inArray(rotationCampaignTokens.campaignId, campaignIds))
    .groupBy(rotationCampaignTokens.campaignId, rotationCampaignTokens.state)
    .all();
  for (const r of rows) {
    const totals = out.get(r.campaignId)!;
    totals[TOTAL_OF_STATE[r.state]] += r.n;
    totals.inScope += r.n;
  }
  return out;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type CampaignRow = typeof rotationCampaigns.$inferSelect;

function listItem(r: CampaignRow, totals: CampaignTotals): CampaignListItem {
  return { id: r.id, name: r.name, status: r.status, action: r.action, deadlineOn: r.deadlineOn, createdAt: r.createdAt.toISOString(), totals };
}

function scopeOf(r: CampaignRow): CampaignScope {
  if (r.scopeKind === "older_than") return { kind: "older_than", days: r.scopeDays ?? 0 };
  if (r.scopeKind === "users") return { kind: "users", userIds: r.scopeUserIds ?? [] };
  return { kind: "all" };
}

/** Campaigns, newest first, a page at a time, each with its totals. */
export function listCampaigns({ actor, page = 1, pageSize = CAMPAIGNS_PAGE_SIZE, db = getDb() }: { actor: Actor; page?: number; pageSize?: number; db?: Db }): Page<CampaignListItem> {
  requireAdmin(actor);
  const total = db.select({ n: sql<number>`count(*)` }).from(rotationCampaigns).get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = db
    .select()
    .from(rotationCampaigns)
    .orderBy(desc(rotationCampaigns.createdAt), desc(rotationCampaigns.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize)
    .all();
  const totals = totalsOf(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => listItem(r, totals.get(r.id)!)), total, page: current, pageSize, pageCount };
}

/** One campaign with its totals; null when there is none with this ID. */
export function getCampaign({ actor, id, db = getDb() }: { actor: Actor; id: number; db?: Db }): CampaignDto | null {
  requireAdmin(actor);
  const r = db.select().from(rotationCampaigns).where(eq(rotationCampaigns.id, id)).get();
  if (!r) return null;
  return {
    ...listItem(r, totalsOf(db, [r.id]).get(r.id)!),
    reason: r.reason,
    scope: scopeOf(r),
    deadlineAt: r.deadlineAt.toISOString(),
    createdByEmail: r.createdByEmail,
    forcedAt: iso(r.forcedAt),
    endedAt: iso(r.endedAt),
  };
}

export interface CampaignTokenFilter {
  state?: CampaignTokenState | null;
  /** A case-insensitive substring of the title (as enrolled) or of the owner's email. */
  q?: string;
}

function tokenConditions(campaignId: number, { state, q }: CampaignTokenFilter): SQL {
  const conditions: SQL[] = [eq(rotationCampaignTokens.campaignId, campaignId)];
  if (state) conditions.push(eq(rotationCampaignTokens.state, state));
  if (q) {
    // LIKE wildcards in q match literally.
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(lower(${rotationCampaignTokens.title}) like ${pattern} escape '\\' or lower(${user.email}) like ${pattern} escape '\\')`);
  }
  return and(...conditions)!;
}

function tokenRows(db: Db, where: SQL) {
  return db
    .select({
      tokenId: rotationCampaignTokens.tokenId,
      title: rotationCampaignTokens.title,
      ownerName: user.name,
      ownerEmail: user.email,
      lastUsedAt: apiTokens.lastUsedAt,
      state: rotationCampaignTokens.state,
      actedAt: rotationCampaignTokens.actedAt,
    })
    .from(rotationCampaignTokens)
    .leftJoin(user, eq(user.id, rotationCampaignTokens.ownerId))
    // The token may be deleted since: the row outlives it.
    .leftJoin(apiTokens, eq(apiTokens.id, rotationCampaignTokens.tokenId))
    .where(where);
}

function tokenRow(r: ReturnType<ReturnType<typeof tokenRows>["all"]>[number]): CampaignTokenRow {
  return {
    tokenId: r.tokenId,
    title: r.title,
    owner: r.ownerEmail === null ? null : { name: r.ownerName ?? "", email: r.ownerEmail },
    lastUsedAt: iso(r.lastUsedAt),
    state: r.state,
    actedAt: iso(r.actedAt),
  };
}

/** A page of a campaign's tokens, filtered by state and text, in a stable order (title, then ID). */
export function campaignTokensPage({
  actor,
  campaignId,
  filter = {},
  page = 1,
  pageSize = CAMPAIGN_TOKENS_PAGE_SIZE,
  db = getDb(),
}: {
  actor: Actor;
  campaignId: number;
  filter?: CampaignTokenFilter;
  page?: number;
  pageSize?: number;
  db?: Db;
}): Page<CampaignTokenRow> {
  requireAdmin(actor);
  const where = tokenConditions(campaignId, filter);
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(rotationCampaignTokens)
    .leftJoin(user, eq(user.id, rotationCampaignTokens.ownerId))
    .where(where)
    .get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = tokenRows(db, where)
    .orderBy(sql`lower(${rotationCampaignTokens.title})`, asc(rotationCampaignTokens.tokenId))
    .limit(pageSize)
    .offset((current - 1) * pageSize)
    .all();
  return { rows: rows.map(tokenRow), total, page: current, pageSize, pageCount };
}

export const CAMPAIGN_CSV_HEADER = ["token_id", "title", "owner_email", "last_used_at", "state", "acted_at"] as const;
const CSV_BATCH = 500;

/**
 * The campaign's tokens as CSV, a batch of lines at a time (keyset on the token ID, so a large
 * campaign is never held in memory): the header, then one line per token. No secret is read.
 * Refuses a non-administrator before the first line; null when there is no such campaign.
 */
export function campaignCsv({ actor, campaignId, db = getDb() }: { actor: Actor; campaignId: number; db?: Db }): Iterable<string> | null {
  requireAdmin(actor);
  if (!db.select({ id: rotationCampaigns.id }).from(rotationCampaigns).where(eq(rotationCampaigns.id, campaignId)).get()) return null;
  return (function* () {
    yield csvLine(CAMPAIGN_CSV_HEADER);
    let after = "";
    for (;;) {
      const rows = tokenRows(db, and(eq(rotationCampaignTokens.campaignId, campaignId), gt(rotationCampaignTokens.tokenId, after))!)
        .orderBy(asc(rotationCampaignTokens.tokenId))
        .limit(CSV_BATCH)
        .all()
        .map(tokenRow);
      if (!rows.length) return;
      yield rows.map((r) => csvLine([r.tokenId, r.title, r.owner?.email ?? "", r.lastUsedAt ?? "", r.state, r.actedAt ?? ""])).join("");
      after = rows.at(-1)!.tokenId;
    }
  })();
}

export interface CampaignUserOption {
  id: string;
  name: string;
  email: string;
}

/** The users a "Tokens of these users" scope may name, by name. */
export function campaignUserOptions({ actor, db = getDb() }: { actor: Actor; db?: Db }): CampaignUserOption[] {
  requireAdmin(actor);
  return db.select({ id: user.id, name: user.name, email: user.email }).from(user).orderBy(sql`lower(${user.name})`, user.email).all();
}
