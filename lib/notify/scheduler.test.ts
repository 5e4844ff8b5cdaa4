import { afterEach, beforeEach, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { onWriteCommitted, openDatabase, type Db } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { apiTokens, events, outbox, roles, user } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/temp-db";
import { createMailer } from "./mailer";
import { composeNotice, consoleBaseUrl, consoleUrlWarning, enqueueTokenNotice, headerSafe, rememberConsoleOrigin } from "./outbox";
import { backoffMs, deliverPending, dueExpiries, SCHEDULER_BATCH, dueExpiringNotices, enqueueExpiringNotices, recordExpiredTokens, runSchedulerOnce } from "./scheduler";

let tmp: TempDb;
let db: Db;

function addUser(
  email: string,
  opts: { admin?: boolean; status?: "active" | "suspended"; language?: "en" | "ja"; browserLanguage?: "en" | "ja" } = {},
): string {
  const id = crypto.randomUUID();
  let roleId: number | null = null;
  if (opts.admin) roleId = db.select().from(roles).where(eq(roles.builtIn, true)).get()!.id;
  else roleId = db.insert(roles).values({ name: `Role ${id}` }).returning().get().id;
  db.insert(user)
    .values({
      id,
      name: email,
      email,
      roleId,
      status: opts.status ?? "active",
      language: opts.language ?? null,
      browserLanguage: opts.browserLanguage ?? null,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .run();
  return id;
}

function addToken(creatorId: string, expiresOn: string, title = "Nightly export"): string {
  const id = crypto.randomUUID();
  db.insert(apiTokens).values({ id, title, type: "generated", creatorId, expiresOn, deviceScope: "all" }).run();
  return id;
}

beforeEach(() => {
  tmp = createTempDb("keyward-notify-");
  db = tmp.db;
  delete process.env.SMTP_URL;
});

afterEach(() => {
  tmp.close();
  delete process.env.SMTP_URL;
});

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

describe("notice recipients and wording", () => {
  it("queues one message for the creator and each active System Administrator, deduplicated", async () => {
    const creator = addUser("creator@example.com");
    addUser("admin1@example.com", { admin: true });
    addUser("ADMIN2@example.com", { admin: true });
    addUser("gone@example.com", { admin: true, status: "suspended" });
    const adminCreator = addUser("admin3@example.com", { admin: true });
    const t = addToken(creator, "2026-12-31");
    expect(await enqueueTokenNotice(onSqlite(db), { tokenId: t, kind: "created" })).toBe(4);
    const rows = db.select().from(outbox).all();
    expect(rows.map((r) => r.recipient).sort()).toEqual(["ADMIN2@example.com", "admin1@example.com", "admin3@example.com", "creator@example.com"]);
    expect(rows.every((r) => r.status === "kept")).toBe(true);
    // An administrator who creates a token gets one copy, not two.
    const t2 = addToken(adminCreator, "2026-12-31");
    expect(await enqueueTokenNotice(onSqlite(db), { tokenId: t2, kind: "created" })).toBe(3);
  });

  it("names the token, its ID, the UTC expiry, a link and what to do", () => {
    process.env.KEYWARD_URL = "https://keys.example.com/";
    const { subject, body } = composeNotice("expiring", { id: "abc-123", title: "Nightly export", expiresOn: "2026-12-31" });
    delete process.env.KEYWARD_URL;
    expect(subject).toBe("API token expires in 3 days or less: Nightly export");
    expect(body).toContain("Token name: Nightly export");
    expect(body).toContain("Token ID: abc-123");
    expect(body).toContain("Expires: 2026-12-31 23:59:59 UTC");
    expect(body).toContain("Token page: https://keys.example.com/api-management/abc-123");
    expect(body).toContain("What to do:");
  });

  it("without KEYWARD_URL links use the address the console was opened on, and start-up warns", () => {
    delete process.env.KEYWARD_URL;
    expect(consoleUrlWarning(undefined)).toContain("KEYWARD_URL is not set");
    expect(consoleUrlWarning("https://keys.example.com")).toBeNull();
    rememberConsoleOrigin("http://10.1.2.3:8080");
    expect(composeNotice("created", { id: "abc-123", title: "T", expiresOn: "2026-12-31" }).body).toContain("http://10.1.2.3:8080/api-management/abc-123");
    // KEYWARD_URL, when set, wins over the remembered address.
    process.env.KEYWARD_URL = "https://keys.example.com";
    try {
      expect(consoleBaseUrl()).toBe("https://keys.example.com");
    } finally {
      delete process.env.KEYWARD_URL;
    }
  });

  it("flattens control characters out of header values", () => {
    expect(headerSafe("Export\r\nBcc: evil@example.com")).toBe("Export Bcc: evil@example.com");
    expect(headerSafe("a\u0000b\u2028c\td")).toBe("a b c d");
    const { subject } = composeNotice("created", { id: "x", title: "T\r\nBcc: evil@example.com\r\n\r\nbody", expiresOn: "2026-12-31" });
    expect(subject).not.toMatch(/[\r\n]/);
  });
});

describe("notices in each recipient's own language", () => {
  const byRecipient = (kind: string) => new Map(db.select().from(outbox).where(eq(outbox.kind, kind)).all().map((r) => [r.recipient, r]));
  const JAPANESE = /[\u3040-\u30ff]/;
  const EXPECTED = {
    created: { ja: "API トークンが作成されました: Nightly export", en: "API token created: Nightly export" },
    expiring: { ja: "API トークンの有効期限まで 3 日以内です: Nightly export", en: "API token expires in 3 days or less: Nightly export" },
    expired: { ja: "API トークンが期限切れになりました: Nightly export", en: "API token expired: Nightly export" },
  } as const;

  it("a creator who chose Japanese and an English-speaking System Administrator each get every kind in their language", async () => {
    process.env.KEYWARD_URL = "https://keys.example.com";
    try {
      // The creator's saved choice wins over the browser they last signed in with.
      const creator = addUser("kenji@example.com", { language: "ja", browserLanguage: "en" });
      addUser("admin@example.com", { admin: true, browserLanguage: "en" });
      const t = addToken(creator, "2026-11-24");
      await enqueueTokenNotice(onSqlite(db), { tokenId: t, kind: "created" });
      await runSchedulerOnce(onSqlite(db), null, NOW); // within 3 days: expiring
      await runSchedulerOnce(onSqlite(db), null, Date.UTC(2026, 10, 25, 0, 0, 1)); // past 2026-11-24: expired

      for (const kind of ["created", "expiring", "expired"] as const) {
        const rows = byRecipient(kind);
        const ja = rows.get("kenji@example.com")!;
        const en = rows.get("admin@example.com")!;
        expect(ja.subject, kind).toBe(EXPECTED[kind].ja);
        expect(ja.body).toContain(`トークン ID: ${t}`);
        expect(ja.body).toContain("有効期限: 2026年11月24日 23:59 UTC");
        expect(ja.body).toContain(`トークンのページ: https://keys.example.com/api-management/${t}`);
        expect(ja.body).not.toMatch(/Token ID|What to do/);
        expect(en.subject, kind).toBe(EXPECTED[kind].en);
        expect(en.body).toContain(`Token ID: ${t}`);
        expect(en.body).toContain("Expires: 2026-11-24 23:59:59 UTC");
        expect(en.body).toContain(`Token page: https://keys.example.com/api-management/${t}`);
        expect(en.body).not.toMatch(JAPANESE);
      }
    } finally {
      delete process.env.KEYWARD_URL;
    }
  });

  it("without a saved choice the browser's language is used, else English", async () => {
    const creator = addUser("nochoice@example.com");
    addUser("ja-browser@example.com", { admin: true, browserLanguage: "ja" });
    addUser("en-choice@example.com", { admin: true, language: "en", browserLanguage: "ja" });
    await enqueueTokenNotice(onSqlite(db), { tokenId: addToken(creator, "2026-12-31"), kind: "created" });
    const rows = byRecipient("created");
    expect(rows.get("nochoice@example.com")!.subject).toBe(EXPECTED.created.en);
    expect(rows.get("ja-browser@example.com")!.subject).toBe(EXPECTED.created.ja);
    expect(rows.get("en-choice@example.com")!.subject).toBe(EXPECTED.created.en);
  });
});

describe("idempotent scheduling", () => {
  it("two overlapping runs queue one expiring message per recipient", async () => {
    const creator = addUser("creator@example.com");
    addUser("admin@example.com", { admin: true });
    addToken(creator, "2026-11-24");
    addToken(creator, "2026-12-31"); // more than 3 days away: no notice
    await Promise.all([runSchedulerOnce(onSqlite(db), null, NOW), runSchedulerOnce(onSqlite(db), null, NOW)]);
    const rows = db.select().from(outbox).all();
    expect(rows.filter((r) => r.kind === "expiring").map((r) => r.recipient).sort()).toEqual(["admin@example.com", "creator@example.com"]);
    expect(rows).toHaveLength(2);
  });

  it("a second process on another connection to the same file adds nothing", async () => {
    const creator = addUser("creator@example.com");
    addUser("admin@example.com", { admin: true });
    addToken(creator, "2026-11-23");
    addToken(creator, "2026-11-20");
    const other = openDatabase(tmp.file);
    try {
      await Promise.all([runSchedulerOnce(onSqlite(db), null, NOW), runSchedulerOnce(onSqlite(other), null, NOW)]);
      await runSchedulerOnce(onSqlite(other), null, NOW + 60_000);
    } finally {
      other.$client.close();
    }
    const rows = db.select().from(outbox).all();
    expect(rows.filter((r) => r.kind === "expiring")).toHaveLength(2);
    expect(rows.filter((r) => r.kind === "expired")).toHaveLength(2);
    expect(db.select().from(events).where(eq(events.action, "token.expired")).all()).toHaveLength(1);
  });

  it("records token.expired exactly once, only after 23:59:59.999 UTC of the expiry date", async () => {
    const creator = addUser("creator@example.com");
    const t = addToken(creator, "2026-11-21");
    expect(await recordExpiredTokens(onSqlite(db), Date.UTC(2026, 10, 21, 23, 59, 59, 999))).toBe(0);
    expect(await recordExpiredTokens(onSqlite(db), Date.UTC(2026, 10, 22, 0, 0, 0, 0))).toBe(1);
    expect(await recordExpiredTokens(onSqlite(db), Date.UTC(2026, 10, 22, 0, 1))).toBe(0);
    const ev = db.select().from(events).where(eq(events.action, "token.expired")).all();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ targetId: t, actorType: "system" });
    expect(db.select().from(apiTokens).where(eq(apiTokens.id, t)).get()!.expiredRecordedAt).not.toBeNull();
  });

  it("does not record expiry for a revoked token", async () => {
    const creator = addUser("creator@example.com");
    const t = addToken(creator, "2026-11-01");
    db.update(apiTokens).set({ revokedAt: new Date(NOW) }).where(eq(apiTokens.id, t)).run();
    expect(await recordExpiredTokens(onSqlite(db), NOW)).toBe(0);
  });

  it("acts on exactly the due tokens, in bounded transactions, and a later pass finds nothing to write", async () => {
    const creator = addUser("creator@example.com");
    const expired = Array.from({ length: 230 }, (_, i) => addToken(creator, "2026-11-20", `Expired ${i}`));
    const expiring = Array.from({ length: 120 }, (_, i) => addToken(creator, i % 2 ? "2026-11-23" : "2026-11-25", `Expiring ${i}`));
    addToken(creator, "2026-11-26", "Four days left");
    const recorded = addToken(creator, "2026-11-01", "Recorded already");
    db.update(apiTokens).set({ expiredRecordedAt: new Date(NOW - 86_400_000) }).where(eq(apiTokens.id, recorded)).run();
    const commits: number[] = [];
    const stop = onWriteCommitted(() => commits.push(1));
    try {
      expect(await enqueueExpiringNotices(onSqlite(db), NOW)).toBe(120);
      expect(await recordExpiredTokens(onSqlite(db), NOW)).toBe(230);
      // SCHEDULER_BATCH tokens a transaction at most.
      expect(commits).toHaveLength(Math.ceil(120 / SCHEDULER_BATCH) + Math.ceil(230 / SCHEDULER_BATCH));
      commits.length = 0;
      expect(await runSchedulerOnce(onSqlite(db), null, NOW + 60_000)).toMatchObject({ expiring: 0, expired: 0 });
      expect(commits).toHaveLength(0);
    } finally {
      stop();
    }
    const noticed = new Set(db.select().from(outbox).where(eq(outbox.kind, "expiring")).all().map((r) => r.tokenId));
    expect([...noticed].sort()).toEqual([...expiring].sort());
    const expiredEvents = db.select().from(events).where(eq(events.action, "token.expired")).all().map((e) => e.targetId);
    expect(expiredEvents.sort()).toEqual([...expired].sort());
  }, 30_000);
});

describe("the passes at the edges of their windows (controlled clock)", () => {
  it("queues 'expiring' for live tokens whose last day is today to 3 days ahead, and nothing else", async () => {
    const creator = addUser("creator@example.com");
    const due = ["2026-11-22", "2026-11-23", "2026-11-25"].map((d) => addToken(creator, d, `Due ${d}`));
    addToken(creator, "2026-11-21", "Expired yesterday");
    addToken(creator, "2026-11-26", "Four days left");
    const revoked = addToken(creator, "2026-11-23", "Revoked in the window");
    db.update(apiTokens).set({ revokedAt: new Date(NOW - 1000) }).where(eq(apiTokens.id, revoked)).run();
    expect(await enqueueExpiringNotices(onSqlite(db), NOW)).toBe(3);
    expect(db.select().from(outbox).all().map((r) => r.tokenId).sort()).toEqual([...due].sort());
  });

  it("writes an expiry notice with the title the token has when the pass claims it, though rendered a moment before", async () => {
    const creator = addUser("creator@example.com");
    const t = addToken(creator, "2026-11-20", "Old name");
    // The pass reads and renders, then yields to the event loop before its transaction.
    const pass = recordExpiredTokens(onSqlite(db), NOW);
    db.update(apiTokens).set({ title: "New name" }).where(eq(apiTokens.id, t)).run();
    expect(await pass).toBe(1);
    expect(db.select().from(outbox).all().map((r) => r.subject)).toEqual(["API token expired: New name"]);
    expect(db.select().from(events).where(eq(events.action, "token.expired")).get()!.targetLabel).toBe("New name");
  });
});

describe("the passes' query plans", () => {
  const plan = (q: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql, params } = q.toSQL();
    return (db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("\n");
  };

  it("the expired pass reads the partial index of unrecorded live tokens, not every past expiry", () => {
    expect(plan(dueExpiries(onSqlite(db), NOW))).toMatch(/USING INDEX api_tokens_expiry_due_idx/);
  });

  it("the expiring pass reads the 3-day range of the expiry index and finds queued notices by the outbox's unique key", () => {
    const detail = plan(dueExpiringNotices(onSqlite(db), NOW));
    // Any index that leads with expires_on serves the range; the token list's expiry indexes also cover it.
    expect(detail).toMatch(/SEARCH api_tokens USING (COVERING )?INDEX api_tokens_(expires|expiry_due|list_expiry_asc|list_expiry_desc)_idx \(expires_on>\? AND expires_on<\?\)/);
    expect(detail).toMatch(/SEARCH outbox USING COVERING INDEX outbox_dedupe_key_unique/);
  });
});

describe("delivery", () => {
  it("backs off exponentially", () => {
    expect(backoffMs(1, 1000)).toBe(1000);
    expect(backoffMs(2, 1000)).toBe(2000);
    expect(backoffMs(5, 1000)).toBe(16000);
    expect(backoffMs(30, 1000)).toBe(3_600_000);
  });

  it("sends through a real SMTP server to exactly the one recipient, even with \\r\\nBcc in the title", async () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, cb) {
        let data = "";
        stream.on("data", (c: Buffer) => (data += c.toString()));
        stream.on("end", () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data });
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.server.address() as { port: number }).port;
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    const mailer = createMailer()!;
    try {
      const creator = addUser("creator@example.com");
      const t = addToken(creator, "2026-12-31", "Export\r\nBcc: evil@example.com");
      await enqueueTokenNotice(onSqlite(db), { tokenId: t, kind: "created" });
      const result = await deliverPending(onSqlite(db), mailer, Date.now());
      expect(result).toEqual({ sent: 1, failed: 0 });
      expect(received).toHaveLength(1);
      expect(received[0].to).toEqual(["creator@example.com"]);
      const headers = received[0].data.split(/\r\n\r\n/)[0];
      expect(headers).not.toMatch(/^bcc:/im);
      expect(headers).toMatch(/^Subject: API token created: Export Bcc: evil@example.com$/m);
      expect(db.select().from(outbox).get()!.status).toBe("sent");
    } finally {
      mailer.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("retries a failed delivery later and records the error without the SMTP password", async () => {
    process.env.SMTP_URL = "smtp://user:hunter2secret@127.0.0.1:1";
    const mailer = createMailer()!;
    const creator = addUser("creator@example.com");
    await enqueueTokenNotice(onSqlite(db), { tokenId: addToken(creator, "2026-12-31"), kind: "created" });
    const before = Date.now();
    expect(await deliverPending(onSqlite(db), mailer, before)).toEqual({ sent: 0, failed: 1 });
    const row = db.select().from(outbox).get()!;
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toBeTruthy();
    expect(row.lastError).not.toContain("hunter2secret");
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(before);
    // Not due yet: a run right away leaves it alone.
    expect(await deliverPending(onSqlite(db), mailer, before)).toEqual({ sent: 0, failed: 0 });
    mailer.close();
  });
});
