import "server-only";
import { and, count, eq, gte, lt, min } from "drizzle-orm";
import { getKeywardDb, type KeywardDb, type Queries } from "@/lib/db/database";
import { signInFailures, user } from "@/lib/db/schema";
import { clock, nowDate } from "@/lib/domain/clock";
import type { Locale } from "@/lib/domain/locale";
import { wholeNumberFromEnv } from "@/lib/domain/settings";
import { recordEvent } from "./record-event";

/** Whether a user may open a session: a suspended user's correct password still opens none. */
export async function isActiveUser(userId: string, db: KeywardDb = getKeywardDb()): Promise<boolean> {
  return (await db.q.select({ status: user.status }).from(user).where(eq(user.id, userId)).limit(1))[0]?.status === "active";
}

/** Failures older than this are pruned; the throttling window is at most this long. */
export const FAILURE_RETENTION_MS = 24 * 60 * 60 * 1000;

/** How many failed sign-ins are allowed, per account and per address, within the window. */
export interface SignInThrottle {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

/**
 * Failed sign-ins allowed per account and per address within the window; successes never count.
 * Null when KEYWARD_SIGNIN_RATE_LIMIT=off. A wrong password when revealing a secret counts too.
 */
export function signInThrottleFromEnv(env: Record<string, string | undefined> = process.env): SignInThrottle | null {
  if (env.KEYWARD_SIGNIN_RATE_LIMIT === "off") return null;
  return {
    windowMs: wholeNumberFromEnv(env, "KEYWARD_SIGNIN_WINDOW_SECONDS", { fallback: 900, min: 1, max: FAILURE_RETENTION_MS / 1000, unit: "seconds" }) * 1000,
    perAccount: wholeNumberFromEnv(env, "KEYWARD_SIGNIN_MAX_FAILURES_PER_ACCOUNT", { fallback: 5, min: 1, max: 1_000_000, unit: "failures" }),
    perAddress: wholeNumberFromEnv(env, "KEYWARD_SIGNIN_MAX_FAILURES_PER_IP", { fallback: 20, min: 1, max: 1_000_000, unit: "failures" }),
  };
}

/**
 * When the next sign-in for this email from this address may be tried: null when it may be now,
 * else the seconds until the oldest counted failure leaves the window. Only failures count, so
 * colleagues behind one office address never lock each other out by signing in.
 */
export async function signInRetryAfter(email: string, ip: string | null, limits: SignInThrottle, db: KeywardDb = getKeywardDb()): Promise<number | null> {
  const now = clock.now();
  const since = new Date(now - limits.windowMs);
  const normalized = email.trim().toLowerCase();
  // The account's count starts again at its last successful sign-in; the address's does not (a
  // valid account of one's own must not become a way to reset it).
  const lastSuccess = (await db.q.select({ at: user.lastSignInAt }).from(user).where(eq(user.email, normalized)).limit(1))[0]?.at;
  const accountSince = lastSuccess && lastSuccess > since ? lastSuccess : since;
  const oldestBeyond = async (where: ReturnType<typeof and>, max: number): Promise<number | null> => {
    const [row] = await db.q
      .select({ n: count(), oldest: min(signInFailures.at) })
      .from(signInFailures)
      .where(where);
    return row && row.n >= max && row.oldest ? row.oldest.getTime() : null;
  };
  const times = [
    await oldestBeyond(and(eq(signInFailures.email, normalized), gte(signInFailures.at, accountSince)), limits.perAccount),
    ip ? await oldestBeyond(and(eq(signInFailures.ip, ip), gte(signInFailures.at, since)), limits.perAddress) : null,
  ].filter((t): t is number => t !== null);
  if (!times.length) return null;
  return Math.max(1, Math.ceil((Math.max(...times) + limits.windowMs - now) / 1000));
}

/** Counts one wrong password against the account and the address (signInRetryAfter reads them). */
export async function countPasswordFailure(tx: Queries, email: string, ip: string | null): Promise<void> {
  const now = clock.now();
  await tx.q.insert(signInFailures).values({ email: email.trim().toLowerCase(), ip, at: new Date(now) });
  await tx.q.delete(signInFailures).where(lt(signInFailures.at, new Date(now - FAILURE_RETENTION_MS)));
}

/** Records one sign-in attempt as an event; a success also stamps the user's last sign-in. */
export async function recordSignInAttempt(
  attempt: { ok: true; userId: string; email: string; ip: string | null; browserLanguage?: Locale | null } | { ok: false; email: string; ip: string | null },
  db: KeywardDb = getKeywardDb(),
): Promise<void> {
  await db.transaction(async (tx) => {
    if (attempt.ok) {
      await tx.q
        .update(user)
        .set({ lastSignInAt: nowDate(), ...(attempt.browserLanguage ? { browserLanguage: attempt.browserLanguage } : {}) })
        .where(eq(user.id, attempt.userId));
      await recordEvent(tx, {
        actor: { type: "user", id: attempt.userId, label: attempt.email },
        action: "user.signed_in",
        target: { type: "user", id: attempt.userId, label: attempt.email },
        sourceIp: attempt.ip,
      });
    } else {
      await countPasswordFailure(tx, attempt.email, attempt.ip);
      await recordEvent(tx, {
        actor: { type: "anonymous", label: attempt.email || "(no email)" },
        action: "user.sign_in_failed",
        sourceIp: attempt.ip,
        details: { email: attempt.email },
      });
    }
  });
}
