import crypto from "node:crypto";
import { ADMIN, ADMIN_STATE, axeViolations, expect, signIn, test, unique } from "./fixtures";
import { addUser } from "./pages/users-roles";
import { e2eDb, insertToken, outboxOf, utcDate } from "./helpers/token-db";
import type { Browser, BrowserContext, Page } from "@playwright/test";

// Event history, the Outbox and the notices in Japanese. Jun, a System Administrator whose
// browser asks for Japanese, reads the console; Kenji, a creator who chose Japanese, and Ada
// (English) get the same notice each in their own language.
test.use({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
test.describe.configure({ mode: "serial" });

const PASSWORD = "a long enough password 1";
const JUN = { email: `${unique("jun").replace(/\s/g, "-")}@example.com`, password: PASSWORD };
const KENJI = `${unique("kenji").replace(/\s/g, "-")}@example.com`;
const TARGET = crypto.randomUUID();
const title = unique("夜間エクスポート");
const contexts: BrowserContext[] = [];
let junState: Awaited<ReturnType<BrowserContext["storageState"]>>;

async function pageIn(browser: Browser, locale: "ja-JP" | "en-US", storageState: string | typeof junState): Promise<Page> {
  const context = await browser.newContext({ locale, timezoneId: "Asia/Tokyo", storageState });
  contexts.push(context);
  return context.newPage();
}

/** Three events about one made-up token, at known times, with the details the console records. */
function seedEvents() {
  const db = e2eDb();
  try {
    const insert = db.prepare(
      "insert into events (at, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, source_ip, details) values (?, ?, ?, ?, ?, 'token', ?, ?, ?, ?)",
    );
    const ada = db.prepare("select id from user where email = ?").get(ADMIN.email) as { id: string };
    const at = Date.UTC(2026, 10, 23, 7, 5); // 16:05 in Tokyo
    const created = { title: "Nightly export", type: "generated", expiresOn: "2026-12-31", permissions: ["device-reports.view"], allowedIps: 1, deviceGroup: null };
    insert.run(at, "user", ada.id, ADMIN.email, "token.created", TARGET, "Nightly export", "198.51.100.7", JSON.stringify(created));
    insert.run(at + 60_000, "user", ada.id, ADMIN.email, "token.updated", TARGET, "Nightly export", "198.51.100.7", JSON.stringify({ expiresOn: { from: "2026-12-31", to: "2027-01-31" } }));
    insert.run(at + 120_000, "system", null, "Keyward", "token.expired", TARGET, "Nightly export", null, JSON.stringify({ expiresOn: "2027-01-31" }));
  } finally {
    db.close();
  }
}

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

test("arrange: Jun (administrator, Japanese browser) and Kenji (a creator who chose Japanese)", async ({ browser }) => {
  // Set up through the English console, as Ada works in English.
  const ada = await pageIn(browser, "en-US", ADMIN_STATE);
  await addUser(ada, { email: JUN.email, name: unique("Jun"), role: "System Administrator", password: JUN.password });
  const db = e2eDb();
  try {
    const adminRole = db.prepare("select role_id as roleId from user where email = ?").get(ADMIN.email) as { roleId: number };
    const now = Date.now();
    db.prepare("insert into user (id, name, email, role_id, language, created_at, updated_at) values (?, 'Kenji', ?, ?, 'ja', ?, ?)").run(crypto.randomUUID(), KENJI, adminRole.roleId, now, now);
  } finally {
    db.close();
  }
  // Jun signs in once (English sign-in page), then reads the console from a Japanese browser.
  const en = await pageIn(browser, "en-US", { cookies: [], origins: [] });
  await signIn(en, JUN.email, JUN.password);
  junState = await en.context().storageState();
  seedEvents();
});

test("Event history in Japanese: event names, readable details, Japanese dates, filters; axe clean", async ({ browser }) => {
  const page = await pageIn(browser, "ja-JP", junState);
  await page.goto(`/events?target=${TARGET}`);
  await expect(page.getByRole("heading", { name: "イベント履歴", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(/イベント履歴/);
  const rows = page.getByRole("table", { name: "イベント（新しい順）" }).getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText("API トークンが期限切れになりました");
  await expect(rows.nth(1)).toContainText("有効期限: 2027年1月31日");
  await expect(rows.nth(2)).toContainText("API トークンが更新されました");
  await expect(rows.nth(2)).toContainText("有効期限: 2026年12月31日 → 2027年1月31日");
  await expect(rows.nth(3)).toContainText("API トークンが作成されました");
  await expect(rows.nth(3)).toContainText("2026年11月23日 16:05");
  for (const text of ["タイトル: Nightly export", "種類: 生成された秘密鍵", "権限: デバイスレポートの表示", "承認済み IP アドレス 1 件", "デバイスグループ: すべてのデバイス"]) {
    await expect(rows.nth(3)).toContainText(text);
  }
  // No recorded key shows through.
  await expect(page.getByRole("table")).not.toContainText(/expiresOn|allowedIps|deviceGroup|permissions|generated/);
  await expect(page.getByRole("columnheader", { name: "詳細" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The action filter offers the same Japanese names.
  await page.getByLabel("操作", { exact: true }).selectOption({ label: "API トークンが更新されました" });
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/action=token\.updated/);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("API トークンが更新されました");

  await page.goto("/events?actor=nobody%40example.com");
  await expect(page.getByRole("heading", { name: "この条件に一致するイベントはありません" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test("the Outbox shows each notice in its recipient's language; axe clean in Japanese", async ({ browser }) => {
  // An expiring token of Kenji's: the scheduler (every second here) queues its notices.
  const tokenId = insertToken({ creatorEmail: KENJI, title, expiresOn: utcDate(2) });
  await expect.poll(() => outboxOf(tokenId).map((m) => m.recipient), { timeout: 20_000 }).toEqual(expect.arrayContaining([KENJI, ADMIN.email, JUN.email]));
  const jaSubject = `API トークンの有効期限まで 3 日以内です: ${title}`;
  const enSubject = `API token expires in 3 days or less: ${title}`;
  const byRecipient = new Map(outboxOf(tokenId).map((m) => [m.recipient, m]));
  expect(byRecipient.get(KENJI)!.subject).toBe(jaSubject);
  expect(byRecipient.get(ADMIN.email)!.subject).toBe(enSubject);
  // Jun never chose a language and signed in from an English browser: English notices.
  expect(byRecipient.get(JUN.email)!.subject).toBe(enSubject);

  const page = await pageIn(browser, "ja-JP", junState);
  await page.goto("/outbox");
  await expect(page.getByRole("heading", { name: "送信トレイ", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(/送信トレイ/);
  const rows = page.getByRole("table", { name: "メールメッセージ（新しい順）" }).getByRole("row");
  const kenjiRow = rows.filter({ hasText: KENJI });
  await expect(kenjiRow).toContainText(jaSubject);
  await expect(kenjiRow).toContainText("保管（SMTP なし）");
  await expect(rows.filter({ hasText: ADMIN.email }).filter({ hasText: title })).toContainText(enSubject);
  expect(await axeViolations(page)).toEqual([]);

  await kenjiRow.getByRole("link", { name: jaSubject }).click();
  await expect(page.getByRole("heading", { name: jaSubject, level: 1 })).toBeVisible();
  await expect(page.getByText(`トークン ID: ${tokenId}`)).toBeVisible();
  await expect(page.getByText(`/api-management/${tokenId}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "送信トレイに戻る" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

for (const locale of ["ja-JP", "en-US"] as const) {
  test(`Event history and the Outbox fit 360 px with no horizontal scroll (${locale})`, async ({ browser }) => {
    const page = await pageIn(browser, locale, junState);
    await page.setViewportSize({ width: 360, height: 800 });
    for (const path of [`/events?target=${TARGET}`, "/events", "/outbox"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${locale} ${path}`).toBeLessThanOrEqual(360);
    }
  });
}
