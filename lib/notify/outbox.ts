import { and, eq, inArray } from "drizzle-orm";
import type { Queries } from "@/lib/db/database";
import { apiTokens, outbox, roles, user } from "@/lib/db/schema";
import { DEFAULT_LOCALE, type Locale } from "@/lib/domain/locale";
import { formatDateTime } from "@/lib/i18n/format";
import { translatorFor } from "@/lib/i18n/translator";

// No "server-only": the scheduler started by server.ts uses this module.

export type NoticeKind = "created" | "expiring" | "expired" | "rotated" | "campaignRotated" | "campaignRevoked";

/** What a notice says beyond the token: for "rotated", when the replaced credential stops (null: at once). */
export interface NoticeExtra {
  previousUntil?: number | null;
  /** The campaign that rotated or revoked the token. */
  campaign?: string;
}

/**
 * A header value with every control character (CR, LF, NUL, tab…) and Unicode line separator
 * replaced by a space: a token title like "x\r\nBcc: evil@example.com" stays one harmless line.
 */
export function headerSafe(value: string, max = 200): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// On globalThis: server.ts and Next's server bundle each load their own copy of this module.
const SEEN_ORIGIN = Symbol.for("keyward.consoleOrigin");
const seen = globalThis as { [SEEN_ORIGIN]?: string };

/** Remembers the address a person opened the console on, for links while KEYWARD_URL is unset. */
export function rememberConsoleOrigin(origin: string) {
  seen[SEEN_ORIGIN] = origin;
}

/** Said once at start-up when notice links can't use KEYWARD_URL. */
export function consoleUrlWarning(keywardUrl: string | undefined): string | null {
  if (keywardUrl) return null;
  return "KEYWARD_URL is not set: links in notices use the address the console was last opened on. Set KEYWARD_URL to the address users open (e.g. https://keys.example.com).";
}

/**
 * The console's address for links in notices: KEYWARD_URL, else the address the console was
 * opened on; localhost only before anyone has opened it (and start-up has warned).
 */
export function consoleBaseUrl(): string {
  const url = process.env.KEYWARD_URL || seen[SEEN_ORIGIN] || `http://localhost:${process.env.PORT ?? 3000}`;
  return url.replace(/\/+$/, "");
}

interface NoticeToken {
  id: string;
  title: string;
  expiresOn: string;
}


/**
 * Subject and plain-text body of a notice in the recipient's language: whole messages of
 * notices.* with the token's name, ID, expiry and link as parameters. The body never holds the
 * secret: only name, ID, date.
 */
export function composeNotice(kind: NoticeKind, t: NoticeToken, locale: Locale = DEFAULT_LOCALE, extra: NoticeExtra = {}): { subject: string; body: string } {
  const tr = translatorFor(locale);
  const title = headerSafe(t.title, 120);
  // The last valid instant of the expiry date, in UTC: recipients may be in any zone.
  const expires = formatDateTime(`${t.expiresOn}T23:59:59Z`, locale, "UTC");
  const link = `${consoleBaseUrl()}/api-management/${encodeURIComponent(t.id)}`;
  const until = extra.previousUntil ? formatDateTime(new Date(extra.previousUntil).toISOString(), locale, "UTC") : null;
  const params = { ...(until ? { until } : {}), ...(extra.campaign ? { campaign: headerSafe(extra.campaign, 120) } : {}) };
  const lead = kind === "rotated" && !until ? tr("notices.rotated.leadStopped") : tr(`notices.${kind}.lead`, params);
  const body = tr("notices.body", {
    lead,
    title: t.title.replace(/[\r\n]+/g, " "),
    id: t.id,
    expires,
    link,
    todo: tr(`notices.${kind}.todo`),
  });
  return { subject: headerSafe(tr(`notices.${kind}.subject`, { title })), body };
}

/** A new message's outbox status: without SMTP the Outbox page is the inbox, so messages are kept there, not retried. */
export function noticeStatus(): "pending" | "kept" {
  return process.env.SMTP_URL ? "pending" : "kept";
}

/** Someone a notice goes to, with the language it is written in. */
export interface NoticeRecipient {
  email: string;
  locale: Locale;
}

/** A user's notice language: their saved choice, else their browser's at the last sign-in, else English. */
export function noticeLocale(u: { language: Locale | null; browserLanguage: Locale | null }): Locale {
  return u.language ?? u.browserLanguage ?? DEFAULT_LOCALE;
}

/** Every active System Administrator, who gets a copy of each notice. */
function administratorsQuery(q: Queries["q"]) {
  return q
    .select({ email: user.email, language: user.language, browserLanguage: user.browserLanguage })
    .from(user)
    .innerJoin(roles, eq(roles.id, user.roleId))
    .where(and(eq(roles.builtIn, true), eq(user.status, "active")));
}

