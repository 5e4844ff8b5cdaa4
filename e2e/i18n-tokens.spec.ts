import type { Page } from "@playwright/test";
import { axeViolations, expect, signIn, test, unique } from "./fixtures";
import { browserDatePlus, confirmAnyIp, createUserWithRole, openTestDb, recordSecret, type TestUser } from "./helpers/token-fixtures";
import { e2eDb, insertToken, insertTokens, utcDate } from "./helpers/token-db";
import { addDaysIso } from "../lib/domain/expiry";
import { LOCALE_COOKIE } from "../lib/domain/locale";
import { formatCalendarDate } from "../lib/i18n/format";

// The tokens area for a Japanese administrator (issue 11): every label, message, status and
// date on the list, the creation form, the reveal dialog and the token page in Japanese, with
// the glossary's terms; and every one of those pages fits 360 px in both languages.

test.use({ locale: "ja-JP", permissions: ["clipboard-read", "clipboard-write"] });

/** A System Administrator whose saved language is `language`. */
async function createAdministrator(name: string, language: "ja" | "en"): Promise<TestUser> {
  const admin = await createUserWithRole({ name, permissions: [] });
  const db = openTestDb();
  try {
    db.prepare("update user set role_id = (select id from roles where built_in = 1), language = ? where id = ?").run(language, admin.id);
  } finally {
    db.close();
  }
  return admin;
}

/**
 * Signs in through the sign-in page in English (this browser's language switch, a cookie, says
 * so; the shared helper fills English labels); from then on the user's saved language decides.
 */
async function signInAs(page: Page, baseURL: string | undefined, user: TestUser) {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL }]);
  await signIn(page, user.email, user.password);
}

let ja: TestUser;
let en: TestUser;
test.beforeAll(async () => {
  ja = await createAdministrator("山田 花子", "ja");
  en = await createAdministrator("Emma English", "en");
});

