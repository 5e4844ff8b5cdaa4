import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getKeywardDb, type KeywardDb, type Queries } from "@/lib/db/database";
import { apiTokens, rotationCampaignTokens, rotationCampaigns } from "@/lib/db/schema";
import { recordEvents, type EventActor, type EventInput } from "@/lib/data/record-event";
import type { Actor } from "@/lib/domain/actor";
import {
  deadlineInstant,
  deadlineIssue,
  RECENT_USE_DAYS,
  REMINDER_DAYS,
  RUNNING_CAMPAIGN_STATUSES,
  reminderDueAt,
  type CampaignAction,
  type CampaignPreview,
  type CampaignScope,
} from "@/lib/domain/campaign";
import { clock } from "@/lib/domain/clock";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/domain/errors";
import { msg } from "@/lib/domain/message";
import { expiryCutoff } from "@/lib/domain/token-status";
import { queueNotices, renderTokenNotices } from "@/lib/notify/outbox";
import { renderCampaignNotices, type CampaignNoticeKind } from "./campaign-notices";
import { replaceCredential } from "./credential";

// No "server-only": the scheduler started by server.ts runs the campaign pass.

const DAY = 86_400_000;
/** Tokens enrolled per statement at the start, and acted on per transaction at the deadline. */
const ENROL_BATCH = 1_000;
const ACT_BATCH = 50;
const OWNER_BATCH = 200;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What New campaign submits, parsed (lib/domain/campaign-schemas.ts). */
export interface NewCampaign {
  name: string;
  reason: string;
  scope: CampaignScope;
  deadlineOn: string;
  action: CampaignAction;
}

function assertAdministrator(actor: Actor): void {
  if (!actor.isSystemAdmin) throw new ForbiddenError(msg("errors.noPermission"));
}

/** Live tokens (not revoked, not expired, creator active) within the scope, as one condition on api_tokens t and user u. */
function scopeCondition(db: KeywardDb, scope: CampaignScope, now: number): SQL {
  // SQLite: unary + keeps these terms off their indexes, so the enrolment reads a rowid range, not
  // every live token sorted. PostgreSQL's planner needs no such hint (and has no + for text).
  const live =
    db.dialect === "sqlite"
      ? sql`+t.revoked_at IS NULL AND +t.expires_on >= ${expiryCutoff(now)} AND u.status = 'active'`
      : sql`t.revoked_at IS NULL AND t.expires_on >= ${expiryCutoff(now)} AND u.status = 'active'`;
  switch (scope.kind) {
    case "all":
      return live;
    case "older_than":
      return sql`${live} AND coalesce(t.secret_created_at, t.created_at) <= ${now - scope.days * DAY}`;
    case "users":
      return sql`${live} AND t.creator_id IN (${sql.join(
        scope.userIds.map((id) => sql`${id}`),
        sql`, `,
      )})`;
  }
}

/** Counts as numbers: PostgreSQL's count(*) is a bigint, which its driver gives as a string. */
function preview(row: { tokens: number | string; owners: number | string; usedRecently: number | string }): CampaignPreview {
  return { tokens: Number(row.tokens), owners: Number(row.owners), usedRecently: Number(row.usedRecently) };
}

async function countScope(db: KeywardDb, scope: CampaignScope, now: number): Promise<CampaignPreview> {
  if (scope.kind === "users" && scope.userIds.length === 0) return { tokens: 0, owners: 0, usedRecently: 0 };
  const [row] = await db.rows<{ tokens: number; owners: number; usedRecently: number }>(sql`
    SELECT count(*) AS tokens, count(DISTINCT t.creator_id) AS owners,
      count(*) FILTER (WHERE t.last_used_at >= ${now - RECENT_USE_DAYS * DAY}) AS "usedRecently"
    FROM api_tokens t JOIN "user" u ON u.id = t.creator_id
    WHERE ${scopeCondition(db, scope, now)}`);
  return preview(row);
}

/** The live tokens the scope covers now: tokens, distinct owners, and how many were used in the last 30 days. System Administrators only. */
export async function previewCampaign({ actor, scope, now = clock.now(), db = getKeywardDb() }: { actor: Actor; scope: CampaignScope; now?: number; db?: KeywardDb }): Promise<CampaignPreview> {
  assertAdministrator(actor);
  return countScope(db, scope, now);
}

