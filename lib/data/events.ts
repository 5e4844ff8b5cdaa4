import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { apiTokens, events, user } from "@/lib/db/schema";
import { eventActionLabel, isEventAction } from "@/lib/domain/event-actions";
import { isValidTimeZone } from "@/lib/domain/expiry";

export const EVENTS_PAGE_SIZE = 50;

const dateAtom = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

/**
 * The filters as they arrive in the URL. Anything malformed is dropped rather than refused, so
 * a hand-edited link still shows a page; the form only ever produces valid values.
 */
export const eventFiltersSchema = z.object({
  action: z.string().optional().catch(undefined).transform((v) => (v && isEventAction(v) ? v : undefined)),
  actor: z.string().trim().max(254).optional().catch(undefined).transform((v) => v || undefined),
  target: z.string().trim().max(254).optional().catch(undefined).transform((v) => v || undefined),
  from: dateAtom.optional().catch(undefined),
  to: dateAtom.optional().catch(undefined),
  tz: z.string().max(64).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
  after: z.coerce.number().int().positive().optional().catch(undefined),
});
export type EventFilters = z.output<typeof eventFiltersSchema>;

export interface EventDto {
  id: number;
  at: string; // ISO instant
  actorType: string;
  actorLabel: string;
  action: string;
  /** The action's name as an encoded message (eventActions.*), translated where it is shown; an unknown action as recorded. */
  actionLabel: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  /** True when the target is a token that still exists, so it can be linked. */
  targetLinkable: boolean;
  sourceIp: string | null;
  details: Record<string, unknown> | null;
}

export interface EventPage {
  items: EventDto[];
  /** Cursor for the next (older) page, or null on the last page. */
  olderCursor: number | null;
  /** Cursor for the newer page, or null on the newest page. */
  newerCursor: number | null;
}

/** The instant a calendar date starts in a zone (the viewer's "from" and "to"); `days` moves the date. */
export function zonedDayStart(date: string, tz: string, days = 0): number {
  const [y, m, d] = date.split("-").map(Number);
  return new TZDate(y, m - 1, d + days, tz).getTime();
}

/** Email → user id, so the actor/target filters can use the indexes that lead with actor_id / target_id. */
function resolveId(db: Db, value: string): string {
  if (!value.includes("@")) return value;
  return db.select({ id: user.id }).from(user).where(eq(user.email, value.toLowerCase())).get()?.id ?? value;
}

/** Who is reading Event history: a System Administrator sees every event, anyone else their own. */
export interface EventViewer {
  id: string;
  isSystemAdmin: boolean;
}

/**
 * The events a viewer who is not a System Administrator may see: what they did, what was done
 * to their account, and everything about the tokens they created — those they still have and
 * deleted ones alike (token_owner_id). Three conditions, each the head of an index that ends in
 * id, so each is a stream already in page order: a page reads at most a page from each and
 * merges them, never gathering all of a viewer's events to sort them. Part of every page query,
 * so no filter or cursor can reach past it. Null for a System Administrator, who sees everything.
 */
function scopeStreams(viewer: EventViewer): SQL[] | null {
  if (viewer.isSystemAdmin) return null;
  return [eq(events.actorId, viewer.id), eq(events.targetId, viewer.id), eq(events.tokenOwnerId, viewer.id)];
}

type EventRow = typeof events.$inferSelect;

/**
 * The ids of the first `limit` events matching `where` in id order (newest first unless
 * `ascending`) within what a scoped viewer may see: one index-ordered query per scope stream,
 * merged (an event in two streams counts once).
 */
function scopedIds(db: Db, streams: SQL[], where: (SQL | undefined)[], limit: number, ascending: boolean): number[] {
  const order = ascending ? asc(events.id) : desc(events.id);
  const ids = new Set<number>();
  for (const stream of streams) {
    for (const { id } of db.select({ id: events.id }).from(events).where(and(stream, ...where)).orderBy(order).limit(limit).all()) ids.add(id);
  }
  return [...ids].sort((a, b) => (ascending ? a - b : b - a)).slice(0, limit);
}

