import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, not, or, sql } from "drizzle-orm";
import type { KeywardDb } from "@/lib/db/database";
import { apiTokens, outbox } from "@/lib/db/schema";
import { recordEvents } from "@/lib/data/record-event";
import { settleCampaignTokens } from "@/lib/data/campaign-tokens";
import { pruneSeenRequests } from "@/lib/api/replay";
import { pruneTokenStateChanges } from "@/lib/api/token-state";
import { pruneIdempotencyKeys } from "@/lib/data/idempotency";
import { eraseEndedOverlaps } from "@/lib/rotation/overlap";
import { runCampaignPass } from "@/lib/rotation/campaigns";
import { clock } from "@/lib/domain/clock";
import { expiryCutoff } from "@/lib/domain/token-status";
import { createMailer, describeMailError, type Mailer } from "./mailer";
import { newHolderId, release, tryLead } from "./leader";
import { queueNotices, renderTokenNotices } from "./outbox";

const DAY = 86_400_000;
export const MAX_ATTEMPTS = 8;
const DELIVERY_BATCH = 20;

/** Delay before the next try after `attempts` failures: base · 2^(attempts−1), capped at an hour. */
export function backoffMs(attempts: number, base = Number(process.env.KEYWARD_MAIL_RETRY_BASE_MS) || 30_000): number {
  return Math.min(base * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

// Each pass works in transactions of at most this many tokens and lets the event loop run
// between reading, rendering and writing a batch, so even thousands of due tokens hold up API
// requests for a few milliseconds at a time (a batch's notices take about 0.2 ms each to render).
export const SCHEDULER_BATCH = 20;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The next batch (by ID, after `after`) of live tokens in the 3-day window with no "expiring" message yet. */
export function dueExpiringNotices(db: KeywardDb, now: number, after = "") {
  const noticed = sql`exists (select 1 from ${outbox} where ${outbox.dedupeKey} >= 'expiring:' || ${apiTokens.id} || ':' and ${outbox.dedupeKey} < 'expiring:' || ${apiTokens.id} || ';')`;
  return db.q
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(gte(apiTokens.expiresOn, expiryCutoff(now)), lte(apiTokens.expiresOn, expiryCutoff(now + 3 * DAY)), isNull(apiTokens.revokedAt), gt(apiTokens.id, after), not(noticed)))
    .orderBy(asc(apiTokens.id))
    .limit(SCHEDULER_BATCH);
}

/**
 * (a) Queues the "expiring" notice for live tokens whose last valid day is within 3 days. Reads
 * only the tokens not yet noticed: a token has an "expiring" message once any exists for it
 * (their dedupe keys "expiring:<id>:…" are a range of the unique index), so a pass over
 * thousands of tokens in the window costs nothing once they are queued.
 */
export async function enqueueExpiringNotices(db: KeywardDb, now: number): Promise<number> {
  let added = 0;
  let after = "";
  for (;;) {
    const due = await dueExpiringNotices(db, now, after);
    if (due.length === 0) return added;
    // Rendered before the write lock: the transaction only inserts the finished rows.
    const notices = await renderTokenNotices(db, due.map((t) => t.id), "expiring");
    await yieldToEventLoop();
    added += await db.transaction((tx) => queueNotices(tx, notices));
    after = due[due.length - 1].id;
    await yieldToEventLoop();
  }
}

/** The next batch of live tokens past their expiry whose expiry is not recorded yet. */
export function dueExpiries(db: KeywardDb, now: number) {
  return db.q
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(lt(apiTokens.expiresOn, expiryCutoff(now)), isNull(apiTokens.expiredRecordedAt), isNull(apiTokens.revokedAt)))
    .limit(SCHEDULER_BATCH);
}

/**
 * (b) Records each newly expired token once. The guarded UPDATE (expired_recorded_at IS NULL)
 * is the claim: when two runs or two processes race, only the one whose UPDATE changed the row
 * writes the event and queues the notices, all in that same transaction. The partial index
 * api_tokens_expiry_due_idx holds only unrecorded live tokens, so the pass reads the due ones
 * and nothing else.
 */