function actorOf(actor: Actor): EventActor {
  return { type: "user", id: actor.id, label: actor.email };
}

function campaignActor(c: { id: number; name: string }): EventActor {
  return { type: "campaign", id: String(c.id), label: c.name };
}

function campaignTarget(c: { id: number; name: string }) {
  return { type: "campaign", id: String(c.id), label: c.name };
}

/**
 * Starts a campaign: takes its own snapshot of the scope (in batches, so the console and the API
 * keep answering), records campaign.started, and runs the first pass (the announcements).
 * `expected` is the preview the administrator saw: `changed` says whether the snapshot differs.
 * While it enrols, the campaign is "starting": a restart finishes the snapshot on the next pass.
 */
export async function startCampaign({
  actor,
  input,
  expected,
  now = clock.now(),
  db = getKeywardDb(),
}: {
  actor: Actor;
  input: NewCampaign;
  expected?: CampaignPreview;
  now?: number;
  db?: KeywardDb;
}): Promise<{ campaignId: number; enrolled: CampaignPreview; changed: boolean }> {
  assertAdministrator(actor);
  const issue = deadlineIssue(input.deadlineOn, now);
  if (issue) throw new ValidationError(msg("errors.fieldsNeedAttention"), { deadlineOn: [issue] });
  if (input.scope.kind === "users" && input.scope.userIds.length === 0) {
    throw new ValidationError(msg("errors.fieldsNeedAttention"), { scope: [msg("campaignRules.chooseUsers")] });
  }
  const [campaign] = await db.transaction(async (tx) =>
    tx.q
        .insert(rotationCampaigns)
        .values({
          name: input.name,
          reason: input.reason,
          scopeKind: input.scope.kind,
          scopeDays: input.scope.kind === "older_than" ? input.scope.days : null,
          scopeUserIds: input.scope.kind === "users" ? input.scope.userIds : null,
          deadlineOn: input.deadlineOn,
          deadlineAt: new Date(deadlineInstant(input.deadlineOn)),
          action: input.action,
          status: "starting",
          createdBy: actor.id,
          createdByEmail: actor.email,
          createdAt: new Date(now),
        })
        .returning({ id: rotationCampaigns.id, name: rotationCampaigns.name }),
  );
  starting.add(campaign.id);
  try {
    await enrol(db, campaign.id, input.scope, now);
  } finally {
    starting.delete(campaign.id);
  }
  const enrolled = await enrolledCounts(db, campaign.id);
  const changed = Boolean(expected && (expected.tokens !== enrolled.tokens || expected.owners !== enrolled.owners || expected.usedRecently !== enrolled.usedRecently));
  await db.transaction(async (tx) => {
    await tx.q.update(rotationCampaigns).set({ status: "active" }).where(eq(rotationCampaigns.id, campaign.id));
    await recordEvents(tx, [
      {
        actor: actorOf(actor),
        action: "campaign.started",
        target: campaignTarget(campaign),
        sourceIp: actor.ip,
        at: new Date(now),
        details: {
          scope: input.scope.kind === "users" ? { kind: "users", users: input.scope.userIds.length } : input.scope,
          deadlineOn: input.deadlineOn,
          action: input.action,
          enrolled,
          ...(changed ? { preview: expected } : {}),
        },
      },
    ]);
  });
  // The announcements go out in the background: the start answers once the snapshot is taken.
  void kickCampaignPass(db);
  return { campaignId: campaign.id, enrolled, changed };
}

// Campaigns this process is enrolling: the pass leaves them to their start (OR IGNORE covers another process).
const STARTING = Symbol.for("keyward.campaignsStarting");
const starting = ((globalThis as { [STARTING]?: Set<number> })[STARTING] ??= new Set<number>());

/**
 * The order enrolment walks the tokens in, a batch after the last one enrolled. SQLite: the
 * rowid, the table's own order, so each batch is a range read, never a sort of every live token.
 * PostgreSQL: the primary key's index.
 */
function enrolKey(db: KeywardDb): SQL {
  return db.dialect === "sqlite" ? sql.raw("t.rowid") : sql.raw("t.id");
}

