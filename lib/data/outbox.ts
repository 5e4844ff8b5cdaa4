import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
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
export function listOutbox({ page = 1, db = getDb() }: { page?: number; db?: Db }) {
  const total = db.select({ n: sql<number>`count(*)` }).from(outbox).get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = db
    .select()
    .from(outbox)
    .orderBy(desc(outbox.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((current - 1) * OUTBOX_PAGE_SIZE)
    .all();
  return { items: rows.map(itemDto), total, page: current, pageCount };
}

export function getOutboxMessage({ id, db = getDb() }: { id: number; db?: Db }): OutboxMessageDto | null {
  const r = db.select().from(outbox).where(eq(outbox.id, id)).get();
  return r ? { ...itemDto(r), body: r.body, tokenId: r.tokenId } : null;
}
