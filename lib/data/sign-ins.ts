import "server-only";
import { eq } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "@/lib/db/client";
import { user } from "@/lib/db/schema";
import type { Locale } from "@/lib/domain/locale";
import { recordEvent } from "./record-event";

/** Whether a user may open a session: a suspended user's correct password still opens none. */
export function isActiveUser(userId: string, db: Db = getDb()): boolean {
  return db.select({ status: user.status }).from(user).where(eq(user.id, userId)).get()?.status === "active";
}

/** Records one sign-in attempt as an event; a success also stamps the user's last sign-in. */
export function recordSignInAttempt(
  attempt: { ok: true; userId: string; email: string; ip: string | null; browserLanguage?: Locale | null } | { ok: false; email: string; ip: string | null },
  db: Db = getDb(),
): void {
  writeTransaction((tx) => {
    if (attempt.ok) {
      tx.update(user).set({ lastSignInAt: new Date(), ...(attempt.browserLanguage ? { browserLanguage: attempt.browserLanguage } : {}) }).where(eq(user.id, attempt.userId)).run();
      recordEvent(tx, {
        actor: { type: "user", id: attempt.userId, label: attempt.email },
        action: "user.signed_in",
        target: { type: "user", id: attempt.userId, label: attempt.email },
        sourceIp: attempt.ip,
      });
    } else {
      recordEvent(tx, {
        actor: { type: "anonymous", label: attempt.email || "(no email)" },
        action: "user.sign_in_failed",
        sourceIp: attempt.ip,
        details: { email: attempt.email },
      });
    }
  }, db);
}
