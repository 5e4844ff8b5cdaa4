import { expect, type Browser, type Page } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";
import { ADMIN, ADMIN_STATE, NO_SESSION, axeViolations, signIn, test, unique } from "./fixtures";
import { insertCampaign, userIdOf } from "./helpers/campaign-db";
import { insertOutboxMessage, insertToken, utcDate } from "./helpers/token-db";
import { createUserWithRole } from "./helpers/token-fixtures";

// Issue 12's "done when": every console page is axe clean in light and dark, at 360 px and
// 1280 px, and none of them scrolls sideways or cuts a button's text. The theme follows
// prefers-color-scheme. Issue 11: the same in Japanese, whose text is longer in places and
// wraps differently, with each page's <title> in the reader's language and no English word in
// its own text. The signed-in administrator has no saved language, so the browser's decides.

const SCHEMES = ["light", "dark"] as const;
const WIDTHS = [360, 1280] as const;
const LANGUAGES = ["en", "ja"] as const;
type Language = (typeof LANGUAGES)[number];
const LOCALES = { en: "en-US", ja: "ja-JP" } as const;

/**
 * What is wrong with the page in every theme and width: axe violations, sideways scroll, clipped
 * buttons; in Japanese, English words in its own text. Its `<title>` must be the language's.
 */
