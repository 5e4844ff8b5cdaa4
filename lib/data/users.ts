import "server-only";
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { eq, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "@/lib/db/client";
import { account, roles, user } from "@/lib/db/schema";
import { recordEvent, type EventActor } from "./record-event";

export function countUsers(): number {
  return getDb().select({ n: sql<number>`count(*)` }).from(user).get()!.n;
}

export class SetupClosedError extends Error {}
export class EmailTakenError extends Error {}

/** Inserts a user and their password credential. Runs inside the caller's transaction. */
export function insertUserWithPassword(
  tx: Db,
  v: { name: string; email: string; passwordHash: string; roleId: number },
): string {
  if (tx.select({ id: user.id }).from(user).where(eq(user.email, v.email)).get()) throw new EmailTakenError();
  const id = crypto.randomUUID();
  const now = new Date();
  tx.insert(user).values({ id, name: v.name, email: v.email, roleId: v.roleId, createdAt: now, updatedAt: now }).run();
  tx.insert(account)
    .values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: v.passwordHash, createdAt: now, updatedAt: now })
    .run();
  return id;
}

/**
 * Creates the first System Administrator. The "no user yet" check and the insert share one
 * IMMEDIATE transaction, so two racing Set up submissions can't both succeed.
 */
export async function createFirstAdministrator(v: { name: string; email: string; password: string }, ip: string | null): Promise<string> {
  const passwordHash = await hashPassword(v.password);
  return writeTransaction((tx) => {
    const n = tx.select({ n: sql<number>`count(*)` }).from(user).get()!.n;
    if (n > 0) throw new SetupClosedError();
    const adminRole = tx.select({ id: roles.id }).from(roles).where(eq(roles.builtIn, true)).get();
    if (!adminRole) throw new Error("The System Administrator role is missing; the database was not seeded.");
    const id = insertUserWithPassword(tx, { ...v, passwordHash, roleId: adminRole.id });
    const actor: EventActor = { type: "user", id, label: v.email };
    recordEvent(tx, {
      actor,
      action: "user.created",
      target: { type: "user", id, label: v.email },
      sourceIp: ip,
      details: { role: "System Administrator", via: "setup" },
    });
    return id;
  });
}
