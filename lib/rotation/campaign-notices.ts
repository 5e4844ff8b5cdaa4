import { inArray } from "drizzle-orm";
import type { Queries } from "@/lib/db/database";
import { rotationCampaigns, user, type outbox } from "@/lib/db/schema";
import { formatDateTime } from "@/lib/i18n/format";
import { translatorFor } from "@/lib/i18n/translator";
import { consoleBaseUrl, headerSafe, noticeLocale, noticeStatus } from "@/lib/notify/outbox";

// No "server-only": the scheduler started by server.ts queues these.

export type CampaignNoticeKind = "campaignAnnounceUsed" | "campaignAnnounceUnused" | "campaignReminder";

/** One owner's notice about a campaign: their tokens in it (the first titles), and its dedupe key. */
export interface OwnerNotice {
  ownerId: string;
  kind: CampaignNoticeKind;
  tokens: number;
  titles: string[];
  dedupe: string;
}

type Campaign = Pick<typeof rotationCampaigns.$inferSelect, "name" | "reason" | "deadlineAt" | "action">;

/**
 * The owners' notices of a campaign, each in the owner's language: the reason, the deadline, their
 * tokens, what to do and what happens otherwise, with links to the help page and their token
 * list. Never a secret: names and dates only.
 */
export async function renderCampaignNotices(db: Queries, c: Campaign, owners: readonly OwnerNotice[], now: number): Promise<{ row: typeof outbox.$inferInsert }[]> {
  if (!owners.length) return [];
  const people = new Map(
    (
      await db.q
        .select({ id: user.id, email: user.email, language: user.language, browserLanguage: user.browserLanguage })
        .from(user)
        .where(inArray(user.id, owners.map((o) => o.ownerId)))
    ).map((u) => [u.id, u]),
  );
  const base = consoleBaseUrl();
  const status = noticeStatus();
  return owners.flatMap((o) => {
    const person = people.get(o.ownerId);
    const recipient = person && headerSafe(person.email, 254);
    if (!person || !recipient) return [];
    const locale = noticeLocale(person);
    const tr = translatorFor(locale);
    const deadline = formatDateTime(c.deadlineAt.toISOString(), locale, "UTC");
    const name = headerSafe(c.name, 120);
    const days = Math.max(1, Math.ceil((c.deadlineAt.getTime() - now) / 86_400_000));
    const titles = o.titles.map((t) => `- ${t.replace(/[\r\n]+/g, " ")}`).join("\n") + (o.tokens > o.titles.length ? `\n${tr("notices.campaign.more", { count: o.tokens - o.titles.length })}` : "");
    const body = tr("notices.campaign.body", {
      lead: tr(`notices.${o.kind}.lead`, { action: c.action }),
      name: c.name.replace(/[\r\n]+/g, " "),
      reason: c.reason,
      deadline,
      count: o.tokens,
      titles,
      todo: tr(`notices.${o.kind}.todo`, { action: c.action }),
      help: `${base}/rotations/help`,
      tokens: `${base}/api-management`,
    });
    return [
      {
        row: {
          dedupeKey: `${o.dedupe}:${recipient.toLowerCase()}`,
          kind: o.kind,
          tokenId: null,
          recipient,
          subject: headerSafe(tr(`notices.${o.kind}.subject`, { name, deadline, days, action: c.action })),
          body,
          status,
        },
      },
    ];
  });
}
