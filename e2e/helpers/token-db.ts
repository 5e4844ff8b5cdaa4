import Database from "better-sqlite3";
import { expect } from "@playwright/test";
import crypto from "node:crypto";
import path from "node:path";
import { TMP } from "../fixtures";

// Direct access to an e2e server's database file (main.db, mail.db …) for arranging state the
// UI can't reach quickly or at all: a token whose expiry has passed, a legacy title with CR/LF.

export function e2eDb(name = "main"): Database.Database {
  const db = new Database(path.join(TMP, `${name}.db`));
  db.pragma("busy_timeout = 5000");
  return db;
}

export function utcDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

type TokenRow = { creatorEmail: string; title: string; expiresOn: string; allowedIps?: string[]; permissions?: string[] };

/** Inserts a token straight into the table, as createToken would store it (no secret needed here). */
export function insertToken(t: TokenRow, name = "main"): string {
  return insertTokens(t, 1, name)[0];
}

/**
 * Inserts `count` such tokens in one transaction (titled "<title> 1" … when more than one), for a
 * list with more rows than a test could create through the console in its time.
 */
export function insertTokens(t: TokenRow, count: number, name = "main"): string[] {
  const db = e2eDb(name);
  try {
    const creator = db.prepare("select id from user where email = ?").get(t.creatorEmail) as { id: string } | undefined;
    if (!creator) throw new Error(`No user ${t.creatorEmail} in ${name}.db`);
    const token = db.prepare("insert into api_tokens (id, title, type, creator_id, expires_on, device_scope, device_group_name) values (?, ?, 'generated', ?, ?, 'all', 'All device groups')");
    const permission = db.prepare("insert into token_permissions (token_id, permission) values (?, ?)");
    const allowedIp = db.prepare("insert into token_allowed_ips (token_id, cidr, position) values (?, ?, ?)");
    const ids = Array.from({ length: count }, () => crypto.randomUUID());
    // IMMEDIATE: a deferred transaction that loses the race for the write lock to the server
    // fails at once with "database is locked" (a stale WAL snapshot is not retried).
    db.transaction(() => {
      ids.forEach((id, n) => {
        token.run(id, count === 1 ? t.title : `${t.title} ${n + 1}`, creator.id, t.expiresOn);
        for (const p of t.permissions ?? ["device-reports.view"]) permission.run(id, p);
        (t.allowedIps ?? []).forEach((cidr, i) => allowedIp.run(id, cidr, i));
      });
    }).immediate();
    return ids;
  } finally {
    db.close();
  }
}

/**
 * Returns once the server's scheduler has completed `runs` more runs: each run is seen recording
 * an already-expired probe token inserted after the previous run.
 */
export async function schedulerRuns(runs: number, creatorEmail: string, name = "main"): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const probe = insertToken({ creatorEmail, title: `Scheduler probe ${crypto.randomUUID()}`, expiresOn: utcDate(-1) }, name);
    await expect.poll(() => eventsOf(probe, "token.expired", name).length, { timeout: 15_000 }).toBe(1);
  }
}

export function setExpiresOn(tokenId: string, expiresOn: string, name = "main"): void {
  const db = e2eDb(name);
  try {
    db.prepare("update api_tokens set expires_on = ? where id = ?").run(expiresOn, tokenId);
  } finally {
    db.close();
  }
}

export function eventsOf(targetId: string, action?: string, name = "main"): { action: string; details: string | null }[] {
  const db = e2eDb(name);
  try {
    return db
      .prepare(`select action, details from events where target_id = ? ${action ? "and action = ?" : ""} order by id`)
      .all(...(action ? [targetId, action] : [targetId])) as { action: string; details: string | null }[];
  } finally {
    db.close();
  }
}

export function outboxOf(tokenId: string, name = "main"): { kind: string; recipient: string; status: string; subject: string; body: string }[] {
  const db = e2eDb(name);
  try {
    return db.prepare("select kind, recipient, status, subject, body from outbox where token_id = ? order by id").all(tokenId) as {
      kind: string;
      recipient: string;
      status: string;
      subject: string;
      body: string;
    }[];
  } finally {
    db.close();
  }
}

/**
 * Queues one email notice straight into the outbox, as lib/notify would store it: pending with
 * a failed attempt behind it and the next one an hour away (so the sender leaves it alone), which
 * shows every field the message page has. Returns the message's id.
 */
export function insertOutboxMessage(m: { recipient: string; subject: string; body: string; lastError: string }, name = "main"): number {
  const db = e2eDb(name);
  try {
    const now = Date.now();
    return db.transaction(
      () =>
        db
          .prepare(
            "insert into outbox (dedupe_key, kind, recipient, subject, body, status, attempts, next_attempt_at, last_error, created_at) values (?, 'expiring', ?, ?, ?, 'pending', 1, ?, ?, ?)",
          )
          .run(`e2e:${crypto.randomUUID()}`, m.recipient, m.subject, m.body, now + 3_600_000, m.lastError, now).lastInsertRowid as number,
    ).immediate();
  } finally {
    db.close();
  }
}
