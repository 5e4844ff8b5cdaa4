import { clock } from "./clock";

/** The token statuses shown in the console and enforced by the API. */
export type TokenStatus = "active" | "expired" | "revoked" | "suspended";

/** Every status, in the order the console lists them (labels: tokenStatus.* in messages/*.json). */
export const TOKEN_STATUSES = ["active", "expired", "revoked", "suspended"] as const satisfies readonly TokenStatus[];

/** The last instant a token is valid: 23:59:59.999 UTC on its expiry date (YYYY-MM-DD). */
export function expiryInstant(expiresOn: string): number {
  const [y, m, d] = expiresOn.split("-").map(Number);
  return Date.UTC(y, m - 1, d, 23, 59, 59, 999);
}

/** The one rule for "is this token expired": it works through 23:59:59.999 UTC on its expiry date. */
export function isExpired(expiresOn: string, now: number = clock.now()): boolean {
  return now > expiryInstant(expiresOn);
}

/**
 * The same rule for SQL, which compares dates as text: at `now`, a token is expired exactly
 * when its expires_on is before this date (today's UTC date), and live when on or after it.
 */
export function expiryCutoff(now: number = clock.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/**
 * Derives a token's status. Revoked wins over everything, then expired, then suspended
 * (its creator is suspended; reactivating the creator makes it active again).
 */
export function tokenStatus(
  t: { expiresOn: string; revokedAt: Date | number | null; creatorStatus: "active" | "suspended" },
  now: number = clock.now(),
): TokenStatus {
  if (t.revokedAt != null) return "revoked";
  if (isExpired(t.expiresOn, now)) return "expired";
  if (t.creatorStatus !== "active") return "suspended";
  return "active";
}

/** How far ahead "Expiring soon" looks, in days. */
export const EXPIRING_SOON_DAYS = 14;

/**
 * The expiry dates (YYYY-MM-DD, inclusive) that count as "expiring soon" at `now`: from today
 * (UTC, the first date still live) to the UTC date 14 days ahead. SQL compares against these;
 * isExpiringSoon is the same rule for one token.
 */
export function expiringSoonRange(now: number = clock.now()): { from: string; to: string } {
  return { from: expiryCutoff(now), to: expiryCutoff(now + EXPIRING_SOON_DAYS * 24 * 60 * 60 * 1000) };
}

/** The one rule for "expiring soon": a live (not revoked, not expired) token whose expiry date falls in expiringSoonRange. */
export function isExpiringSoon(t: { expiresOn: string; revokedAt: Date | number | null }, now: number = clock.now()): boolean {
  if (t.revokedAt != null) return false;
  const { from, to } = expiringSoonRange(now);
  return t.expiresOn >= from && t.expiresOn <= to;
}
