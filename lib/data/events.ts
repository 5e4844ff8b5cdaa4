import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { getKeywardDb, type KeywardDb } from "@/lib/db/database";
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
async function resolveId(db: KeywardDb, value: string): Promise<string> {
  if (!value.includes("@")) return value;
  const [found] = await db.q.select({ id: user.id }).from(user).where(eq(user.email, value.toLowerCase())).limit(1);
  return found?.id ?? value;
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
async function scopedIds(db: KeywardDb, streams: SQL[], where: (SQL | undefined)[], limit: number, ascending: boolean): Promise<number[]> {
  const order = ascending ? asc(events.id) : desc(events.id);
  const ids = new Set<number>();
  for (const stream of streams) {
    for (const { id } of await db.q.select({ id: events.id }).from(events).where(and(stream, ...where)).orderBy(order).limit(limit)) ids.add(id);
  }
  return [...ids].sort((a, b) => (ascending ? a - b : b - a)).slice(0, limit);
}

/** The first `limit` events matching `where` that the viewer may see, in id order (newest first unless `ascending`). */
async function firstEvents(db: KeywardDb, viewer: EventViewer, where: (SQL | undefined)[], limit: number, ascending = false): Promise<EventRow[]> {
  const streams = scopeStreams(viewer);
  if (!streams) {
    return db.q.select().from(events).where(and(...where)).orderBy(ascending ? asc(events.id) : desc(events.id)).limit(limit);
  }
  const ids = await scopedIds(db, streams, where, limit, ascending);
  if (!ids.length) return [];
  const byId = new Map((await db.q.select().from(events).where(inArray(events.id, ids))).map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function filterConditions(db: KeywardDb, f: EventFilters): Promise<SQL[]> {
  const tz = f.tz && isValidTimeZone(f.tz) ? f.tz : "UTC";
  const where: SQL[] = [];
  if (f.action) where.push(eq(events.action, f.action));
  if (f.actor) where.push(eq(events.actorId, await resolveId(db, f.actor)));
  if (f.target) where.push(eq(events.targetId, await resolveId(db, f.target)));
  // Events are appended as they happen, so id order is time order. A date range therefore
  // becomes an id range found through events_at_idx (two index probes), which every other
  // index ends in; the exact time condition stays as well.
  if (f.from) {
    const from = new Date(zonedDayStart(f.from, tz));
    const [first] = await db.q.select({ id: events.id }).from(events).where(gte(events.at, from)).orderBy(asc(events.at), asc(events.id)).limit(1);
    where.push(gte(events.at, from), gte(events.id, first?.id ?? Number.MAX_SAFE_INTEGER));
  }
  if (f.to) {
    const end = new Date(zonedDayStart(f.to, tz, 1));
    const [last] = await db.q.select({ id: events.id }).from(events).where(lt(events.at, end)).orderBy(desc(events.at), desc(events.id)).limit(1);
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
export async function listEvents(filters: EventFilters, viewer: EventViewer, db: KeywardDb = getKeywardDb()): Promise<EventPage> {
  const where = await filterConditions(db, filters);
  const size = EVENTS_PAGE_SIZE;
  if (filters.after && !filters.before) {
    const rows = await firstEvents(db, viewer, [...where, gt(events.id, filters.after)], size + 1, true);
    const hasNewer = rows.length > size;
    const page = rows.slice(0, size).reverse();
    return finish(db, page, { hasOlder: page.length > 0, hasNewer });
  }
  const rows = await firstEvents(db, viewer, [...where, filters.before ? lt(events.id, filters.before) : undefined], size + 1);
  const hasOlder = rows.length > size;
  return finish(db, rows.slice(0, size), { hasOlder, hasNewer: Boolean(filters.before) && rows.length > 0 });
}

async function finish(db: KeywardDb, rows: EventRow[], page: { hasOlder: boolean; hasNewer: boolean }): Promise<EventPage> {
  const tokenIds = [...new Set(rows.filter((r) => r.targetType === "token" && r.targetId).map((r) => r.targetId!))];
  const live = new Set(tokenIds.length ? (await db.q.select({ id: apiTokens.id }).from(apiTokens).where(inArray(apiTokens.id, tokenIds))).map((r) => r.id) : []);
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
export async function listTokenEvents(tokenId: string, limit = 100, db: KeywardDb = getKeywardDb()): Promise<EventDto[]> {
  const rows = await db.q.select().from(events).where(eq(events.targetId, tokenId)).orderBy(desc(events.id)).limit(limit);
  return (await finish(db, rows, { hasOlder: false, hasNewer: false })).items;
}

/** The ids in a JSON array parameter, as a subquery: each dialect's own JSON table function. */
function idsOfJson(dialect: KeywardDb["dialect"], json: string): SQL {
  return dialect === "sqlite" ? sql`(SELECT value FROM json_each(${json}))` : sql`(SELECT value::bigint FROM json_array_elements_text(${json}::json) AS value)`;
}

/** How many of the newest events the Actor filter's suggestions come from. */
const RECENT_ACTOR_EVENTS = 2000;

/**
 * Actors of the newest events the viewer may see, for the Actor filter's suggestions. Bounded so
 * it stays cheap: for a scoped viewer the ids come from the streams' indexes alone and only the
 * merged window's rows are read, by ids passed as one JSON parameter (a condition on the actor in
 * each stream read every row of all three, then the window's rows again through 2,000 parameters).
 */
export async function recentActors(viewer: EventViewer, db: KeywardDb = getKeywardDb()): Promise<{ id: string; label: string }[]> {
  const streams = scopeStreams(viewer);
  const columns = { id: events.actorId, label: events.actorLabel };
  const recent = streams
    ? await db.q
        .select(columns)
        .from(events)
        .where(sql`${events.id} IN ${idsOfJson(db.dialect, JSON.stringify(await scopedIds(db, streams, [], RECENT_ACTOR_EVENTS, false)))}`)
        .orderBy(desc(events.id))
    : await db.q.select(columns).from(events).orderBy(desc(events.id)).limit(RECENT_ACTOR_EVENTS);
  const labels = new Map<string, string>();
  for (const r of recent) if (r.id && !labels.has(r.id)) labels.set(r.id, r.label);
  return [...labels].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label)).slice(0, 100);
}