test("a Japanese administrator creates a token with the Japanese labels, sees the reveal dialog and the token in Japanese", async ({ page, baseURL }) => {
  // A whole creation with three axe scans: about half the default timeout on a quiet 2-core
  // machine, so a busy one ran out of time with nothing wrong.
  test.slow();
  await signInAs(page, baseURL, ja);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { name: "API 管理" })).toBeVisible();
  await expect(page).toHaveTitle(/^API 管理/);

  await page.getByRole("link", { name: "トークンを作成" }).first().click();
  await expect(page.getByRole("heading", { name: "API トークンを作成" })).toBeVisible();
  await expect(page).toHaveTitle(/^API トークンを作成/);
  expect(await axeViolations(page)).toEqual([]);

  // Defaults, named with the glossary's words; the expiry input keeps YYYY-MM-DD, its help line is Japanese.
  const expiresOn = await browserDatePlus(page, 90);
  await expect(page.getByLabel("トークンを生成")).toBeChecked();
  await expect(page.getByLabel("公開鍵をアップロード")).not.toBeChecked();
  await expect(page.getByLabel("有効期限")).toHaveValue(expiresOn);
  await expect(page.getByText(`トークンは ${formatCalendarDate(expiresOn, "ja")} 23:59:59 (UTC) まで有効です。`)).toBeVisible();
  await expect(page.getByRole("group", { name: "権限" })).toBeVisible();
  for (const header of ["機能", "表示", "管理", "実行", "実施"]) await expect(page.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
  for (const name of ["デバイスレポートの表示", "デバイスフィールドの管理", "ジオロケーションの表示", "アドレスレベルの位置情報の表示", "Reach スクリプトの実行"]) {
    await expect(page.getByRole("checkbox", { name })).toBeChecked();
  }
  await page.getByRole("button", { name: "すべて消去" }).click();
  await expect(page.getByRole("checkbox", { name: "デバイスレポートの表示" })).not.toBeChecked();
  await page.getByRole("button", { name: "すべて選択" }).click();
  await expect(page.getByRole("checkbox", { name: "デバイスレポートの表示" })).toBeChecked();
  await expect(page.getByRole("textbox", { name: "デバイスグループ" })).toHaveValue("すべてのデバイスグループ");

  // The calendar names its months and weekdays in Japanese.
  await page.getByRole("button", { name: "日付を選択" }).click();
  const calendar = page.getByRole("dialog", { name: "カレンダー" });
  await expect(calendar).toBeVisible();
  await expect(calendar.getByText(/^\d{4}年\d{1,2}月$/).first()).toBeVisible();
  await expect(calendar.getByRole("grid", { name: /^\d{4}年\d{1,2}月$/ })).toBeVisible();
  // The weekday row is hidden from assistive technology (each day's name has its weekday): check its text.
  for (const weekday of ["日", "月", "火", "水", "木", "金", "土"]) await expect(calendar.getByText(weekday, { exact: true })).toBeVisible();
  await expect(calendar.getByRole("button", { name: /^\d{1,2}日 \d{4}年\d{1,2}月 [日月火水木金土]曜日/ }).first()).toBeVisible();
  await expect(calendar.getByRole("button", { name: "次の月へ" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(calendar).toHaveCount(0);
  await expect(page.getByLabel("有効期限")).toHaveValue(expiresOn);

  // A bad IP is marked 無効な IP アドレス; a good one is added with 追加.
  const ips = page.getByLabel("承認済み IP アドレス");
  await ips.fill("1.2.3");
  await ips.press("Enter");
  await expect(page.getByRole("listitem").filter({ hasText: "1.2.3" }).first()).toContainText("無効な IP アドレス");
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "1.2.3 を削除" }).click();
  await ips.fill("203.0.113.7");
  await page.getByRole("button", { name: "追加", exact: true }).click();
  await expect(page.getByRole("button", { name: "203.0.113.7", exact: true })).toBeVisible();

  const title = unique("夜間エクスポート");
  await page.getByLabel("タイトル").fill(title);
  await page.getByLabel("説明").fill("デバイスの一覧を毎晩書き出します");
  await page.getByRole("button", { name: "作成", exact: true }).click();

  const dialog = page.getByRole("dialog", { name: "API トークンが作成されました" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("この秘密鍵は二度と表示できません。今すぐコピーするかダウンロードしてください。")).toBeVisible();
  const tokenId = await dialog.getByLabel("トークン ID").inputValue();
  const secret = await dialog.getByLabel("秘密鍵").inputValue();
  recordSecret(secret);
  await expect(dialog.getByText(`${formatCalendarDate(expiresOn, "ja")} 23:59:59 (UTC) まで有効です。`)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "トークンをダウンロード" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "秘密鍵をコピー" }).click();
  await expect(page.getByText("コピーしました").first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await dialog.getByRole("button", { name: "閉じる", exact: true }).click();

  // The list: Japanese status, type and expiry date.
  await expect(page).toHaveURL(/\/api-management$/);
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row.getByRole("cell", { name: "有効", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: "生成された秘密鍵" })).toBeVisible();
  await expect(row.getByRole("cell", { name: formatCalendarDate(expiresOn, "ja") })).toBeVisible();
  await expect(page.getByText(/件のトークン · 1 \/ \d+ ページ/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The token page, and a toast in Japanese after extending the expiry.
  await row.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/api-management/${tokenId}$`));
  await expect(page.getByRole("heading", { name: "詳細" })).toBeVisible();
  await expect(page.getByText(`${formatCalendarDate(expiresOn, "ja")} 23:59:59 (UTC)`)).toBeVisible();
  await expect(page.getByRole("list", { name: "承認済み IP アドレス" }).getByText("203.0.113.7")).toBeVisible();
  await expect(page.getByRole("table", { name: "このトークンのイベント (新しい順)" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const later = addDaysIso(expiresOn, 1);
  await page.getByRole("button", { name: "有効期限を延長" }).click();
  const extend = page.getByRole("dialog", { name: "有効期限を延長" });
  await extend.getByLabel("有効期限").fill(later);
  await extend.getByRole("button", { name: "有効期限を保存" }).click();
  await expect(page.getByText(`トークンの有効期限を ${formatCalendarDate(later, "ja")} 23:59:59 (UTC) に変更しました。`)).toBeVisible();
  // The toasts' region and close button are named in Japanese too (Sonner's own names are English).
  await expect(page.getByRole("region", { name: "通知（Alt+T）" })).toBeAttached();
  await expect(page.getByRole("button", { name: "通知を閉じる" })).toBeVisible();
});

test("a server-side refusal reaches the Japanese administrator in Japanese", async ({ page, baseURL }) => {
  await signInAs(page, baseURL, ja);
  const title = unique("重複");
  for (let i = 0; i < 2; i++) {
    await page.goto("/api-management/new");
    await page.getByLabel("タイトル").fill(title);
    await page.getByRole("button", { name: "作成", exact: true }).click();
    await expect(page.getByRole("dialog", { name: "すべての IP アドレスからのリクエストを許可しますか？" })).toBeVisible();
    await confirmAnyIp(page, "すべての IP アドレスを許可");
    if (i === 0) {
      const dialog = page.getByRole("dialog", { name: "API トークンが作成されました" });
      recordSecret(await dialog.getByLabel("秘密鍵").inputValue());
      await dialog.getByRole("button", { name: "秘密鍵をコピー" }).click();
      await dialog.getByRole("button", { name: "閉じる", exact: true }).click();
      await expect(page).toHaveURL(/\/api-management$/);
    }
  }
  // The title is unique among live tokens: only the server knows, and it answers in Japanese.
  await expect(page.getByText("このタイトルの有効なトークンがすでにあります。別のタイトルを入力してください。")).toBeVisible();
  await expect(page.getByLabel("タイトル")).toBeFocused();

  // A read-only (expired) token, refused by lib/data in Japanese when changed anyway.
  const expiredTitle = unique("期限切れ");
  const expired = insertToken({ creatorEmail: ja.email, title: expiredTitle, expiresOn: utcDate(-2) });
  await page.goto("/api-management");
  await page.getByRole("combobox", { name: "ステータス" }).selectOption({ label: "期限切れ" });
  await expect(page.getByRole("row").filter({ hasText: expiredTitle }).getByRole("cell", { name: "期限切れ", exact: true })).toBeVisible();
  await page.goto(`/api-management/${expired}`);
  await expect(page.getByText("このトークンは期限切れです。読み取り専用で、このトークンで署名した API リクエストは拒否されます。削除のみ行えます。")).toBeVisible();
});

for (const language of ["ja", "en"] as const) {
  test(`the list, create and token pages fit 360 px in ${language === "ja" ? "Japanese" : "English"}`, async ({ page, baseURL }) => {
    const user = language === "ja" ? ja : en;
    const tokenId = insertToken({
      creatorEmail: user.email,
      title: unique(language === "ja" ? "幅の確認用トークン" : "Width check token"),
      expiresOn: utcDate(30),
      allowedIps: ["203.0.113.0/24", "2001:db8::/32"],
      permissions: ["device-reports.view", "device-fields.manage", "device-fields.view", "reach-scripts.run", "reach-scripts.view"],
    });
    await page.setViewportSize({ width: 360, height: 800 });
    await signInAs(page, baseURL, user);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    for (const url of ["/api-management", "/api-management/new", `/api-management/${tokenId}`]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${url} in ${language}`).toBeLessThanOrEqual(360);
      if (language === "ja") expect(await axeViolations(page), url).toEqual([]);
    }
  });
}

