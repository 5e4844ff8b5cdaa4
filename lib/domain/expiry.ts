/**
 * Expiry dates are calendar dates ("YYYY-MM-DD"), never instants: the user picks a day, we store
 * that day, and the token works until 23:59:59.999 UTC on it (see `expiryInstant` in
 * token-status.ts). "Today" is the user's today in their IANA time zone, so every helper here
 * takes the zone explicitly and does date arithmetic in UTC on the date parts only: nothing
 * depends on the process or browser time zone, so no date can shift by a day.
 */

import { TZDate } from "@date-fns/tz";
import { nowDate } from "./clock";
import { msg } from "./message";
import { expiryInstant } from "./token-status";

export { expiryInstant };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const DEFAULT_EXPIRY_DAYS = 90;

// Labelled by the date field in the viewer's language ("30 days", "1 year").
export const EXPIRY_PRESETS = [
  { key: "30d", days: 30 },
  { key: "60d", days: 60 },
  { key: "90d", days: 90 },
  { key: "180d", days: 180 },
  { key: "1y", days: null },
] as const;
export type ExpiryPreset = (typeof EXPIRY_PRESETS)[number]["key"];

// Building an Intl.DateTimeFormat costs a fraction of a millisecond and every token form checks
// its zone. Names are case-insensitive (endless spellings), so the memory is capped.
const knownZones = new Set<string>();

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone.length === 0 || timeZone.length > 100) return false;
  if (knownZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    if (knownZones.size < 1000) knownZones.add(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Parses "YYYY-MM-DD" into parts if it is a real calendar date (2026-02-30 is not). */
export function parseIsoDate(value: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC maps years 0–99 to the 1900s; no real expiry is before year 1000, so refuse those.
  if (y < 1000 || t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return { y, m, d };
}

function isoFromParts(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function isoFromUtc(t: Date): string {
  return isoFromParts(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Today's date in timeZone, e.g. "2026-03-11" in Pacific/Kiritimati while UTC is still on the 10th. */
export function todayIn(timeZone: string, now: Date = nowDate()): string {
  const local = new TZDate(now.getTime(), timeZone);
  return isoFromParts(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

export function addDaysIso(iso: string, days: number): string {
  const p = parseIsoDate(iso);
  if (!p) throw new RangeError(`Not a date: ${iso}`);
  return isoFromUtc(new Date(Date.UTC(p.y, p.m - 1, p.d + days)));
}

/** Same day next year; 29 February becomes 28 February (never 1 March). */
export function addOneYear(iso: string): string {
  const p = parseIsoDate(iso);
  if (!p) throw new RangeError(`Not a date: ${iso}`);
  return isoFromParts(p.y + 1, p.m, p.m === 2 && p.d === 29 ? 28 : p.d);
}

export interface ExpiryBounds {
  today: string;
  /** Tomorrow: a token must work for at least the rest of today. */
  min: string;
  /** One year from today, capped at one year from today in UTC (see maxExpiry). */
  max: string;
  default: string;
}

/**
 * The latest expiry date: one year from today in the user's zone, but never later than one year
 * from today in UTC. The zone comes from the client, so a zone ahead of UTC (Pacific/Kiritimati,
 * UTC+14) must not buy a year and a day: the UTC bound is the one the server enforces.
 */
export function maxExpiry(timeZone: string, now: Date = nowDate()): string {
  const local = addOneYear(todayIn(timeZone, now));
  // Read from the instant itself, not through TZDate: the bound must not depend on any zone logic.
  const utc = addOneYear(isoFromUtc(now));
  return local < utc ? local : utc;
}

export function expiryBounds(timeZone: string, now: Date = nowDate()): ExpiryBounds {
  const today = todayIn(timeZone, now);
  return {
    today,
    min: addDaysIso(today, 1),
    max: maxExpiry(timeZone, now),
    default: addDaysIso(today, DEFAULT_EXPIRY_DAYS),
  };
}

export function presetDate(preset: ExpiryPreset, timeZone: string, now: Date = nowDate()): string {
  const today = todayIn(timeZone, now);
  const found = EXPIRY_PRESETS.find((p) => p.key === preset);
  if (!found) throw new RangeError(`Unknown preset: ${preset}`);
  return found.days === null ? maxExpiry(timeZone, now) : addDaysIso(today, found.days);
}

// Message keys (expiryRules.*), translated where they are shown.
export const EXPIRY_MESSAGES = {
  format: msg("expiryRules.format"),
  nonexistent: msg("expiryRules.nonexistent"),
  notFuture: msg("expiryRules.notFuture"),
  tooLate: (max: string) => msg("expiryRules.tooLate", { max }),
} as const;

/** The message for a bad expiry date, or null when it is between tomorrow and one year from today. */
export function validateExpiry(date: string, timeZone: string, now: Date = nowDate()): string | null {
  if (!ISO_DATE.test(date)) return EXPIRY_MESSAGES.format;
  if (!parseIsoDate(date)) return EXPIRY_MESSAGES.nonexistent;
  const { min, max } = expiryBounds(timeZone, now);
  // Same-length ISO dates compare correctly as strings.
  if (date < min) return EXPIRY_MESSAGES.notFuture;
  if (date > max) return EXPIRY_MESSAGES.tooLate(max);
  return null;
}

/** For a date field with explicit bounds (e.g. extending an expiry): the message, or null. */
export function validateDateInRange(date: string, min: string, max: string): string | null {
  if (!ISO_DATE.test(date)) return EXPIRY_MESSAGES.format;
  if (!parseIsoDate(date)) return EXPIRY_MESSAGES.nonexistent;
  if (date < min || date > max) return msg("expiryRules.outOfRange", { min, max });
  return null;
}

/** "2026-06-01T23:59:59Z": the last second a token works, as shown in files and the UI. */
export function expiryTimestamp(expiresOn: string): string {
  return `${expiresOn}T23:59:59Z`;
}

/**
 * For calendar widgets that speak Date: a local-time Date at NOON of that day, so no DST jump
 * or zone offset can move it to a neighbouring day. Returns undefined for an invalid string.
 */
export function isoToLocalDate(iso: string): Date | undefined {
  const p = parseIsoDate(iso);
  if (!p) return undefined;
  const d = new Date(2000, 0, 1, 12);
  d.setFullYear(p.y, p.m - 1, p.d);
  return d;
}

/** The inverse of isoToLocalDate: reads the LOCAL calendar day the widget shows. */
export function localDateToIso(date: Date): string {
  return isoFromParts(date.getFullYear(), date.getMonth() + 1, date.getDate());
}