/** Enrols the scope's live tokens, a batch per transaction; a restart resumes after the last token enrolled. */
async function enrol(db: KeywardDb, campaignId: number, scope: CampaignScope, now: number): Promise<void> {
  if (scope.kind === "users" && scope.userIds.length === 0) return;
  const recent = now - RECENT_USE_DAYS * DAY;
  const key = enrolKey(db);
  const [last] = await db.rows<{ last: number | string | null }>(
    sql`SELECT max(${key}) AS last FROM rotation_campaign_tokens r JOIN api_tokens t ON t.id = r.token_id WHERE r.campaign_id = ${campaignId}`,
  );
  let after = last?.last ?? null;
  for (;;) {
    const batch = await db.rows<{ k: number | string; id: string; ownerId: string; title: string; used: number | boolean | null }>(sql`
      SELECT ${key} AS k, t.id, t.creator_id AS "ownerId", t.title, t.last_used_at >= ${recent} AS used
      FROM api_tokens t JOIN "user" u ON u.id = t.creator_id
      WHERE ${after === null ? sql`1 = 1` : sql`${key} > ${after}`} AND ${scopeCondition(db, scope, now)}
      ORDER BY ${key} LIMIT ${ENROL_BATCH}`);
    if (batch.length === 0) return;
    await db.transaction(async (tx) => {
      await tx.q
        .insert(rotationCampaignTokens)
        .values(batch.map((t) => ({ campaignId, tokenId: t.id, ownerId: t.ownerId, title: t.title, usedRecently: Boolean(t.used), state: "pending" as const })))
        .onConflictDoNothing();
    });
    after = batch[batch.length - 1].k;
    if (batch.length < ENROL_BATCH) return;
    await yieldToEventLoop();
  }
}

async function enrolledCounts(db: Queries, campaignId: number): Promise<CampaignPreview> {
  const [row] = await db.rows<{ tokens: number; owners: number; usedRecently: number }>(sql`
    SELECT count(*) AS tokens, count(DISTINCT owner_id) AS owners, count(*) FILTER (WHERE used_recently) AS "usedRecently"
    FROM rotation_campaign_tokens WHERE campaign_id = ${campaignId}`);
  return preview(row);
}

async function pendingCount(tx: Queries, campaignId: number): Promise<number> {
  const [row] = await tx.q
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(rotationCampaignTokens)
    .where(and(eq(rotationCampaignTokens.campaignId, campaignId), eq(rotationCampaignTokens.state, "pending")));
  return row.n;
}

/** A campaign the actor may change, in the transaction: System Administrators only; refused unless it is running. */
async function runningCampaign(tx: Queries, actor: Actor, campaignId: number) {
  assertAdministrator(actor);
  const [c] = await tx.q.select().from(rotationCampaigns).where(eq(rotationCampaigns.id, campaignId));
  if (!c) throw new NotFoundError(msg("campaignRules.notFound"));
  if (c.status !== "active" || c.forcedAt) throw new ConflictError(msg("campaignRules.notRunning", { status: c.forcedAt && c.status === "active" ? "applying" : c.status }));
  return c;
}

/** Cancel campaign: ends it with nothing forced (campaign.cancelled). Refused (409) unless it is running. */
export async function cancelCampaign({ actor, campaignId, now = clock.now(), db = getKeywardDb() }: { actor: Actor; campaignId: number; now?: number; db?: KeywardDb }): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await runningCampaign(tx, actor, campaignId);
    await tx.q.update(rotationCampaigns).set({ status: "cancelled", endedAt: new Date(now) }).where(eq(rotationCampaigns.id, campaignId));
    const pending = await pendingCount(tx, campaignId);
    await recordEvents(tx, [{ actor: actorOf(actor), action: "campaign.cancelled", target: campaignTarget(c), sourceIp: actor.ip, at: new Date(now), details: { pending } }]);
  });
}

/**
 * Rotate the rest now: marks the campaign forced (campaign.forced), so the deadline action
 * applies to every pending token from now on; the pass that does it runs in the background here
 * and is picked up by the scheduler after a restart.
 */
