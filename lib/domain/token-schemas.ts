/**
 * The zod schemas of token forms, shared by the client resolver, the server actions and tests,
 * so the server re-validates exactly what the browser checked.
 *
 * "Today" matters (expiry bounds), so schemas take `now` as a Date or a function; the default
 * reads the clock at validation time, which makes the module-level `createTokenSchema` safe to
 * reuse in a long-running server (e.g. passed once to guardedAction).
 *
 * Every issue is reported on a top-level field path so `zodFieldErrors` maps it onto the form.
 * An extra key (a tampered payload) is refused by .strict() with a form-level error.
 */
import { z } from "zod";
import { nowDate } from "./clock";
import { msg } from "./message";
import { isValidTimeZone, validateExpiry, parseIsoDate, EXPIRY_MESSAGES } from "./expiry";
import { findOpenRange, invalidEntries, MAX_ALLOWED_IPS, openRangeMessage, parseEntry } from "./ip-allowlist";
import { ALL_PERMISSIONS, normalizePermissions, unknownPermissions } from "./permissions";
import { checkPublicKey, PUBLIC_KEY_MESSAGES } from "./public-key";
import { DESCRIPTION_MAX, TITLE_MAX } from "./token-limits";

type Now = Date | (() => Date);
const resolveNow = (now: Now) => (typeof now === "function" ? now() : now);

export { TITLE_MAX, DESCRIPTION_MAX };

// C0/C1 controls plus Unicode line/paragraph separators: a title goes into mail headers and
// one-line UI, so a line break there could inject a header ("\r\nBcc: x").
const CONTROL_CHARS = /[\p{Cc}\u2028\u2029]/u;

// Characters that show nothing: format characters (zero-width spaces and joiners, bidi marks
// and isolates, BOM, soft hyphen), separators, and blanks that trim() keeps (Hangul fillers,
// braille blank, variation selectors). A title made only of these looks empty in every list.
const INVISIBLE_CHARS = /[\p{Cf}\p{Z}\s\u034F\u115F\u1160\u17B4\u17B5\u180E\u2800\u3164\uFE00-\uFE0F\uFFA0]/gu;

export const tokenTitleAtom = z
  .string()
  .trim()
  .min(1, msg("tokenRules.titleRequired"))
  .max(TITLE_MAX, msg("tokenRules.titleTooLong", { max: TITLE_MAX }))
  .refine((s) => !CONTROL_CHARS.test(s), msg("tokenRules.titleControlChars"))
  // Only checked once the title is otherwise acceptable, so each title gets one message.
  .refine((s) => s.length === 0 || s.length > TITLE_MAX || CONTROL_CHARS.test(s) || s.replace(INVISIBLE_CHARS, "").length > 0, msg("tokenRules.titleInvisible"));

export const tokenDescriptionAtom = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .max(DESCRIPTION_MAX, msg("tokenRules.descriptionTooLong", { max: DESCRIPTION_MAX }))
      // The description may be multi-line: new lines and tabs are the only controls allowed.
      .refine((s) => !CONTROL_CHARS.test(s.replace(/[\n\t]/g, "")), msg("tokenRules.descriptionControlChars")),
  );

export const timeZoneAtom = z
  .string()
  .refine(isValidTimeZone, msg("tokenRules.timeZoneUnknown"));

export const permissionsAtom = z
  .array(z.string().max(100), { error: msg("tokenRules.choosePermission") })
  .max(ALL_PERMISSIONS.length, msg("tokenRules.tooManyPermissions"))
  .superRefine((list, ctx) => {
    const unknown = unknownPermissions(list);
    if (unknown.length) ctx.addIssue({ code: "custom", message: msg("tokenRules.unknownPermissions", { names: unknown.slice(0, 3).join(", ") }) });
    else if (list.length === 0) ctx.addIssue({ code: "custom", message: msg("tokenRules.choosePermission") });
  })
  .transform((list) => normalizePermissions(list));

/**
 * Allowed IPs as the widget sends them (display or storage form) → unique storage-form CIDRs,
 * in the user's order. Each invalid entry gets its own issue at its index (allowedIps.3), whose
 * message names it and says what is wrong; a repeated bad entry is reported once.
 */
export const allowedIpsSchema = z
  .array(z.string().max(200, msg("ipRules.entryTooLong")), { error: msg("ipRules.notAList") })
  .max(MAX_ALLOWED_IPS, msg("ipRules.tooMany", { max: MAX_ALLOWED_IPS }))
  .superRefine((list, ctx) => {
    for (const { index, message } of invalidEntries(list)) ctx.addIssue({ code: "custom", path: [index], message });
  })
  .transform((list) => [...new Set(list.map((e) => (parseEntry(e) as { cidr: string }).cidr))]);

