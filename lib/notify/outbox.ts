import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiTokens, outbox, roles, user } from "@/lib/db/schema";

// No "server-only": the scheduler started by server.ts uses this module.

export type NoticeKind = "created" | "expiring" | "expired";

/**
 * A header value with every control character (CR, LF, NUL, tab…) and Unicode line separator
 * replaced by a space: a token title like "x\r\nBcc: evil@example.com" stays one harmless line.
 */
export function headerSafe(value: string, max = 200): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function consoleBaseUrl(): string {
  const url = process.env.KEYWARD_URL || `http://localhost:${process.env.PORT ?? 3000}`;
  return url.replace(/\/+$/, "");
}

interface NoticeToken {
  id: string;
  title: string;
  expiresOn: string;
}

/** Subject and plain-text body of a notice. The body never holds the secret: only name, ID, date. */
export function composeNotice(kind: NoticeKind, t: NoticeToken): { subject: string; body: string } {
  const title = headerSafe(t.title, 120);
  const expiry = `${t.expiresOn} 23:59:59 UTC`;
  const link = `${consoleBaseUrl()}/api-management/${encodeURIComponent(t.id)}`;
  const heads: Record<NoticeKind, { subject: string; lead: string; todo: string }> = {
    created: {
      subject: `API token created: ${title}`,
      lead: "A new API token was created in Keyward.",
      todo: "If you did not expect this token, open it and revoke it. Otherwise no action is needed.",
    },
    expiring: {
      subject: `API token expires in 3 days or less: ${title}`,
      lead: "An API token in Keyward expires soon.",
      todo: "If programs still use this token, extend its expiration date or create a replacement and switch them to it before it expires.",
    },
    expired: {
      subject: `API token expired: ${title}`,
      lead: "An API token in Keyward has expired. API requests signed with it are now refused.",
      todo: "If programs still need access, create a new token and update them. Delete the expired token when you no longer need its record.",
    },
  };
  const h = heads[kind];
  const body = [
    h.lead,
    "",
    `Token name: ${t.title.replace(/[\r\n]+/g, " ")}`,
    `Token ID: ${t.id}`,
    `Expires: ${expiry}`,
    `Token page: ${link}`,
    "",
    `What to do: ${h.todo}`,
    "",
    "This message was sent by Keyward. Secret keys are never included in email.",
  ].join("\n");
  return { subject: headerSafe(h.subject), body };
}

/** The creator and every active System Administrator, each once (case-insensitive email). */
export function noticeRecipients(tx: Db, creatorEmail: string): string[] {
  const admins = tx
    .select({ email: user.email })
    .from(user)
    .innerJoin(roles, eq(roles.id, user.roleId))
    .where(and(eq(roles.builtIn, true), eq(user.status, "active")))
    .all()
    .map((r) => r.email);
  const seen = new Map<string, string>();
  for (const email of [creatorEmail, ...admins]) {
    const address = headerSafe(email, 254);
    if (address && !seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  }
  return [...seen.values()];
}

/**
 * Queues one notice per recipient. Idempotent: the dedupe key kind:tokenId:recipient is unique,
 * so a repeat (restart, overlapping scheduler runs, a second process) inserts nothing.
 * Call it inside the transaction that causes the notice. Returns the number of new messages.
 */
export function enqueueTokenNotice(tx: Db, n: { tokenId: string; kind: NoticeKind }): number {
  const t = tx
    .select({ id: apiTokens.id, title: apiTokens.title, expiresOn: apiTokens.expiresOn, creatorEmail: user.email })
    .from(apiTokens)
    .innerJoin(user, eq(user.id, apiTokens.creatorId))
    .where(eq(apiTokens.id, n.tokenId))
    .get();
  if (!t) return 0;
  const { subject, body } = composeNotice(n.kind, t);
  // Without SMTP the Outbox page is the inbox: messages are kept there, not retried.
  const status = process.env.SMTP_URL ? "pending" : "kept";
  let added = 0;
  for (const recipient of noticeRecipients(tx, t.creatorEmail)) {
    const r = tx
      .insert(outbox)
      .values({
        dedupeKey: `${n.kind}:${t.id}:${recipient.toLowerCase()}`,
        kind: n.kind,
        tokenId: t.id,
        recipient,
        subject,
        body,
        status,
      })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .run();
    added += r.changes;
  }
  return added;
}
