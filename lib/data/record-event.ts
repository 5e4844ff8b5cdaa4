import { sql } from "drizzle-orm";
import type { Queries } from "@/lib/db/database";
import { apiTokens, events } from "@/lib/db/schema";
import type { EventAction } from "@/lib/domain/event-actions";

// No "server-only" here: server.ts (API failures, scheduler) writes events too.

export type EventActor =
  | { type: "user"; id: string; label: string }
  | { type: "token"; id: string; label: string }
  | { type: "system"; id?: null; label?: string }
  | { type: "campaign"; id: string; label: string }
  | { type: "anonymous"; id?: null; label: string };

export interface EventInput {
  actor: EventActor;
  action: EventAction; // dotted verb: token.created, user.suspended … (one of lib/domain/event-actions)
  target?: { type: string; id: string; label?: string | null };
  sourceIp?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/**
 * Who created a token, for its events' token_owner_id: from the token, or once it is deleted from
 * the token.created event that recorded its creation (two index lookups).
 */
function tokenOwner(tokenId: string) {
  return sql`coalesce(
    (select ${apiTokens.creatorId} from ${apiTokens} where ${apiTokens.id} = ${tokenId}),
    (select c.actor_id from ${events} c where c.target_id = ${tokenId} and c.action = 'token.created' order by c.id limit 1))`;
}

/** Appends one event. Call it with the transaction that makes the change it records. */
export async function recordEvent(tx: Queries, e: EventInput): Promise<void> {
  await recordEvents(tx, [e]);
}

/** Appends events in one statement (a batch of the scheduler's), in the transaction that makes the changes. */
export async function recordEvents(tx: Queries, list: readonly EventInput[]): Promise<void> {
  if (list.length) await tx.q.insert(events).values(eventRows(list));
}

function eventRows(list: readonly EventInput[]) {
  return list.map((e) => ({
    at: e.at ?? new Date(),
    actorType: e.actor.type,
    actorId: e.actor.id ?? null,
    actorLabel: e.actor.label ?? "Keyward",
    action: e.action,
    targetType: e.target?.type ?? null,
    targetId: e.target?.id ?? null,
    targetLabel: e.target?.label ?? null,
    tokenOwnerId: e.target?.type === "token" ? tokenOwner(e.target.id) : null,
    sourceIp: e.sourceIp ?? null,
    details: e.details ?? null,
  }));
}