/** The first `limit` events matching `where` that the viewer may see, in id order (newest first unless `ascending`). */
function firstEvents(db: Db, viewer: EventViewer, where: (SQL | undefined)[], limit: number, ascending = false): EventRow[] {
  const streams = scopeStreams(viewer);
  if (!streams) {
    return db.select().from(events).where(and(...where)).orderBy(ascending ? asc(events.id) : desc(events.id)).limit(limit).all();
  }
  const ids = scopedIds(db, streams, where, limit, ascending);
  if (!ids.length) return [];
  const byId = new Map(db.select().from(events).where(inArray(events.id, ids)).all().map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function filterConditions(db: Db, f: EventFilters): SQL[] {
  const tz = f.tz && isValidTimeZone(f.tz) ? f.tz : "UTC";
  const where: SQL[] = [];
  if (f.action) where.push(eq(events.action, f.action));
  if (f.actor) where.push(eq(events.actorId, resolveId(db, f.actor)));
  if (f.target) where.push(eq(events.targetId, resolveId(db, f.target)));
  // Events are appended as they happen, so id order is time order. A date range therefore
  // becomes an id range found through events_at_idx (two index probes), which every other
  // index ends in; the exact time condition stays as well.
  if (f.from) {
    const from = new Date(zonedDayStart(f.from, tz));
    const first = db.select({ id: events.id }).from(events).where(gte(events.at, from)).orderBy(asc(events.at), asc(events.id)).limit(1).get();
    where.push(gte(events.at, from), gte(events.id, first?.id ?? Number.MAX_SAFE_INTEGER));
  }
  if (f.to) {
    const end = new Date(zonedDayStart(f.to, tz, 1));
    const last = db.select({ id: events.id }).from(events).where(lt(events.at, end)).orderBy(desc(events.at), desc(events.id)).limit(1).get();
    where.push(lt(events.at, end), lte(events.id, last?.id ?? 0));
  }
  return where;
}

/**
 * One page of events, newest first, keyset-paginated on id: `before` pages to older events,
 * `after` to newer ones. Each filter is served by an index that ends in id (action, actor,
 * target), so a page costs the same at a million rows as at a hundred. A viewer who is not a
 * System Administrator gets only their own events (scopeStreams).
 */
export function listEvents(filters: EventFilters, viewer: EventViewer, db: Db = getDb()): EventPage {
  const where = filterConditions(db, filters);
  const size = EVENTS_PAGE_SIZE;
  if (filters.after && !filters.before) {
    const rows = firstEvents(db, viewer, [...where, gt(events.id, filters.after)], size + 1, true);
    const hasNewer = rows.length > size;
    const page = rows.slice(0, size).reverse();
    return finish(db, page, { hasOlder: page.length > 0, hasNewer });
  }
  const rows = firstEvents(db, viewer, [...where, filters.before ? lt(events.id, filters.before) : undefined], size + 1);
  const hasOlder = rows.length > size;
  return finish(db, rows.slice(0, size), { hasOlder, hasNewer: Boolean(filters.before) && rows.length > 0 });
}

function finish(db: Db, rows: EventRow[], page: { hasOlder: boolean; hasNewer: boolean }): EventPage {
  const tokenIds = [...new Set(rows.filter((r) => r.targetType === "token" && r.targetId).map((r) => r.targetId!))];
  const live = new Set(
    tokenIds.length ? db.select({ id: apiTokens.id }).from(apiTokens).where(inArray(apiTokens.id, tokenIds)).all().map((r) => r.id) : [],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorType: r.actorType,
      actorLabel: r.actorLabel,
      action: r.action,
      actionLabel: eventActionLabel(r.action),
      targetType: r.targetType,
      targetId: r.targetId,
      targetLabel: r.targetLabel,
      targetLinkable: r.targetType === "token" && live.has(r.targetId ?? ""),
      sourceIp: r.sourceIp,
      details: r.details ?? null,
    })),
    olderCursor: page.hasOlder && rows.length ? rows[rows.length - 1].id : null,
    newerCursor: page.hasNewer && rows.length ? rows[0].id : null,
  };
}

/** A token's own events, newest first (the token page shows the latest ones). */
export function listTokenEvents(tokenId: string, limit = 100, db: Db = getDb()): EventDto[] {
  const rows = db.select().from(events).where(eq(events.targetId, tokenId)).orderBy(desc(events.id)).limit(limit).all();
  return finish(db, rows, { hasOlder: false, hasNewer: false }).items;
}

/** How many of the newest events the Actor filter's suggestions come from. */
const RECENT_ACTOR_EVENTS = 2000;

/**
 * Actors of the newest events the viewer may see, for the Actor filter's suggestions. Bounded so
 * it stays cheap: for a scoped viewer the ids come from the streams' indexes alone and only the
 * merged window's rows are read, by ids passed as one JSON parameter (a condition on the actor in
 * each stream read every row of all three, then the window's rows again through 2,000 parameters).
 */
export function recentActors(viewer: EventViewer, db: Db = getDb()): { id: string; label: string }[] {
  const streams = scopeStreams(viewer);
  const columns = { id: events.actorId, label: events.actorLabel };
  const recent = streams
    ? db.select(columns).from(events).where(sql`${events.id} IN (SELECT value FROM json_each(${JSON.stringify(scopedIds(db, streams, [], RECENT_ACTOR_EVENTS, false))}))`).orderBy(desc(events.id)).all()
    : db.select(columns).from(events).orderBy(desc(events.id)).limit(RECENT_ACTOR_EVENTS).all();
  const labels = new Map<string, string>();
  for (const r of recent) if (r.id && !labels.has(r.id)) labels.set(r.id, r.label);
  return [...labels].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label)).slice(0, 100);
}
