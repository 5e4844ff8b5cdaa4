/** The token statuses shown in the console and enforced by the API. */
export type TokenStatus = "active" | "expired" | "revoked" | "suspended";

export const TOKEN_STATUS_LABELS: Record<TokenStatus, string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
  suspended: "Suspended",
};

/** The last instant a token is valid: 23:59:59.999 UTC on its expiry date (YYYY-MM-DD). */
export function expiryInstant(expiresOn: string): number {
  const [y, m, d] = expiresOn.split("-").map(Number);
  return Date.UTC(y, m - 1, d, 23, 59, 59, 999);
}

/**
 * Derives a token's status. Revoked wins over everything, then expired, then suspended
 * (its creator is suspended; reactivating the creator makes it active again).
 */
export function tokenStatus(
  t: { expiresOn: string; revokedAt: Date | number | null; creatorStatus: "active" | "suspended" },
  now: number = Date.now(),
): TokenStatus {
  if (t.revokedAt != null) return "revoked";
  if (now > expiryInstant(t.expiresOn)) return "expired";
  if (t.creatorStatus !== "active") return "suspended";
  return "active";
}