async function problemsEverywhere(page: Page, language: Language, heading: RegExp | string, title: string): Promise<string[]> {
  const problems: string[] = [];
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page).toHaveTitle(title);
  if (language === "ja") for (const word of await englishWords(page)) problems.push(`English word: ${word}`);
  for (const colorScheme of SCHEMES) {
    for (const width of WIDTHS) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 800 });
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      const where = `${colorScheme} ${width}px`;
      for (const v of await axeViolations(page)) problems.push(`${where}: ${v}`);
      const layout = await page.evaluate(() => {
        const found: string[] = [];
        const scrollWidth = document.documentElement.scrollWidth;
        if (scrollWidth > window.innerWidth) found.push(`the page is ${scrollWidth}px wide`);
        for (const el of document.querySelectorAll<HTMLElement>("button, a.inline-flex, [role=button]")) {
          // Scalar's download button: a decoration overruns its box, while its text fits (measured).
          if (!el.offsetParent || el.closest("[aria-hidden=true], .scalar-app")) continue;
          if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
            found.push(`clipped: "${el.innerText.trim()}" (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
          }
        }
        return found;
      });
      for (const p of layout) problems.push(`${where}: ${p}`);
    }
  }
  return problems;
}

// Words a Japanese page may show in Latin letters: proper names, codes, key names, the language
// switch's "English" (each language is named in itself) and the seeded people.
const PROPER = new Set(["Keyward", "API", "ID", "IP", "UTC", "JSON", "CSV", "SMTP", "URL", "Reach", "EC", "Alt", "English", "YYYY", "MM", "DD", ...ADMIN.name.split(" "), "Vic", "Viewer"]);

/**
 * English words in a Japanese page's own words — labels, headers, captions, buttons, links,
 * placeholders and accessible names — leaving out data (table bodies, emails, IDs) and the
 * API reference's renderer, whose document is the API's and stays English.
 */
async function englishWords(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("label, legend, th, caption, button, a, [placeholder], [aria-label], [title]")) {
      if (el.closest("tbody, .scalar-app, [aria-hidden=true]") || !el.offsetParent) continue;
      if (el.matches("label, legend, th, caption, button, a")) found.push(el.innerText ?? "");
      for (const attribute of ["placeholder", "aria-label", "title"]) found.push(el.getAttribute(attribute) ?? "");
    }
    return found;
  });
  const words = texts.flatMap((t) => t.replace(/\S+@\S+|[0-9a-f-]{36}|https?:\/\/\S+|\/\S*|[0-9a-f]*:[0-9a-f:]+/g, " ").match(/[A-Za-z]{2,}/g) ?? []);
  return [...new Set(words.filter((w) => !PROPER.has(w)))];
}

async function adminPage(browser: Browser, language: Language): Promise<Page> {
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: LOCALES[language] });
  return context.newPage();
}

type Messages = { [key: string]: string | Messages };
const messages = (language: Language): Messages => JSON.parse(fs.readFileSync(`messages/${language}.json`, "utf8"));

/** The `<title>` a page has in this language: its message, then the product name. */
function titleOf(language: Language, key: string): string {
  const text = key.split(".").reduce<string | Messages>((m, k) => (m as Messages)[k], messages(language));
  return `${text} · Keyward`;
}

/** A "3 days before expiry" notice as lib/notify writes it, from the message file of the recipient's language. */
function expiringNotice(language: Language, title: string): { subject: string; body: string } {
  const { notices } = messages(language) as unknown as { notices: { body: string; expiring: Record<string, string> } };
  const id = crypto.randomUUID();
  const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k]);
  const body = fill(notices.body, {
    lead: notices.expiring.lead,
    title,
    id,
    expires: language === "ja" ? "2026年11月23日 23:59 UTC" : "2026-11-23 23:59:59 UTC",
    link: `http://127.0.0.1/api-management/${id}`,
    todo: notices.expiring.todo,
  });
  return { subject: fill(notices.expiring.subject, { title }), body };
}

test.describe.configure({ mode: "parallel" });

for (const language of LANGUAGES) {
  const ja = language === "ja";
  const pick = (en: string, jaText: string) => (ja ? jaText : en);

  test(`the sign-in page fits and passes axe in both themes and widths (${language})`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: NO_SESSION, locale: LOCALES[language] });
    const page = await context.newPage();
    await page.goto("/login");
    expect(await problemsEverywhere(page, language, pick("Sign in", "サインイン"), titleOf(language, "auth.signIn.title"))).toEqual([]);
    await context.close();
  });

  test(`the token pages fit and pass axe in both themes and widths (${language})`, async ({ browser }) => {
    // Four scans of each of up to five pages: minutes on a busy 2-core machine.
    test.setTimeout(6 * 60_000);
    const page = await adminPage(browser, language);
    const tokenId = insertToken({ creatorEmail: ADMIN.email, title: unique("Every page token"), expiresOn: utcDate(30), allowedIps: ["203.0.113.7", "2001:db8::/32"] });
    const pages: [string, RegExp | string, string][] = [
      ["/api-management", pick("API management", "API 管理"), "tokens.list.title"],
      ["/api-management/new", pick("Create token", "API トークンを作成"), "tokens.create.metaTitle"],
      [`/api-management/${tokenId}`, /Every page token/, "tokens.detail.metaTitle"],
    ];
    for (const [url, heading, title] of pages) {
      await page.goto(url);
      expect(await problemsEverywhere(page, language, heading, titleOf(language, title)), url).toEqual([]);
    }
    await page.context().close();
  });

  test(`event history, users, roles and the role editor fit and pass axe in both themes and widths (${language})`, async ({ browser }) => {
    // Four scans of each of up to five pages: minutes on a busy 2-core machine.
    test.setTimeout(6 * 60_000);
    const page = await adminPage(browser, language);
    await page.goto("/roles");
    const builtIn = await page.getByRole("link", { name: pick("View System Administrator", "システム管理者 を表示") }).getAttribute("href");
    const pages: [string, string, string][] = [
      ["/events", pick("Event history", "イベント履歴"), "events.title"],
      ["/users", pick("Users", "ユーザー"), "users.title"],
      ["/roles", pick("Roles", "役割"), "roles.title"],
      ["/roles/new", pick("Add role", "役割を追加"), "roles.add"],
      [builtIn!, pick("System Administrator", "システム管理者"), "roles.edit.metaTitle"],
    ];
    for (const [url, heading, title] of pages) {
      await page.goto(url);
      expect(await problemsEverywhere(page, language, heading, titleOf(language, title)), url).toEqual([]);
    }
    await page.context().close();
  });

  test(`key rotation, New campaign, a campaign and the owners' help fit and pass axe in both themes and widths (${language})`, async ({ browser }) => {
    // Four scans of each of four pages: minutes on a busy 2-core machine.
    test.setTimeout(6 * 60_000);
    // A campaign whose one token its owner already rotated: nothing pending, so no other page changes.
    const adminId = userIdOf(ADMIN.email);
    const title = unique(pick("Nightly export of every device report for the audit team", "監査チーム向けの全デバイスレポートの夜間エクスポート"));
    const tokenId = insertToken({ creatorEmail: ADMIN.email, title, expiresOn: utcDate(60) });
    const name = unique(pick("Yearly renewal of every customer's API key", "全顧客の API 鍵の年次更新"));
    const campaignId = insertCampaign({ name, userIds: [adminId], tokens: [{ tokenId, ownerId: adminId, title, state: "rotated" }] });
    const page = await adminPage(browser, language);
    const pages: [string, string, string][] = [
      ["/rotations", pick("Key rotation", "API 鍵の更新"), "campaigns.title"],
      ["/rotations/new", pick("New campaign", "新しいキャンペーン"), "campaigns.new.title"],
      [`/rotations/${campaignId}`, name, "campaigns.detail.metaTitle"],
      ["/rotations/help", pick("Rotating your API tokens", "API トークンの更新について"), "campaigns.help.title"],
    ];
    for (const [url, heading, title] of pages) {
      await page.goto(url);
      expect(await problemsEverywhere(page, language, heading, titleOf(language, title)), url).toEqual([]);
    }
    await page.context().close();
  });

  test(`outbox, an outbox message, API reference and 404 fit and pass axe in both themes and widths (${language})`, async ({ browser }) => {
    // Four scans of each of up to five pages: minutes on a busy 2-core machine.
    test.setTimeout(6 * 60_000);
    // A notice in the reader's language with a long title, waiting for its second attempt: the
    // message page then shows every field, a long error and a body with an unbroken link.
    const notice = expiringNotice(language, unique(pick("Nightly export of every device report for the audit team", "監査チーム向けの全デバイスレポートの夜間エクスポート")));
    const messageId = insertOutboxMessage({
      recipient: `${unique("a-rather-long-mailbox-name").replace(/\s/g, "-")}@reports.example.com`,
      ...notice,
      lastError: "450 4.2.1 The recipient's mailbox is temporarily unavailable: mailbox-quota-exceeded-for-user-at-reports.example.com",
    });
    const page = await adminPage(browser, language);
    const pages: [string, string, string][] = [
      ["/outbox", pick("Outbox", "送信トレイ"), "outbox.title"],
      [`/outbox/${messageId}`, notice.subject, "outbox.messageTitle"],
      ["/docs/api", pick("API reference", "API リファレンス"), "docs.title"],
      ["/no-such-page", pick("404 — Not found", "404 — ページが見つかりません"), "pages.notFound.title"],
    ];
    for (const [url, heading, title] of pages) {
      await page.goto(url);
      expect(await problemsEverywhere(page, language, heading, titleOf(language, title)), url).toEqual([]);
    }
    await page.context().close();
  });

  test(`the 403 page fits and passes axe in both themes and widths (${language})`, async ({ browser }) => {
    test.slow();
    const viewer = await createUserWithRole({ name: "Vic Viewer", permissions: ["api-credentials.view"] });
    // Signs in through the English sign-in page (the shared helper's labels); the browser's language decides after.
    const context = await browser.newContext({ storageState: NO_SESSION, locale: "en-US" });
    const forbidden = await context.newPage();
    await signIn(forbidden, viewer.email, viewer.password);
    const state = await context.storageState();
    await context.close();
    const readerContext = await browser.newContext({ storageState: state, locale: LOCALES[language] });
    const reader = await readerContext.newPage();
    const response = await reader.goto("/users");
    expect(response?.status()).toBe(403);
    // The title stays the requested page's, in the reader's language.
    expect(await problemsEverywhere(reader, language, pick("403 — You don’t have access to this page", "403 — このページにアクセスする権限がありません"), titleOf(language, "users.title"))).toEqual([]);
    await readerContext.close();
  });
}
