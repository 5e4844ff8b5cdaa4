import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getKeywardDb, type Queries } from "@/lib/db/database";
import { outbox } from "@/lib/db/schema";

export const OUTBOX_PAGE_SIZE = 25;

export interface OutboxItemDto {
  id: number;
  recipient: string;
  subject: string;
  kind: string;
  status: "pending" | "sent" | "failed" | "kept";
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
}

export interface OutboxMessageDto extends OutboxItemDto {
  body: string;
  tokenId: string | null;
}

type Row = typeof outbox.$inferSelect;

function itemDto(r: Row): OutboxItemDto {
  return {
    id: r.id,
    recipient: r.recipient,
    subject: r.subject,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt ? r.sentAt.toISOString() : null,
    nextAttemptAt: r.nextAttemptAt ? r.nextAttemptAt.toISOString() : null,
    lastError: r.lastError,
  };
}

/** A page of messages, newest first. The caller (the Outbox page) is for System Administrators only. */
export async function listOutbox({ page = 1, db = getKeywardDb() }: { page?: number; db?: Queries }) {
  const [{ n: total }] = await db.q.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(outbox);
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await db.q
    .select()
    .from(outbox)
    .orderBy(desc(outbox.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((current - 1) * OUTBOX_PAGE_SIZE);
  return { items: rows.map(itemDto), total, page: current, pageCount };
}

export async function getOutboxMessage({ id, db = getKeywardDb() }: { id: number; db?: Queries }): Promise<OutboxMessageDto | null> {
  const [r] = await db.q.select().from(outbox).where(eq(outbox.id, id)).limit(1);
  return r ? { ...itemDto(r), body: r.body, tokenId: r.tokenId } : null;
}