function asRecipients(rows: AdministratorRow[]): NoticeRecipient[] {
  return rows.map((r) => ({ email: r.email, locale: noticeLocale(r) }));
}

/** The creator and every active System Administrator, each once (case-insensitive email). */
function noticeRecipients(creator: NoticeRecipient, admins: NoticeRecipient[]): NoticeRecipient[] {
  const seen = new Map<string, NoticeRecipient>();
  for (const r of [creator, ...admins]) {
    const address = headerSafe(r.email, 254);
    if (address && !seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), { email: address, locale: r.locale });
  }
  return [...seen.values()];
}

/** One message ready for the outbox, written for its recipient. */
export interface TokenNotice {
  tokenId: string;
  /** The title and expiry it was written with, so a caller can tell whether the token changed since. */
  title: string;
  expiresOn: string;
  row: typeof outbox.$inferInsert;
}

type NoticeOptions = { occurrence?: string; extra?: NoticeExtra; ownerOnly?: boolean };

function tokensQuery(q: Queries["q"], tokenIds: readonly string[]) {
  return q
    .select({
      id: apiTokens.id,
      title: apiTokens.title,
      expiresOn: apiTokens.expiresOn,
      creatorEmail: user.email,
      language: user.language,
      browserLanguage: user.browserLanguage,
    })
    .from(apiTokens)
    .innerJoin(user, eq(user.id, apiTokens.creatorId))
    .where(inArray(apiTokens.id, [...tokenIds]));
}

type NoticeTokenRow = { id: string; title: string; expiresOn: string; creatorEmail: string; language: Locale | null; browserLanguage: Locale | null };
type AdministratorRow = { email: string; language: Locale | null; browserLanguage: Locale | null };

function composeTokenNotices(tokens: NoticeTokenRow[], admins: NoticeRecipient[], kind: NoticeKind, opts: NoticeOptions): TokenNotice[] {
  const status = noticeStatus();
  return tokens.flatMap((t) =>
    noticeRecipients({ email: t.creatorEmail, locale: noticeLocale(t) }, admins).map(({ email: recipient, locale }) => {
      const { subject, body } = composeNotice(kind, t, locale, opts.extra);
      return {
        tokenId: t.id,
        title: t.title,
        expiresOn: t.expiresOn,
        row: { dedupeKey: `${kind}:${t.id}:${opts.occurrence ? `${opts.occurrence}:` : ""}${recipient.toLowerCase()}`, kind, tokenId: t.id, recipient, subject, body, status },
      };
    }),
  );
}

/**
 * The notices of `kind` for each of the tokens (one per recipient, each in their own language):
 * the tokens and their creators in one query, the administrators once. Rendering does not need
 * the transaction that queues them, so a batch can be written before its write lock is taken.
 * A kind that can happen more than once to a token (a rotation) names its `occurrence` in the
 * dedupe key. `ownerOnly`: to the token's creator alone (a campaign's per-token notices: its
 * administrators follow the campaign page).
 */
export async function renderTokenNotices(db: Queries, tokenIds: readonly string[], kind: NoticeKind, opts: NoticeOptions = {}): Promise<TokenNotice[]> {
  if (!tokenIds.length) return [];
  const tokens = await tokensQuery(db.q, tokenIds);
  if (!tokens.length) return [];
  const admins = opts.ownerOnly ? [] : asRecipients(await administratorsQuery(db.q));
  return composeTokenNotices(tokens, admins, kind, opts);
}

/**
 * Queues rendered notices. Idempotent: the dedupe key kind:tokenId:recipient is unique, so a
 * repeat (restart, overlapping scheduler runs, a second process) inserts nothing. Call it inside
 * the transaction that causes the notices. Returns the number of new messages.
 */
export async function queueNotices(tx: Queries, notices: readonly Pick<TokenNotice, "row">[]): Promise<number> {
  let added = 0;
  // In chunks, well under SQLite's limit on bound values however many administrators there are.
  for (let i = 0; i < notices.length; i += 500) {
    const rows = notices.slice(i, i + 500).map((n) => n.row);
    added += (await tx.q.insert(outbox).values(rows).onConflictDoNothing({ target: outbox.dedupeKey }).returning({ id: outbox.id })).length;
  }
  return added;
}

/** Queues one notice per recipient for one token (renderTokenNotices and queueNotices, in the caller's transaction). */
export async function enqueueTokenNotice(tx: Queries, n: { tokenId: string; kind: NoticeKind; occurrence?: string; extra?: NoticeExtra }): Promise<number> {
  return queueNotices(tx, await renderTokenNotices(tx, [n.tokenId], n.kind, { occurrence: n.occurrence, extra: n.extra }));
}
