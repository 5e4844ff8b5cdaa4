import type { Db } from "@/lib/db/client";
import { events } from "@/lib/db/schema";
import type { EventAction } from "@/lib/domain/event-actions";

// No "server-only" here: server.ts (API failures, scheduler) writes events too.

export type EventActor =
  | { type: "user"; id: string; label: string }
  | { type: "token"; id: string; label: string }
  | { type: "system"; id?: null; label?: string }
  | { type: "anonymous"; id?: null; label: string };

export interface EventInput {
  actor: EventActor;
  action: EventAction; // dotted verb: token.created, user.suspended … (one of lib/domain/event-actions)
  target?: { type: string; id: string; label?: string | null };
  sourceIp?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/** Appends one event. Call it with the transaction that makes the change it records. */
export function recordEvent(tx: Db, e: EventInput): void {
  tx.insert(events)
    .values({
      at: e.at ?? new Date(),
      actorType: e.actor.type,
      actorId: e.actor.id ?? null,
      actorLabel: e.actor.label ?? "Keyward",
      action: e.action,
      targetType: e.target?.type ?? null,
      targetId: e.target?.id ?? null,
      targetLabel: e.target?.label ?? null,
      sourceIp: e.sourceIp ?? null,
      details: e.details ?? null,
    })
    .run();
}
