import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "@/lib/db/client";
import { apiTokens, rotationCampaigns } from "@/lib/db/schema";
import { recordEventsSync, type EventActor, type EventInput } from "@/lib/data/record-event";
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
import { queueNoticesSync, renderTokenNoticesSync } from "@/lib/notify/outbox";
import { renderCampaignNotices, type CampaignNoticeKind } from "./campaign-notices";
import { replaceCredentialSync } from "./credential";

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
function scopeCondition(scope: CampaignScope, now: number): SQL {
  // Unary + keeps these terms off their indexes: the enrolment reads a rowid range, not every live token sorted.
  const live = sql`+t.revoked_at IS NULL AND +t.expires_on >= ${expiryCutoff(now)} AND u.status = 'active'`;
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

function countScope(db: Db, scope: CampaignScope, now: number): CampaignPreview {
  if (scope.kind === "users" && scope.userIds.length === 0) return { tokens: 0, owners: 0, usedRecently: 0 };
  const row = db.get<{ tokens: number; owners: number; usedRecently: number | null }>(sql`
    SELECT count(*) AS tokens, count(DISTINCT t.creator_id) AS owners,
      sum(t.last_used_at >= ${now - RECENT_USE_DAYS * DAY}) AS usedRecently
    FROM api_tokens t JOIN "user" u ON u.id = t.creator_id
    WHERE ${scopeCondition(scope, now)}`);
  return { tokens: row.tokens, owners: row.owners, usedRecently: row.usedRecently ?? 0 };
}

/** The live tokens the scope covers now: tokens, distinct owners, and how many were used in the last 30 days. System Administrators only. */
export function previewCampaign({ actor, scope, now = clock.now(), db = getDb() }: { actor: Actor; scope: CampaignScope; now?: number; db?: Db }): CampaignPreview {
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
  db = getDb(),
}: {
  actor: Actor;
  input: NewCampaign;
  expected?: CampaignPreview;
  now?: number;
  db?: Db;
}): Promise<{ campaignId: number; enrolled: CampaignPreview; changed: boolean }> {
  assertAdministrator(actor);
  const issue = deadlineIssue(input.deadlineOn, now);
  if (issue) throw new ValidationError(msg("errors.fieldsNeedAttention"), { deadlineOn: [issue] });
  if (input.scope.kind === "users" && input.scope.userIds.length === 0) {
    throw new ValidationError(msg("errors.fieldsNeedAttention"), { scope: [msg("campaignRules.chooseUsers")] });
  }
  const campaign = writeTransaction(
    (tx) =>
      tx
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
        .returning({ id: rotationCampaigns.id, name: rotationCampaigns.name })
        .get(),
    db,
  );
  starting.add(campaign.id);
  try {
    await enrol(db, campaign.id, input.scope, now);
  } finally {
    starting.delete(campaign.id);
  }
  const enrolled = enrolledCounts(db, campaign.id);
  const changed = Boolean(expected && (expected.tokens !== enrolled.tokens || expected.owners !== enrolled.owners || expected.usedRecently !== enrolled.usedRecently));
  writeTransaction((tx) => {
    tx.update(rotationCampaigns).set({ status: "active" }).where(eq(rotationCampaigns.id, campaign.id)).run();
    recordEventsSync(tx, [
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
  }, db);
  // The announcements go out in the background: the start answers once the snapshot is taken.
  void kickCampaignPass(db);
  return { campaignId: campaign.id, enrolled, changed };
}

// Campaigns this process is enrolling: the pass leaves them to their start (OR IGNORE covers another process).
const STARTING = Symbol.for("keyward.campaignsStarting");
const starting = ((globalThis as { [STARTING]?: Set<number> })[STARTING] ??= new Set<number>());

/**
 * Enrols the scope's live tokens in rowid order (the table's own order: each batch is a range
 * read, never a sort of every live token), a batch per transaction; a restart resumes after the
 * last token enrolled.
 */
async function enrol(db: Db, campaignId: number, scope: CampaignScope, now: number): Promise<void> {
  if (scope.kind === "users" && scope.userIds.length === 0) return;
  const recent = now - RECENT_USE_DAYS * DAY;
  let after =
    db.get<{ last: number | null }>(sql`SELECT max(t.rowid) AS last FROM rotation_campaign_tokens r JOIN api_tokens t ON t.id = r.token_id WHERE r.campaign_id = ${campaignId}`)?.last ?? 0;
  const insert = db.$client.prepare(`INSERT OR IGNORE INTO rotation_campaign_tokens (campaign_id, token_id, owner_id, title, used_recently, state) VALUES (?, ?, ?, ?, ?, 'pending')`);
  for (;;) {
    const batch = db.all<{ rid: number; id: string; ownerId: string; title: string; used: number | null }>(sql`
      SELECT t.rowid AS rid, t.id, t.creator_id AS ownerId, t.title, t.last_used_at >= ${recent} AS used
      FROM api_tokens t JOIN "user" u ON u.id = t.creator_id
      WHERE t.rowid > ${after} AND ${scopeCondition(scope, now)}
      ORDER BY t.rowid LIMIT ${ENROL_BATCH}`);
    if (batch.length === 0) return;
    writeTransaction(() => {
      for (const t of batch) insert.run(campaignId, t.id, t.ownerId, t.title, t.used ? 1 : 0);
    }, db);
    after = batch[batch.length - 1].rid;
    if (batch.length < ENROL_BATCH) return;
    await yieldToEventLoop();
  }
}

function enrolledCounts(db: Db, campaignId: number): CampaignPreview {
  const row = db.get<{ tokens: number; owners: number; usedRecently: number | null }>(sql`
    SELECT count(*) AS tokens, count(DISTINCT owner_id) AS owners, sum(used_recently) AS usedRecently
    FROM rotation_campaign_tokens WHERE campaign_id = ${campaignId}`);
  return { tokens: row.tokens, owners: row.owners, usedRecently: row.usedRecently ?? 0 };
}

/** A campaign the actor may change, in the transaction: System Administrators only; refused unless it is running. */
function runningCampaign(tx: Db, actor: Actor, campaignId: number) {
  assertAdministrator(actor);
  const c = tx.select().from(rotationCampaigns).where(eq(rotationCampaigns.id, campaignId)).get();
  if (!c) throw new NotFoundError(msg("campaignRules.notFound"));
  if (c.status !== "active" || c.forcedAt) throw new ConflictError(msg("campaignRules.notRunning", { status: c.forcedAt && c.status === "active" ? "applying" : c.status }));
  return c;
}

/** Cancel campaign: ends it with nothing forced (campaign.cancelled). Refused (409) unless it is running. */
export function cancelCampaign({ actor, campaignId, now = clock.now(), db = getDb() }: { actor: Actor; campaignId: number; now?: number; db?: Db }): void {
  writeTransaction((tx) => {
    const c = runningCampaign(tx, actor, campaignId);
    tx.update(rotationCampaigns).set({ status: "cancelled", endedAt: new Date(now) }).where(eq(rotationCampaigns.id, campaignId)).run();
    const pending = tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM rotation_campaign_tokens WHERE campaign_id = ${campaignId} AND state = 'pending'`).n;
    recordEventsSync(tx, [{ actor: actorOf(actor), action: "campaign.cancelled", target: campaignTarget(c), sourceIp: actor.ip, at: new Date(now), details: { pending } }]);
  }, db);
}

/**
 * Rotate the rest now: marks the campaign forced (campaign.forced), so the deadline action
 * applies to every pending token from now on; the pass that does it runs in the background here
 * and is picked up by the scheduler after a restart.
 */
export function rotateRestNow({ actor, campaignId, now = clock.now(), db = getDb() }: { actor: Actor; campaignId: number; now?: number; db?: Db }): { pending: number } {
  const pending = writeTransaction((tx) => {
    const c = runningCampaign(tx, actor, campaignId);
    tx.update(rotationCampaigns).set({ forcedAt: new Date(now) }).where(eq(rotationCampaigns.id, campaignId)).run();
    const n = tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM rotation_campaign_tokens WHERE campaign_id = ${campaignId} AND state = 'pending'`).n;
    recordEventsSync(tx, [{ actor: actorOf(actor), action: "campaign.forced", target: campaignTarget(c), sourceIp: actor.ip, at: new Date(now), details: { pending: n, action: c.action } }]);
    return n;
  }, db);
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
export function kickCampaignPass(db: Db = getDb()): Promise<unknown> {
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
export async function runCampaignPass(db: Db, now: number): Promise<{ announced: number; reminded: number; acted: number }> {
  let announced = 0;
  let reminded = 0;
  let acted = 0;
  // A pass started by a request (a start, Rotate the rest now) runs after that request's answer.
  await yieldToEventLoop();
  const running = db.select().from(rotationCampaigns).where(inArray(rotationCampaigns.status, [...RUNNING_CAMPAIGN_STATUSES])).orderBy(asc(rotationCampaigns.id)).all();
  for (const c of running) {
    if (starting.has(c.id)) continue;
    if (c.status === "starting") {
      // A start cut short (restart mid-snapshot): finish enrolling with the scope as of its start.
      await enrol(db, c.id, scopeOf(c), c.createdAt.getTime());
      writeTransaction((tx) => tx.update(rotationCampaigns).set({ status: "active" }).where(eq(rotationCampaigns.id, c.id)).run(), db);
    }
    const due = c.forcedAt !== null || c.deadlineAt.getTime() <= now;
    if (!c.announcedAt) {
      announced += await queueOwnerNotices(db, c, "announce", now);
      writeTransaction((tx) => tx.update(rotationCampaigns).set({ announcedAt: new Date(now) }).where(eq(rotationCampaigns.id, c.id)).run(), db);
    }
    for (const days of REMINDER_DAYS) {
      const column = days === 7 ? "reminder7QueuedAt" : "reminder1QueuedAt";
      if (c[column] || now < reminderDueAt(c.deadlineAt.getTime(), days)) continue;
      // A reminder is for owners who had time to act: none when the campaign started inside the window or is already due.
      if (!due && c.createdAt.getTime() < reminderDueAt(c.deadlineAt.getTime(), days)) {
        reminded += await queueOwnerNotices(db, c, days === 7 ? "remind7" : "remind1", now);
      }
      writeTransaction((tx) => tx.update(rotationCampaigns).set({ [column]: new Date(now) }).where(eq(rotationCampaigns.id, c.id)).run(), db);
    }
    if (due) {
      acted += await applyDeadline(db, c, now);
      writeTransaction((tx) => {
        const done = tx
          .update(rotationCampaigns)
          .set({ status: "completed", endedAt: new Date(now) })
          .where(and(eq(rotationCampaigns.id, c.id), eq(rotationCampaigns.status, "active")))
          .run().changes;
        if (done) recordEventsSync(tx, [{ actor: campaignActor(c), action: "campaign.completed", target: campaignTarget(c), at: new Date(now), details: { totals: totalsOf(tx, c.id) } }]);
      }, db);
    }
  }
  return { announced, reminded, acted };
}

function scopeOf(c: typeof rotationCampaigns.$inferSelect): CampaignScope {
  if (c.scopeKind === "older_than") return { kind: "older_than", days: c.scopeDays ?? 0 };
  if (c.scopeKind === "users") return { kind: "users", userIds: c.scopeUserIds ?? [] };
  return { kind: "all" };
}

function totalsOf(tx: Db, campaignId: number): Record<string, number> {
  const rows = tx.all<{ state: string; n: number }>(sql`SELECT state, count(*) AS n FROM rotation_campaign_tokens WHERE campaign_id = ${campaignId} GROUP BY state`);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/**
 * Announcements (every owner, worded by whether any of their tokens was used in the last 30 days)
 * or a reminder (owners with tokens still pending), one notice per owner in their language, in
 * batches of owners. Owners are read in ID order from the campaign's rows.
 */
async function queueOwnerNotices(db: Db, c: typeof rotationCampaigns.$inferSelect, step: "announce" | "remind7" | "remind1", now: number): Promise<number> {
  let added = 0;
  let after = "";
  const pendingOnly = step !== "announce";
  for (;;) {
    const owners = db.all<{ ownerId: string; tokens: number; used: number; titles: string }>(sql`
      SELECT owner_id AS ownerId, count(*) AS tokens, max(used_recently) AS used,
        (SELECT group_concat(title, char(10)) FROM (SELECT title FROM rotation_campaign_tokens r2
          WHERE r2.campaign_id = r.campaign_id AND r2.owner_id = r.owner_id ${pendingOnly ? sql`AND r2.state = 'pending'` : sql``} ORDER BY r2.title LIMIT 10)) AS titles
      FROM rotation_campaign_tokens r
      WHERE campaign_id = ${c.id} AND owner_id > ${after} ${pendingOnly ? sql`AND state = 'pending'` : sql``}
      GROUP BY owner_id ORDER BY owner_id LIMIT ${OWNER_BATCH}`);
    if (owners.length === 0) return added;
    const kindOf = (o: { used: number }): CampaignNoticeKind => (step === "announce" ? (o.used ? "campaignAnnounceUsed" : "campaignAnnounceUnused") : "campaignReminder");
    const notices = renderCampaignNotices(
      db,
      c,
      owners.map((o) => ({ ownerId: o.ownerId, kind: kindOf(o), tokens: o.tokens, titles: o.titles ? o.titles.split("\n") : [], dedupe: `campaign:${c.id}:${step}:${o.ownerId}` })),
      now,
    );
    await yieldToEventLoop();
    added += writeTransaction((tx) => queueNoticesSync(tx, notices), db);
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
async function applyDeadline(db: Db, c: typeof rotationCampaigns.$inferSelect, now: number): Promise<number> {
  let acted = 0;
  const actor = campaignActor(c);
  const q = deadlineStatements(db);
  for (;;) {
    const batch = q.pending.all(c.id, ACT_BATCH) as string[];
    if (batch.length === 0) return acted;
    acted += writeTransaction((tx) => {
      const tokens = tx
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
        .where(inArray(apiTokens.id, batch))
        .all();
      const byId = new Map(tokens.map((t) => [t.id, t]));
      const events: EventInput[] = [];
      const rotated: string[] = [];
      const revoked: string[] = [];
      let done = 0;
      for (const tokenId of batch) {
        const t = byId.get(tokenId);
        // Suspended creators' tokens are acted on too: reactivation must not bring back a stale secret.
        const live = t && t.revokedAt === null && t.expiresOn >= expiryCutoff(now);
        const state = !t || !live ? "ended" : c.action === "rotate" && t.type === "generated" ? "rotated_auto" : "revoked";
        const revealVersion = t && state === "rotated_auto" ? t.credentialVersion + 1 : null;
        if (!q.claim.run(state, now, revealVersion, c.id, tokenId).changes) continue;
        done++;
        if (!t || state === "ended") continue;
        if (state === "rotated_auto") {
          const r = replaceCredentialSync(tx, t, "none", now);
          // Other campaigns waiting for this token count it as rotated.
          q.settleOthers.run("rotated", now, tokenId);
          events.push({ actor, action: "token.rotated", target: { type: "token", id: tokenId, label: t.title }, at: new Date(now), details: { ...r.details, automatic: true, campaignId: c.id } });
          rotated.push(tokenId);
        } else {
          q.revoke.run(now, tokenId);
          q.settleOthers.run("ended", now, tokenId);
          events.push({ actor, action: "token.revoked", target: { type: "token", id: tokenId, label: t.title }, at: new Date(now), details: { campaignId: c.id, type: t.type } });
          revoked.push(tokenId);
        }
      }
      recordEventsSync(tx, events);
      const extra = { campaign: c.name };
      queueNoticesSync(tx, [
        ...renderTokenNoticesSync(tx, rotated, "campaignRotated", { occurrence: `c${c.id}`, extra, ownerOnly: true }),
        ...renderTokenNoticesSync(tx, revoked, "campaignRevoked", { occurrence: `c${c.id}`, extra, ownerOnly: true }),
      ]);
      return done;
    }, db);
    await yieldToEventLoop();
  }
}

// Prepared once per connection: the deadline runs them for every pending token.
const deadlinePrepared = new WeakMap<Db["$client"], ReturnType<typeof prepareDeadline>>();

function prepareDeadline(client: Db["$client"]) {
  return {
    pending: client.prepare(`SELECT token_id FROM rotation_campaign_tokens WHERE campaign_id = ? AND state = 'pending' ORDER BY token_id LIMIT ?`).pluck(),
    // The claim: only a row still pending changes, so a token is acted on once.
    claim: client.prepare(`UPDATE rotation_campaign_tokens SET state = ?, acted_at = ?, reveal_version = ? WHERE campaign_id = ? AND token_id = ? AND state = 'pending'`),
    settleOthers: client.prepare(`UPDATE rotation_campaign_tokens SET state = ?, acted_at = ? WHERE token_id = ? AND state = 'pending'`),
    revoke: client.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`),
  };
}

function deadlineStatements(db: Db) {
  let q = deadlinePrepared.get(db.$client);
  if (!q) deadlinePrepared.set(db.$client, (q = prepareDeadline(db.$client)));
  return q;
}