export async function rotateRestNow({ actor, campaignId, now = clock.now(), db = getKeywardDb() }: { actor: Actor; campaignId: number; now?: number; db?: KeywardDb }): Promise<{ pending: number }> {
  const pending = await db.transaction(async (tx) => {
    const c = await runningCampaign(tx, actor, campaignId);
    await tx.q.update(rotationCampaigns).set({ forcedAt: new Date(now) }).where(eq(rotationCampaigns.id, campaignId));
    const n = await pendingCount(tx, campaignId);
    await recordEvents(tx, [{ actor: actorOf(actor), action: "campaign.forced", target: campaignTarget(c), sourceIp: actor.ip, at: new Date(now), details: { pending: n, action: c.action } }]);
    return n;
  });
  void kickCampaignPass(db);
  return { pending };
}

// On globalThis: server.ts's scheduler and Next's server bundle each load their own copy of this module.
const PASS = Symbol.for("keyward.campaignPass");
const passState = globalThis as { [PASS]?: { running: Promise<unknown> | null; again: boolean } };

/**
 * Runs a campaign pass now in the background, unless one is running in this process (then it
 * runs once more after it). Failures are logged, never thrown: the scheduler retries each minute.
 * It runs in the process that took the request, whether or not that one leads the scheduler
 * (lib/notify/leader.ts), so it may race the leader's pass: that is safe, as the pass sends no
 * mail (it only queues notices, each once by its dedupe key, for the leader to deliver) and each
 * token's deadline action is claimed by the guarded UPDATE from pending.
 */
export function kickCampaignPass(db: KeywardDb = getKeywardDb()): Promise<unknown> {
  const state = (passState[PASS] ??= { running: null, again: false });
  if (state.running) {
    state.again = true;
    return state.running;
  }
  const loop = async () => {
    do {
      state.again = false;
      try {
        await runCampaignPass(db, clock.now());
      } catch (err) {
        console.error("campaign pass failed:", err instanceof Error ? err.message : "unknown error");
      }
    } while (state.again);
    state.running = null;
  };
  state.running = loop();
  return state.running;
}

/**
 * The scheduler's pass over every running campaign: finish a snapshot cut short by a restart,
 * queue the announcements and the reminders that are due, and apply the deadline (or Rotate the
 * rest now) to each pending token, then complete the campaign. Every step is idempotent and
 * restart-safe: notices have dedupe keys, and each token's action is claimed by the guarded
 * UPDATE of its row from pending, in the same transaction as the action, its event and its notice.
 */
export async function runCampaignPass(db: KeywardDb, now: number): Promise<{ announced: number; reminded: number; acted: number }> {
  let announced = 0;
  let reminded = 0;
  let acted = 0;
  // A pass started by a request (a start, Rotate the rest now) runs after that request's answer.
  await yieldToEventLoop();
  const running = await db.q.select().from(rotationCampaigns).where(inArray(rotationCampaigns.status, [...RUNNING_CAMPAIGN_STATUSES])).orderBy(asc(rotationCampaigns.id));
  const mark = (id: number, set: Partial<typeof rotationCampaigns.$inferInsert>) =>
    db.transaction(async (tx) => {
      await tx.q.update(rotationCampaigns).set(set).where(eq(rotationCampaigns.id, id));
    });
  for (const c of running) {
    if (starting.has(c.id)) continue;
    if (c.status === "starting") {
      // A start cut short (restart mid-snapshot): finish enrolling with the scope as of its start.
      await enrol(db, c.id, scopeOf(c), c.createdAt.getTime());
      await mark(c.id, { status: "active" });
    }
    const due = c.forcedAt !== null || c.deadlineAt.getTime() <= now;
    if (!c.announcedAt) {
      announced += await queueOwnerNotices(db, c, "announce", now);
      await mark(c.id, { announcedAt: new Date(now) });
    }
    for (const days of REMINDER_DAYS) {
      const column = days === 7 ? "reminder7QueuedAt" : "reminder1QueuedAt";
      if (c[column] || now < reminderDueAt(c.deadlineAt.getTime(), days)) continue;
      // A reminder is for owners who had time to act: none when the campaign started inside the window or is already due.
      if (!due && c.createdAt.getTime() < reminderDueAt(c.deadlineAt.getTime(), days)) {
        reminded += await queueOwnerNotices(db, c, days === 7 ? "remind7" : "remind1", now);
      }
      await mark(c.id, { [column]: new Date(now) });
    }
    if (due) {
      acted += await applyDeadline(db, c, now);
      await db.transaction(async (tx) => {
        const done = await tx.q
          .update(rotationCampaigns)
          .set({ status: "completed", endedAt: new Date(now) })
          .where(and(eq(rotationCampaigns.id, c.id), eq(rotationCampaigns.status, "active")))
          .returning({ id: rotationCampaigns.id });
        if (done.length) await recordEvents(tx, [{ actor: campaignActor(c), action: "campaign.completed", target: campaignTarget(c), at: new Date(now), details: { totals: await totalsOf(tx, c.id) } }]);
      });
    }
  }
  return { announced, reminded, acted };
}

