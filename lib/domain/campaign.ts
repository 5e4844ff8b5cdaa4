/**
 * Rotation campaigns (PRODUCT "Rotation campaigns"): the choices, the deadline rule and the shapes
 * the campaign screens, lib/data/campaigns.ts and lib/rotation/campaigns.ts share. Pure and
 * zod-free (the form's schema: campaign-schemas.ts).
 */
import { addDaysIso } from "./expiry";
import { msg } from "./message";

const DAY = 86_400_000;

export const CAMPAIGN_SCOPES = ["all", "older_than", "users"] as const;
export type CampaignScopeKind = (typeof CAMPAIGN_SCOPES)[number];

export const CAMPAIGN_ACTIONS = ["rotate", "revoke"] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

export type CampaignStatus = "starting" | "active" | "completed" | "cancelled";
/**
 * A campaign that is enrolling or waiting for its deadline: its pending tokens are due for
 * rotation (Rotation due by, Keyward-Rotate-By). Counting "starting" too means activating a
 * campaign changes no token's state, so nothing has to re-read its 100,000 tokens then.
 */
export const RUNNING_CAMPAIGN_STATUSES = ["starting", "active"] as const;
export type CampaignTokenState = "pending" | "rotated" | "rotated_auto" | "revoked" | "ended";
export const CAMPAIGN_TOKEN_STATES: readonly CampaignTokenState[] = ["pending", "rotated", "rotated_auto", "revoked", "ended"];

/** A campaign's scope: every live token, those whose secret is older than `days`, or those of `userIds`. */
export type CampaignScope = { kind: "all" } | { kind: "older_than"; days: number } | { kind: "users"; userIds: string[] };

/** The longest deadline, in days from today (UTC). */
export const MAX_DEADLINE_DAYS = 90;
/** Scope "older than N days": the bounds of N. */
export const MIN_SCOPE_DAYS = 1;
export const MAX_SCOPE_DAYS = 3650;
/** "Used in the last 30 days" for the preview and the choice of announcement. */
export const RECENT_USE_DAYS = 30;
/** Reminders go this many days before the deadline to owners still pending. */
export const REMINDER_DAYS = [7, 1] as const;

/** Today's date in UTC (the deadline is a UTC date: the campaign ends at its 23:59:59 UTC). */
export function todayUtc(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The first and last deadline a campaign started at `now` may have: tomorrow … 90 days ahead (UTC dates). */
export function deadlineBounds(now: number): { min: string; max: string } {
  const today = todayUtc(now);
  return { min: addDaysIso(today, 1), max: addDaysIso(today, MAX_DEADLINE_DAYS) };
}

/** The instant a deadline date ends: 23:59:59 UTC of that date (ms). */
export function deadlineInstant(deadlineOn: string): number {
  return Date.parse(`${deadlineOn}T23:59:59Z`);
}

/** The deadline in RFC 3339, as `Keyward-Rotate-By` sends it. */
export function rotateByHeader(deadlineAt: number): Record<string, string> {
  return { "Keyward-Rotate-By": new Date(deadlineAt).toISOString().replace(".000Z", "Z") };
}

/** When a reminder `days` before the deadline is due. */
export function reminderDueAt(deadlineAt: number, days: number): number {
  return deadlineAt - days * DAY;
}

/** How many of a campaign's tokens are in each state, as the campaign page shows them. */
export interface CampaignTotals {
  inScope: number;
  rotated: number;
  pending: number;
  rotatedAutomatically: number;
  revoked: number;
  /** Revoked, expired or deleted otherwise before the deadline: no longer pending, nothing forced. */
  ended: number;
}

/** What the New campaign preview shows, and what Start campaign compares its own snapshot with. */
export interface CampaignPreview {
  tokens: number;
  owners: number;
  usedRecently: number;
}

/**
 * The deadline rule, shared by the form's schema and startCampaign: a date (YYYY-MM-DD) from
 * tomorrow to 90 days ahead, UTC. Returns the message (key) for a bad one, else null.
 */
export function deadlineIssue(deadlineOn: string, now: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadlineOn) || Number.isNaN(Date.parse(`${deadlineOn}T00:00:00Z`)) || new Date(`${deadlineOn}T00:00:00Z`).toISOString().slice(0, 10) !== deadlineOn) {
    return msg("campaignRules.deadlineInvalid");
  }
  const { min, max } = deadlineBounds(now);
  if (deadlineOn < min) return msg("campaignRules.deadlineTooSoon", { min });
  if (deadlineOn > max) return msg("campaignRules.deadlineTooFar", { max, days: MAX_DEADLINE_DAYS });
  return null;
}
