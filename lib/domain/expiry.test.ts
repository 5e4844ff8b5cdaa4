import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addDaysIso,
  addOneYear,
  expiryBounds,
  expiryTimestamp,
  isoToLocalDate,
  isValidTimeZone,
  localDateToIso,
  parseIsoDate,
  presetDate,
  todayIn,
  validateDateInRange,
  validateExpiry,
} from "./expiry";
import { expiryInstant, tokenStatus } from "./token-status";
import { inEnglish } from "@/test/english";

const ZONES = ["Pacific/Honolulu", "UTC", "Pacific/Kiritimati"] as const;
const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

// 2026-03-10 20:00 UTC: Honolulu (UTC−10) 10:00 on the 10th, Kiritimati (UTC+14) 10:00 on the 11th.
const NOW = new Date(Date.UTC(2026, 2, 10, 20, 0, 0));
// The user's today and the creation form's bounds there (tomorrow, today + 1 year, today + 90 days).
const TEN_MARCH = { today: "2026-03-10", min: "2026-03-11", max: "2027-03-10", default: "2026-06-08" };
const BOUNDS: Record<(typeof ZONES)[number], typeof TEN_MARCH> = {
  "Pacific/Honolulu": TEN_MARCH,
  UTC: TEN_MARCH,
  // Already the 11th there, but the year is counted from the UTC date (the 10th): a client's
  // zone never buys a year and a day (issue 12, item 26).
  "Pacific/Kiritimati": { today: "2026-03-11", min: "2026-03-12", max: "2027-03-10", default: "2026-06-09" },
};
const DAY_AFTER_MAX = { "Pacific/Honolulu": "2027-03-11", UTC: "2027-03-11", "Pacific/Kiritimati": "2027-03-11" };

for (const processTz of ZONES) {
  describe(`with process TZ=${processTz}`, () => {
    it("the process zone really changed (so these runs differ)", () => {
      process.env.TZ = processTz;
      const offset = { "Pacific/Honolulu": 600, UTC: 0, "Pacific/Kiritimati": -840 }[processTz];
      expect(NOW.getTimezoneOffset()).toBe(offset);
    });

    for (const userTz of ZONES) {
      it(`computes the user's today and bounds in ${userTz}`, () => {
        process.env.TZ = processTz;
        const today = BOUNDS[userTz].today;
        expect(todayIn(userTz, NOW)).toBe(today);
        const b = expiryBounds(userTz, NOW);
        expect(b).toEqual(BOUNDS[userTz]);
        expect(inEnglish(validateExpiry(today, userTz, NOW))).toBe("Pick a date after today.");
        expect(validateExpiry(b.min, userTz, NOW)).toBeNull();
        expect(validateExpiry(b.max, userTz, NOW)).toBeNull();
        expect(validateExpiry(b.default, userTz, NOW)).toBeNull();
        expect(inEnglish(validateExpiry(DAY_AFTER_MAX[userTz], userTz, NOW))).toBe(
          `A token can last at most one year: pick ${b.max} or earlier.`,
        );
      });
    }

    it("handles 29 February: created 2028-02-29 → max 2029-02-28, in every user zone", () => {
      process.env.TZ = processTz;
      // No single instant is 29 Feb in both UTC−10 and UTC+14, so use local noon in each zone.
      const utcOffsetHours = { "Pacific/Honolulu": -10, UTC: 0, "Pacific/Kiritimati": 14 };
      for (const userTz of ZONES) {
        const leap = new Date(Date.UTC(2028, 1, 29, 12 - utcOffsetHours[userTz]));
        const b = expiryBounds(userTz, leap);
        expect(b.today).toBe("2028-02-29");
        expect(b.min).toBe("2028-03-01");
        expect(b.max).toBe("2029-02-28");
        expect(presetDate("1y", userTz, leap)).toBe("2029-02-28");
        expect(inEnglish(validateExpiry("2029-03-01", userTz, leap))).toBe(
          "A token can last at most one year: pick 2029-02-28 or earlier.",
        );
      }
    });

    it("picked dates round-trip through the calendar widget's Date unchanged (property)", () => {
      process.env.TZ = processTz;
      fc.assert(
        fc.property(fc.date({ min: new Date("1970-01-01"), max: new Date("2200-12-31"), noInvalidDate: true }), (d) => {
          const iso = d.toISOString().slice(0, 10);
          const local = isoToLocalDate(iso)!;
          expect(localDateToIso(local)).toBe(iso);
          expect(local.getHours()).toBe(12);
        }),
      );
    });

    it("a date validated in any user zone stays that date and expires at 23:59:59.999 UTC (property)", () => {
      process.env.TZ = processTz;
      fc.assert(
        fc.property(
          fc.date({ min: new Date("2020-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
          fc.constantFrom(...ZONES, "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"),
          fc.integer({ min: 1, max: 365 }),
          (now, userTz, days) => {
            const today = todayIn(userTz, now);
            const picked = addDaysIso(today, days);
            if (picked > expiryBounds(userTz, now).max) return;
            expect(validateExpiry(picked, userTz, now)).toBeNull();
            expect(localDateToIso(isoToLocalDate(picked)!)).toBe(picked);
            expect(new Date(expiryInstant(picked)).toISOString()).toBe(`${picked}T23:59:59.999Z`);
          },
        ),
      );
    });
  });
}

describe("the one-year limit is counted in UTC, whatever zone the client sends", () => {
  const AHEAD = ["Pacific/Kiritimati", "Etc/GMT-14", "Pacific/Apia", "Asia/Tokyo", "UTC", "Pacific/Honolulu", "Etc/GMT+12"];

  it("never accepts more than 365/366 days after today in UTC (property, including leap years)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), fc.constantFrom(...AHEAD), (now, zone) => {
        const utcToday = todayIn("UTC", now);
        const { max } = expiryBounds(zone, now);
        const days = (Date.parse(max) - Date.parse(utcToday)) / 86_400_000;
        expect(days).toBeLessThanOrEqual(366);
        expect(max <= addOneYear(utcToday)).toBe(true);
        expect(validateExpiry(addDaysIso(addOneYear(utcToday), 1), zone, now)).not.toBeNull();
        expect(presetDate("1y", zone, now)).toBe(max);
      }),
    );
  });

  it("gives Kiritimati (UTC+14) at 20:00 UTC no extra day: 2027-03-11 is refused", () => {
    expect(todayIn("Pacific/Kiritimati", NOW)).toBe("2026-03-11");
    expect(inEnglish(validateExpiry("2027-03-11", "Pacific/Kiritimati", NOW))).toBe(
      "A token can last at most one year: pick 2027-03-10 or earlier.",
    );
    expect(validateExpiry("2027-03-10", "Pacific/Kiritimati", NOW)).toBeNull();
  });
});

