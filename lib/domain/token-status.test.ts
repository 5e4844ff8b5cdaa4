import { afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { clock } from "./clock";
import { expiringSoonRange, expiryCutoff, isExpired, isExpiringSoon, tokenStatus } from "./token-status";

afterEach(() => vi.restoreAllMocks());

describe("isExpired: the one expiry rule", () => {
  it("is false through 23:59:59.999 UTC on the expiry date and true from midnight UTC after it", () => {
    expect(isExpired("2026-06-08", Date.UTC(2026, 5, 8, 23, 59, 59, 999))).toBe(false);
    expect(isExpired("2026-06-08", Date.UTC(2026, 5, 9, 0, 0, 0, 0))).toBe(true);
    expect(isExpired("2024-02-29", Date.UTC(2024, 1, 29, 12))).toBe(false);
    expect(isExpired("2024-02-29", Date.UTC(2024, 2, 1))).toBe(true);
  });

  it("reads the shared clock when no time is given", () => {
    vi.spyOn(clock, "now").mockReturnValue(Date.UTC(2030, 0, 1, 0, 0, 0, 0));
    expect(isExpired("2029-12-31")).toBe(true);
    expect(isExpired("2030-01-01")).toBe(false);
    expect(tokenStatus({ expiresOn: "2029-12-31", revokedAt: null, creatorStatus: "active" })).toBe("expired");
  });
});

describe("expiryCutoff: the rule as SQL compares it", () => {
  it("is the UTC date of the instant", () => {
    expect(expiryCutoff(Date.UTC(2026, 5, 8, 23, 59, 59, 999))).toBe("2026-06-08");
    expect(expiryCutoff(Date.UTC(2026, 5, 9))).toBe("2026-06-09");
  });

  it("agrees with isExpired for every date and instant: expired ⇔ expiresOn < cutoff", () => {
    const day = 86_400_000;
    const start = Date.UTC(2000, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 40_000 * day }), (d, offset) => {
        const expiresOn = new Date(start + d * day).toISOString().slice(0, 10);
        const now = start + offset;
        expect(expiresOn < expiryCutoff(now)).toBe(isExpired(expiresOn, now));
      }),
    );
  });
});

describe("isExpiringSoon: live and expiring within 14 days", () => {
  const now = Date.UTC(2030, 0, 10, 23, 59, 59, 999);
  it("covers today through the UTC date 14 days ahead, never revoked or expired tokens", () => {
    expect(isExpiringSoon({ expiresOn: "2030-01-10", revokedAt: null }, now)).toBe(true);
    expect(isExpiringSoon({ expiresOn: "2030-01-24", revokedAt: null }, now)).toBe(true);
    expect(isExpiringSoon({ expiresOn: "2030-01-25", revokedAt: null }, now)).toBe(false);
    expect(isExpiringSoon({ expiresOn: "2030-01-09", revokedAt: null }, now)).toBe(false);
    expect(isExpiringSoon({ expiresOn: "2030-01-12", revokedAt: now }, now)).toBe(false);
    // A millisecond later it is the 11th: the 10th has expired and the 25th comes into range.
    expect(isExpiringSoon({ expiresOn: "2030-01-10", revokedAt: null }, now + 1)).toBe(false);
    expect(isExpiringSoon({ expiresOn: "2030-01-25", revokedAt: null }, now + 1)).toBe(true);
  });

  it("reads the shared clock when no time is given", () => {
    vi.spyOn(clock, "now").mockReturnValue(now);
    expect(isExpiringSoon({ expiresOn: "2030-01-24", revokedAt: null })).toBe(true);
    expect(expiringSoonRange()).toEqual({ from: "2030-01-10", to: "2030-01-24" });
  });
});