test("totals and counts read as numbers in the reader's language: 1,234 tokens, 1,234 件, 25,000 exchanges", async ({ page, baseURL }) => {
  // A viewer sees only their own tokens, so the total is exactly theirs. Expiry far off: the
  // scheduler has nothing to say about them.
  const reader = await createUserWithRole({ name: "Nora Numbers", permissions: ["api-credentials.view"] });
  const [first] = insertTokens({ creatorEmail: reader.email, title: unique("Counted"), expiresOn: utcDate(200) }, 1_234);
  const db = e2eDb();
  try {
    db.prepare("insert into token_exchanges (token_id, count, last_exchange_at) values (?, 25000, ?)").run(first, Date.now());
  } finally {
    db.close();
  }
  await signInAs(page, baseURL, reader);
  for (const [language, total, exchanges] of [
    ["en", "1,234 tokens · Page 1 of 50", /^25,000, last /],
    ["ja", "1,234 件のトークン · 1 / 50 ページ", /^25,000 回 \(最終: /],
  ] as const) {
    const save = e2eDb();
    try {
      save.prepare("update user set language = ? where id = ?").run(language, reader.id);
    } finally {
      save.close();
    }
    await page.goto("/api-management");
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.getByText(total)).toBeVisible();
    await page.goto(`/api-management/${first}`);
    await expect(page.getByText(exchanges)).toBeVisible();
  }
});
