import "server-only";
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { getKeywardDb, type KeywardDb, type Queries } from "@/lib/db/database";
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
async function totalsOf(db: Queries, campaignIds: number[]): Promise<Map<number, CampaignTotals>> {
  const out = new Map(campaignIds.map((id) => [id, emptyTotals()]));
  if (!campaignIds.length) return out;
  const rows = await db.q
    .select({ campaignId: rotationCampaignTokens.campaignId, state: rotationCampaignTokens.state, n: sql<number>`count(*)`.mapWith(Number) })
    .from(rotationCampaignTokens)
    .where(inArray(rotationCampaignTokens.campaignId, campaignIds))
    .groupBy(rotationCampaignTokens.campaignId, rotationCampaignTokens.state);
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
export async function listCampaigns({ actor, page = 1, pageSize = CAMPAIGNS_PAGE_SIZE, db = getKeywardDb() }: { actor: Actor; page?: number; pageSize?: number; db?: KeywardDb }): Promise<Page<CampaignListItem>> {
  requireAdmin(actor);
  const [{ n: total }] = await db.q.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(rotationCampaigns);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await db.q
    .select()
    .from(rotationCampaigns)
    .orderBy(desc(rotationCampaigns.createdAt), desc(rotationCampaigns.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  const totals = await totalsOf(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => listItem(r, totals.get(r.id)!)), total, page: current, pageSize, pageCount };
}

/** One campaign with its totals; null when there is none with this ID. */
export async function getCampaign({ actor, id, db = getKeywardDb() }: { actor: Actor; id: number; db?: KeywardDb }): Promise<CampaignDto | null> {
  requireAdmin(actor);
  const [r] = await db.q.select().from(rotationCampaigns).where(eq(rotationCampaigns.id, id));
  if (!r) return null;
  return {
    ...listItem(r, (await totalsOf(db, [r.id])).get(r.id)!),
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

function tokenRows(db: Queries, where: SQL) {
  return db.q
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

function tokenRow(r: Awaited<ReturnType<typeof tokenRows>>[number]): CampaignTokenRow {
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
export async function campaignTokensPage({
  actor,
  campaignId,
  filter = {},
  page = 1,
  pageSize = CAMPAIGN_TOKENS_PAGE_SIZE,
  db = getKeywardDb(),
}: {
  actor: Actor;
  campaignId: number;
  filter?: CampaignTokenFilter;
  page?: number;
  pageSize?: number;
  db?: KeywardDb;
}): Promise<Page<CampaignTokenRow>> {
  requireAdmin(actor);
  const where = tokenConditions(campaignId, filter);
  const [{ n: total }] = await db.q
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(rotationCampaignTokens)
    .leftJoin(user, eq(user.id, rotationCampaignTokens.ownerId))
    .where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await tokenRows(db, where)
    .orderBy(sql`lower(${rotationCampaignTokens.title})`, asc(rotationCampaignTokens.tokenId))
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  return { rows: rows.map(tokenRow), total, page: current, pageSize, pageCount };
}

export const CAMPAIGN_CSV_HEADER = ["token_id", "title", "owner_email", "last_used_at", "state", "acted_at"] as const;
const CSV_BATCH = 500;

/**
 * The campaign's tokens as CSV, a batch of lines at a time (keyset on the token ID, so a large
 * campaign is never held in memory): the header, then one line per token. No secret is read.
 * Refuses a non-administrator before the first line; null when there is no such campaign.
 */
export async function campaignCsv({ actor, campaignId, db = getKeywardDb() }: { actor: Actor; campaignId: number; db?: KeywardDb }): Promise<AsyncIterable<string> | null> {
  requireAdmin(actor);
  if (!(await db.q.select({ id: rotationCampaigns.id }).from(rotationCampaigns).where(eq(rotationCampaigns.id, campaignId))).length) return null;
  return (async function* () {
    yield csvLine(CAMPAIGN_CSV_HEADER);
    let after = "";
    for (;;) {
      const rows = (
        await tokenRows(db, and(eq(rotationCampaignTokens.campaignId, campaignId), gt(rotationCampaignTokens.tokenId, after))!)
          .orderBy(asc(rotationCampaignTokens.tokenId))
          .limit(CSV_BATCH)
      ).map(tokenRow);
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
export async function campaignUserOptions({ actor, db = getKeywardDb() }: { actor: Actor; db?: KeywardDb }): Promise<CampaignUserOption[]> {
  requireAdmin(actor);
  return db.q.select({ id: user.id, name: user.name, email: user.email }).from(user).orderBy(sql`lower(${user.name})`, user.email);
}