describe("validateExpiry messages", () => {
  const tz = "UTC";
  it.each([
    ["", "Enter a date as YYYY-MM-DD."],
    ["2026-3-1", "Enter a date as YYYY-MM-DD."],
    ["01/04/2026", "Enter a date as YYYY-MM-DD."],
    ["2026-04-01T00:00", "Enter a date as YYYY-MM-DD."],
    ["2026-02-30", "That date doesn't exist."],
    ["2026-13-01", "That date doesn't exist."],
    ["2027-02-29", "That date doesn't exist."],
    ["2026-03-09", "Pick a date after today."],
    ["2026-03-10", "Pick a date after today."],
    ["2027-03-11", "A token can last at most one year: pick 2027-03-10 or earlier."],
  ])("%j → %s", (input, message) => {
    expect(inEnglish(validateExpiry(input, tz, NOW))).toBe(message);
  });
});

describe("date helpers", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDaysIso("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDaysIso("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDaysIso("2026-03-10", 90)).toBe("2026-06-08");
    expect(addOneYear("2026-03-10")).toBe("2027-03-10");
    expect(addOneYear("2028-02-29")).toBe("2029-02-28");
    expect(() => addDaysIso("2026-02-30", 1)).toThrow(RangeError);
  });

  it("parses only real dates", () => {
    expect(parseIsoDate("2028-02-29")).toEqual({ y: 2028, m: 2, d: 29 });
    expect(parseIsoDate("2026-02-29")).toBeNull();
    expect(parseIsoDate("0099-01-01")).toBeNull();
    expect(isoToLocalDate("2026-02-30")).toBeUndefined();
  });

  it("computes presets from the user's today", () => {
    expect(presetDate("30d", "Pacific/Kiritimati", NOW)).toBe("2026-04-10");
    expect(presetDate("60d", "UTC", NOW)).toBe("2026-05-09");
    expect(presetDate("90d", "Pacific/Honolulu", NOW)).toBe("2026-06-08");
    expect(presetDate("180d", "UTC", NOW)).toBe("2026-09-06");
    // "1 year" offers no more than the UTC bound, ahead of UTC as everywhere.
    expect(presetDate("1y", "Pacific/Kiritimati", NOW)).toBe("2027-03-10");
    expect(presetDate("1y", "Pacific/Honolulu", NOW)).toBe("2027-03-10");
  });

  it("recognises IANA zones", () => {
    expect(isValidTimeZone("Pacific/Kiritimati")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone(undefined)).toBe(false);
  });

  it("checks a date against explicit bounds", () => {
    expect(validateDateInRange("2026-04-01", "2026-03-11", "2027-03-10")).toBeNull();
    expect(inEnglish(validateDateInRange("2026-03-10", "2026-03-11", "2027-03-10"))).toBe("Pick a date from 2026-03-11 to 2027-03-10.");
    expect(inEnglish(validateDateInRange("2027-03-11", "2026-03-11", "2027-03-10"))).toBe("Pick a date from 2026-03-11 to 2027-03-10.");
    expect(inEnglish(validateDateInRange("2026-02-30", "2026-01-01", "2027-01-01"))).toBe("That date doesn't exist.");
    expect(inEnglish(validateDateInRange("20260401", "2026-01-01", "2027-01-01"))).toBe("Enter a date as YYYY-MM-DD.");
  });

  it("words the file timestamp", () => {
    expect(expiryTimestamp("2026-06-08")).toBe("2026-06-08T23:59:59Z");
  });
});

describe("expiry boundary against tokenStatus", () => {
  it("is active at 23:59:59.999 UTC on the date and expired at 00:00:00.000 the next day", () => {
    const t = { expiresOn: "2026-06-08", revokedAt: null, creatorStatus: "active" as const };
    expect(expiryInstant("2026-06-08")).toBe(Date.UTC(2026, 5, 8, 23, 59, 59, 999));
    expect(tokenStatus(t, Date.UTC(2026, 5, 8, 23, 59, 59, 999))).toBe("active");
    expect(tokenStatus(t, Date.UTC(2026, 5, 9, 0, 0, 0, 0))).toBe("expired");
  });
});