function scopeOf(c: typeof rotationCampaigns.$inferSelect): CampaignScope {
  if (c.scopeKind === "older_than") return { kind: "older_than", days: c.scopeDays ?? 0 };
  if (c.scopeKind === "users") return { kind: "users", userIds: c.scopeUserIds ?? [] };
  return { kind: "all" };
}

async function totalsOf(tx: Queries, campaignId: number): Promise<Record<string, number>> {
  const rows = await tx.q
    .select({ state: rotationCampaignTokens.state, n: sql<number>`count(*)`.mapWith(Number) })
    .from(rotationCampaignTokens)
    .where(eq(rotationCampaignTokens.campaignId, campaignId))
    .groupBy(rotationCampaignTokens.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** The titles of a subquery's rows as one text, a line each, in order (each dialect names this aggregate its own way). */
function linesOf(db: KeywardDb, column: SQL): SQL {
  return db.dialect === "sqlite" ? sql`group_concat(${column}, char(10))` : sql`string_agg(${column}, chr(10) ORDER BY ${column})`;
}

/**
 * Announcements (every owner, worded by whether any of their tokens was used in the last 30 days)
 * or a reminder (owners with tokens still pending), one notice per owner in their language, in
 * batches of owners. Owners are read in ID order from the campaign's rows.
 */
async function queueOwnerNotices(db: KeywardDb, c: typeof rotationCampaigns.$inferSelect, step: "announce" | "remind7" | "remind1", now: number): Promise<number> {
  let added = 0;
  let after = "";
  const pendingOnly = step !== "announce";
  for (;;) {
    const owners = await db.rows<{ ownerId: string; tokens: number | string; used: number | string; titles: string | null }>(sql`
      SELECT owner_id AS "ownerId", count(*) AS tokens, count(*) FILTER (WHERE used_recently) AS used,
        (SELECT ${linesOf(db, sql.raw("title"))} FROM (SELECT title FROM rotation_campaign_tokens r2
          WHERE r2.campaign_id = r.campaign_id AND r2.owner_id = r.owner_id ${pendingOnly ? sql`AND r2.state = 'pending'` : sql``} ORDER BY r2.title LIMIT 10) AS first_titles) AS titles
      FROM rotation_campaign_tokens r
      WHERE campaign_id = ${c.id} AND owner_id > ${after} ${pendingOnly ? sql`AND state = 'pending'` : sql``}
      GROUP BY campaign_id, owner_id ORDER BY owner_id LIMIT ${OWNER_BATCH}`);
    if (owners.length === 0) return added;
    const kindOf = (o: { used: number | string }): CampaignNoticeKind => (step === "announce" ? (Number(o.used) ? "campaignAnnounceUsed" : "campaignAnnounceUnused") : "campaignReminder");
    const notices = await renderCampaignNotices(
      db,
      c,
      owners.map((o) => ({ ownerId: o.ownerId, kind: kindOf(o), tokens: Number(o.tokens), titles: o.titles ? o.titles.split("\n") : [], dedupe: `campaign:${c.id}:${step}:${o.ownerId}` })),
      now,
    );
    await yieldToEventLoop();
    added += await db.transaction((tx) => queueNotices(tx, notices));
    after = owners[owners.length - 1].ownerId;
    await yieldToEventLoop();
  }
}

/**
 * The deadline action on each pending token, a batch per transaction: a generated token gets a
 * new secret and its old one stops at once (the owner may reveal the new one once); an
 * uploaded-key token, or any token under "Revoke", is revoked. A token no longer live is marked
 * ended with nothing done. The UPDATE from pending claims each row, so a token is acted on once
 * however many passes or processes race or restart; its event (actor: the campaign) and its
 * notice (to the owner) commit with it.
 */
async function applyDeadline(db: KeywardDb, c: typeof rotationCampaigns.$inferSelect, now: number): Promise<number> {
  let acted = 0;
  const actor = campaignActor(c);
  const at = new Date(now);
  for (;;) {
    const batch = (
      await db.q
        .select({ tokenId: rotationCampaignTokens.tokenId })
        .from(rotationCampaignTokens)
        .where(and(eq(rotationCampaignTokens.campaignId, c.id), eq(rotationCampaignTokens.state, "pending")))
        .orderBy(asc(rotationCampaignTokens.tokenId))
        .limit(ACT_BATCH)
    ).map((r) => r.tokenId);
    if (batch.length === 0) return acted;
    acted += await db.transaction(async (tx) => {
      const tokens = await tx.q
        .select({
          id: apiTokens.id,
          title: apiTokens.title,
          type: apiTokens.type,
          revokedAt: apiTokens.revokedAt,
          expiresOn: apiTokens.expiresOn,
          credentialVersion: apiTokens.credentialVersion,
          secretCreatedAt: apiTokens.secretCreatedAt,
          createdAt: apiTokens.createdAt,
        })
        .from(apiTokens)
        .where(inArray(apiTokens.id, batch));
      const byId = new Map(tokens.map((t) => [t.id, t]));
      const events: EventInput[] = [];
      const rotated: string[] = [];
      const revoked: string[] = [];
      let done = 0;
      // Other campaigns waiting for this token count it as rotated (or ended).
      const settleOthers = (tokenId: string, state: "rotated" | "ended") =>
        tx.q
          .update(rotationCampaignTokens)
          .set({ state, actedAt: at })
          .where(and(eq(rotationCampaignTokens.tokenId, tokenId), eq(rotationCampaignTokens.state, "pending")));
      for (const tokenId of batch) {
        const t = byId.get(tokenId);
        // Suspended creators' tokens are acted on too: reactivation must not bring back a stale secret.
        const live = t && t.revokedAt === null && t.expiresOn >= expiryCutoff(now);
        const state = !t || !live ? "ended" : c.action === "rotate" && t.type === "generated" ? "rotated_auto" : "revoked";
        const revealVersion = t && state === "rotated_auto" ? t.credentialVersion + 1 : null;
        // The claim: only a row still pending changes, so a token is acted on once.
        const claimed = await tx.q
          .update(rotationCampaignTokens)
          .set({ state, actedAt: at, revealVersion })
          .where(and(eq(rotationCampaignTokens.campaignId, c.id), eq(rotationCampaignTokens.tokenId, tokenId), eq(rotationCampaignTokens.state, "pending")))
          .returning({ tokenId: rotationCampaignTokens.tokenId });
        if (!claimed.length) continue;
        done++;
        if (!t || state === "ended") continue;
        if (state === "rotated_auto") {
          const r = await replaceCredential(tx, t, "none", now);
          await settleOthers(tokenId, "rotated");
          events.push({ actor, action: "token.rotated", target: { type: "token", id: tokenId, label: t.title }, at, details: { ...r.details, automatic: true, campaignId: c.id } });
          rotated.push(tokenId);
        } else {
          await tx.q.update(apiTokens).set({ revokedAt: at }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
          await settleOthers(tokenId, "ended");
          events.push({ actor, action: "token.revoked", target: { type: "token", id: tokenId, label: t.title }, at, details: { campaignId: c.id, type: t.type } });
          revoked.push(tokenId);
        }
      }
      await recordEvents(tx, events);
      const extra = { campaign: c.name };
      await queueNotices(tx, [
        ...(await renderTokenNotices(tx, rotated, "campaignRotated", { occurrence: `c${c.id}`, extra, ownerOnly: true })),
        ...(await renderTokenNotices(tx, revoked, "campaignRevoked", { occurrence: `c${c.id}`, extra, ownerOnly: true })),
      ]);
      return done;
    });
    await yieldToEventLoop();
  }
}
