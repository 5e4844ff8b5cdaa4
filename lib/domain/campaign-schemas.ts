/**
 * New campaign's schema (PRODUCT "Rotation campaigns"), shared by the form's resolver and the
 * server actions, apart from campaign.ts so zod loads only with the form and on the server.
 * The deadline depends on today (UTC), so the schema reads the clock at validation time.
 */
import { z } from "zod";
import { clock } from "./clock";
import { CAMPAIGN_ACTIONS, CAMPAIGN_SCOPES, MAX_SCOPE_DAYS, MIN_SCOPE_DAYS, deadlineIssue, type CampaignScope } from "./campaign";
import { msg } from "./message";

export const CAMPAIGN_NAME_MAX = 100;
export const CAMPAIGN_REASON_MAX = 1000;
/** A "Tokens of these users" scope names at most this many users. */
export const MAX_SCOPE_USERS = 1000;

// Name and reason go into notices' subjects and bodies: the name stays on one line.
const LINE_BREAK = /[\r\n\u2028\u2029]/;

const nameAtom = z
  .string({ error: msg("campaigns.rules.nameRequired") })
  .trim()
  .min(1, msg("campaigns.rules.nameRequired"))
  .max(CAMPAIGN_NAME_MAX, msg("campaigns.rules.nameTooLong", { max: CAMPAIGN_NAME_MAX }))
  .refine((s) => !LINE_BREAK.test(s), msg("campaigns.rules.nameLineBreak"));

const reasonAtom = z
  .string({ error: msg("campaigns.rules.reasonRequired") })
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, msg("campaigns.rules.reasonRequired"))
      .max(CAMPAIGN_REASON_MAX, msg("campaigns.rules.reasonTooLong", { max: CAMPAIGN_REASON_MAX })),
  );

/**
 * The scope as the form holds it: the kind, plus the days and users fields that only one kind
 * reads (the form keeps both while the administrator switches between kinds).
 */
export const campaignScopeSchema = z
  .object({
    kind: z.enum(CAMPAIGN_SCOPES, { error: msg("campaigns.rules.scopeRequired") }),
    // Checked below, and only for "older_than": an emptied days box (NaN) must not block "all".
    days: z.unknown().optional(),
    userIds: z.array(z.string().max(64)).max(MAX_SCOPE_USERS, msg("campaigns.rules.tooManyUsers", { max: MAX_SCOPE_USERS })).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === "older_than" && !(typeof v.days === "number" && Number.isInteger(v.days) && v.days >= MIN_SCOPE_DAYS && v.days <= MAX_SCOPE_DAYS)) {
      ctx.addIssue({ code: "custom", path: ["days"], message: msg("campaigns.rules.daysRange", { min: MIN_SCOPE_DAYS, max: MAX_SCOPE_DAYS }) });
    }
    if (v.kind === "users" && !(v.userIds && v.userIds.length > 0)) {
      ctx.addIssue({ code: "custom", path: ["userIds"], message: msg("campaigns.rules.usersRequired") });
    }
  })
  .transform((v): CampaignScope => {
    if (v.kind === "older_than") return { kind: "older_than", days: v.days as number };
    if (v.kind === "users") return { kind: "users", userIds: [...new Set(v.userIds)] };
    return { kind: "all" };
  });
export type CampaignScopeInput = z.input<typeof campaignScopeSchema>;

export const newCampaignSchema = z
  .object({
    name: nameAtom,
    reason: reasonAtom,
    scope: campaignScopeSchema,
    deadlineOn: z.string({ error: msg("campaignRules.deadlineInvalid") }),
    action: z.enum(CAMPAIGN_ACTIONS, { error: msg("campaigns.rules.actionRequired") }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (typeof v.deadlineOn !== "string") return;
    const message = deadlineIssue(v.deadlineOn, clock.now());
    if (message) ctx.addIssue({ code: "custom", path: ["deadlineOn"], message });
  });
export type NewCampaignInput = z.input<typeof newCampaignSchema>;
export type NewCampaignValues = z.output<typeof newCampaignSchema>;

/** Preview: only the scope matters. */
export const previewCampaignSchema = z.object({ scope: campaignScopeSchema }).strict();

/** Start campaign: the form, plus the preview the administrator saw (Start compares its snapshot with it). */
export const startCampaignSchema = z
  .object({
    values: newCampaignSchema,
    expected: z
      .object({ tokens: z.number().int().nonnegative(), owners: z.number().int().nonnegative(), usedRecently: z.number().int().nonnegative() })
      .strict()
      .optional(),
  })
  .strict();

/** Cancel campaign and Rotate the rest now name the campaign by ID. */
export const campaignIdSchema = z.object({ campaignId: z.number().int().positive() }).strict();