export async function recordExpiredTokens(db: KeywardDb, now: number): Promise<number> {
  let recorded = 0;
  for (;;) {
    const candidates = await dueExpiries(db, now);
    if (candidates.length === 0) return recorded;
    // Rendered before the write lock; a notice is queued only for a token this run claims, and
    // rendered again in the transaction if its title or expiry changed in between.
    const rendered = await renderTokenNotices(db, candidates.map((c) => c.id), "expired");
    await yieldToEventLoop();
    recorded += await db.transaction(async (tx) => {
      const claimed = await tx.q
        .update(apiTokens)
        .set({ expiredRecordedAt: new Date(now) })
        .where(and(inArray(apiTokens.id, candidates.map((c) => c.id)), isNull(apiTokens.expiredRecordedAt), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id, title: apiTokens.title, expiresOn: apiTokens.expiresOn });
      await recordEvents(
        tx,
        claimed.map((c) => ({
          actor: { type: "system", label: "Keyward" },
          action: "token.expired",
          target: { type: "token", id: c.id, label: c.title },
          details: { expiresOn: c.expiresOn },
          at: new Date(now),
        })),
      );
      await settleCampaignTokens(tx, claimed.map((c) => c.id), "ended", now);
      const current = new Map(claimed.map((c) => [c.id, c]));
      const stale = new Set(rendered.filter((n) => current.has(n.tokenId) && (n.title !== current.get(n.tokenId)!.title || n.expiresOn !== current.get(n.tokenId)!.expiresOn)).map((n) => n.tokenId));
      const fresh = rendered.filter((n) => current.has(n.tokenId) && !stale.has(n.tokenId));
      await queueNotices(tx, [...fresh, ...(await renderTokenNotices(tx, [...stale], "expired"))]);
      return claimed.length;
    });
    await yieldToEventLoop();
  }
}

/**
 * (c) Sends due messages. Each is claimed first by pushing its next_attempt_at forward (a lease),
 * so a second process never sends the same message at the same time; failures retry with
 * exponential backoff and give up as "failed" after MAX_ATTEMPTS. `isLeader` is asked before each
 * message (fencing): once the scheduler's lease is lost mid-pass, the new leader sends and this
 * process stops; callers that do not lead (tests, benches) leave it always true.
 */
export async function deliverPending(db: KeywardDb, mailer: Mailer | null, now: number, isLeader: () => boolean = () => true): Promise<{ sent: number; failed: number }> {
  if (!mailer) return { sent: 0, failed: 0 };
  const due = or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, new Date(now)));
  const rows = await db.q
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), due))
    .orderBy(asc(outbox.id))
    .limit(DELIVERY_BATCH);
  const lease = new Date(now + 5 * 60_000);
  let sent = 0;
  let failed = 0;
  for (const { id } of rows) {
    // Checked before the claim, which the send follows without yielding: a lost lease leaves the message unclaimed for the new leader.
    if (!isLeader()) break;
    const [claimed] = await db.transaction((tx) =>
      tx.q
        .update(outbox)
        .set({ nextAttemptAt: lease })
        .where(and(eq(outbox.id, id), eq(outbox.status, "pending"), due))
        .returning(),
    );
    if (!claimed) continue;
    try {
      await mailer.send({ to: claimed.recipient, subject: claimed.subject, text: claimed.body });
      await db.transaction(async (tx) => {
        await tx.q.update(outbox).set({ status: "sent", sentAt: new Date(clock.now()), attempts: claimed.attempts + 1, nextAttemptAt: null, lastError: null }).where(eq(outbox.id, id));
      });
      sent++;
    } catch (err) {
      const attempts = claimed.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await db.transaction(async (tx) => {
        await tx.q
          .update(outbox)
          .set({
            attempts,
            status: giveUp ? "failed" : "pending",
            nextAttemptAt: giveUp ? null : new Date(clock.now() + backoffMs(attempts)),
            lastError: describeMailError(err),
          })
          .where(eq(outbox.id, id));
      });
      failed++;
    }
  }
  return { sent, failed };
}