/** The pasted public key as it arrives; checked by `publicKeyIssue` (creation and Replace public key). */
export const publicKeyAtom = z.string().max(20_000, PUBLIC_KEY_MESSAGES.too_large).nullish();

/** The uploaded-key rule of creation, also applied when a key is replaced: the message, or null when the key is acceptable. */
export function publicKeyIssue(value: unknown): string | null {
  const result = checkPublicKey(typeof value === "string" ? value : "");
  return result.ok ? null : result.message;
}

function addOpenRangeIssue(v: { allowedIps?: unknown; confirmOpenRange?: unknown }, ctx: z.RefinementCtx) {
  if (!Array.isArray(v.allowedIps) || v.confirmOpenRange === true) return;
  const open = findOpenRange(v.allowedIps.filter((e): e is string => typeof e === "string"));
  if (open) ctx.addIssue({ code: "custom", path: ["confirmOpenRange"], message: openRangeMessage(open) });
}

/** Editing a token's allowed IPs ("Edit allowed IPs"): the list and the open-range confirmation. */
export const updateAllowedIpsSchema = z
  .object({ allowedIps: allowedIpsSchema, confirmOpenRange: z.boolean() })
  .strict()
  .superRefine(addOpenRangeIssue);

export function makeCreateTokenSchema(now: Now = nowDate) {
  return z
    .object({
      title: tokenTitleAtom,
      description: tokenDescriptionAtom,
      tokenType: z.enum(["generated", "public_key"], { error: msg("tokenRules.chooseType") }),
      publicKey: publicKeyAtom,
      expiresOn: z.string({ error: EXPIRY_MESSAGES.format }),
      timeZone: timeZoneAtom,
      permissions: permissionsAtom,
      allowedIps: allowedIpsSchema,
      confirmOpenRange: z.boolean(),
    })
    .strict()
    .superRefine((v, ctx) => {
      // Runs even when other fields failed, so every field gets its message in one round; the
      // values are checked for type before use.
      if (typeof v.expiresOn === "string") {
        const zone = isValidTimeZone(v.timeZone) ? v.timeZone : "UTC";
        const message = validateExpiry(v.expiresOn, zone, resolveNow(now));
        if (message) ctx.addIssue({ code: "custom", path: ["expiresOn"], message });
      }
      if (v.tokenType === "public_key") {
        const message = publicKeyIssue(v.publicKey);
        if (message) ctx.addIssue({ code: "custom", path: ["publicKey"], message });
      }
      addOpenRangeIssue(v, ctx);
    })
    .transform((v) => {
      const key = v.tokenType === "public_key" && v.publicKey ? checkPublicKey(v.publicKey) : null;
      return { ...v, publicKey: key?.ok ? key.pem : null };
    });
}

export const createTokenSchema = makeCreateTokenSchema();
export type CreateTokenInput = z.input<typeof createTokenSchema>;
export type CreateTokenValues = z.output<typeof createTokenSchema>;

export const extendExpiryMessages = {
  notLater: (current: string) => msg("tokenRules.extendNotLater", { current }),
} as const;

/**
 * "Extend expiration": the new date must be a real date after the current one and at most one
 * year from the user's today. Build it per request with the token's current date.
 */
export function makeExtendExpirySchema(currentExpiresOn: string, now: Now = nowDate) {
  return z
    .object({ expiresOn: z.string({ error: EXPIRY_MESSAGES.format }), timeZone: timeZoneAtom })
    .strict()
    .superRefine((v, ctx) => {
      if (typeof v.expiresOn !== "string") return;
      const zone = isValidTimeZone(v.timeZone) ? v.timeZone : "UTC";
      const message = validateExpiry(v.expiresOn, zone, resolveNow(now));
      if (message && message !== EXPIRY_MESSAGES.notFuture) {
        ctx.addIssue({ code: "custom", path: ["expiresOn"], message });
      } else if (parseIsoDate(v.expiresOn) && v.expiresOn <= currentExpiresOn) {
        ctx.addIssue({ code: "custom", path: ["expiresOn"], message: extendExpiryMessages.notLater(currentExpiresOn) });
      } else if (message) {
        ctx.addIssue({ code: "custom", path: ["expiresOn"], message });
      }
    });
}

/** The shape of the extend payload without the "after the current date" rule (that needs the token). */
export const extendExpirySchema = makeExtendExpirySchema("0000-00-00");
export type ExtendExpiryInput = z.input<typeof extendExpirySchema>;