/** One pass of the job: expiring notices, expiries, delivery, the API's expired replay keys and old form idempotency keys, the secrets of ended rotation overlaps, then rotation campaigns (announcements, reminders, deadlines). */
export async function runSchedulerOnce(db: KeywardDb, mailer: Mailer | null, now = clock.now(), isLeader: () => boolean = () => true) {
  const expiring = await enqueueExpiringNotices(db, now);
  const expired = await recordExpiredTokens(db, now);
  const delivery = await deliverPending(db, mailer, now, isLeader);
  const pruned = (await pruneSeenRequests(db, now)) + (await pruneTokenStateChanges(db, now)) + (await pruneIdempotencyKeys(db, now));
  const erasedPrevious = await eraseEndedOverlaps(db, now);
  const campaigns = await runCampaignPass(db, now);
  return { expiring, expired, ...delivery, pruned, erasedPrevious, campaigns };
}

/** The lease row of the scheduler (scheduler_leases.name). */
export const SCHEDULER_LEASE = "scheduler";

/**
 * Starts the background job (notices, expiries, mail, pruning of expired replay keys, campaigns);
 * returns a function that stops it. Of several processes on one database only the one holding the
 * scheduler lease runs passes (issue 14): every process tries to take or renew it every
 * KEYWARD_LEADER_RENEW_MS (10 s) for KEYWARD_LEADER_TTL_MS (30 s), so a killed leader is replaced
 * within 40 s and the new leader runs a pass at once; stopping releases the lease, so a graceful
 * shutdown hands over on the other processes' next try. Both knobs are for tests.
 */
export function startScheduler(db: KeywardDb, mailer: Mailer | null = createMailer()): () => Promise<void> {
  const interval = Number(process.env.KEYWARD_SCHEDULER_INTERVAL_MS) || 60_000;
  const ttl = Number(process.env.KEYWARD_LEADER_TTL_MS) || 30_000;
  const renewEvery = Number(process.env.KEYWARD_LEADER_RENEW_MS) || Math.floor(ttl / 3);
  const holder = newHolderId();
  // The expiry this process last wrote to its lease (0: it does not lead). Another process takes
  // the lease only once that instant has passed, so leading until then is safe.
  let leadUntil = 0;
  let running = false;
  let stopped = false;
  const isLeader = () => !stopped && clock.now() < leadUntil;
  const tick = async () => {
    // Runs never overlap in this process, and only the leader runs them.
    if (running || stopped || !isLeader()) return;
    running = true;
    try {
      await runSchedulerOnce(db, mailer, clock.now(), isLeader);
    } catch (err) {
      console.error("notification job failed:", err instanceof Error ? err.message : "unknown error");
    } finally {
      running = false;
    }
  };
  const renew = async () => {
    if (stopped) return;
    const now = clock.now();
    const wasLeader = isLeader();
    try {
      const leads = await tryLead(db, SCHEDULER_LEASE, holder, now, ttl);
      if (!stopped) leadUntil = leads ? now + ttl : 0;
    } catch (err) {
      // The database was busy or failing: keep the lease already held until it runs out.
      console.error("scheduler lease failed:", err instanceof Error ? err.message : "unknown error");
    }
    if (!wasLeader && isLeader()) void tick();
  };
  const leaseTimer = setInterval(renew, renewEvery);
  leaseTimer.unref();
  const timer = setInterval(tick, interval);
  timer.unref();
  void renew();
  // Resolves once the lease is given up. If the release fails, the lease runs out by itself within its TTL.
  return async () => {
    stopped = true;
    clearInterval(leaseTimer);
    clearInterval(timer);
    mailer?.close();
    if (leadUntil) await release(db, SCHEDULER_LEASE, holder).catch(() => undefined);
  };
}
