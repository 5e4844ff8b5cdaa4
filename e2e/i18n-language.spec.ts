import type { Browser, Page } from "@playwright/test";
import { ADMIN_STATE, axeViolations, expect, test, unique } from "./fixtures";
import { addRole, addUser } from "./pages/users-roles";
import { captureServerAction, replayServerAction } from "./server-action";

// Language: the browser's (Accept-Language) on the sign-in page, with a switch; a signed-in
// user's saved choice everywhere else. (Set up in Japanese is checked in setup.spec.ts: only the
// setup project sees a database without users.)
test.use({ locale: "ja-JP" });
test.describe.configure({ mode: "serial" });

const PASSWORD = "a long enough password 11";

function person(prefix: string) {
  const name = unique(prefix);
  return { name, email: `${name.replace(/\s/g, "-").toLowerCase()}@example.com`, password: PASSWORD };
}
type Person = ReturnType<typeof person>;

// Each test's own users, added once by the (English-speaking) administrator.
const aoi = person("Aoi Switcher");
const ben = person("Ben Nihongo");
const jun = person("Jun Admin");
const kei = person("Kei Keeper");

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: "en-US" });
  const admin = await context.newPage();
  const keepers = unique("Token keepers");
  await addRole(admin, keepers, ["View API credentials"]);
  for (const p of [aoi, ben, jun]) await addUser(admin, { ...p, role: "System Administrator" });
  await addUser(admin, { ...kei, role: keepers });
  await context.close();
});

/** A new browser context with the given locale, signed in through the (Japanese or English) sign-in page. */
async function signedIn(browser: Browser, who: Person, locale: "ja-JP" | "en-US"): Promise<Page> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.goto("/login");
  const ja = locale === "ja-JP";
  await page.getByLabel(ja ? "メールアドレス" : "Email").fill(who.email);
  await page.getByLabel(ja ? "パスワード" : "Password").fill(who.password);
  await page.getByRole("button", { name: ja ? "サインイン" : "Sign in" }).click();
  await page.waitForURL(/\/api-management/);
  return page;
}

const html = (page: Page) => page.locator("html");
const nav = (page: Page) => page.getByRole("navigation", { name: /^(Main|メイン)$/ });

async function chooseLanguage(page: Page, who: Person, language: "English" | "日本語") {
  await page.getByRole("button", { name: new RegExp(`^(User menu for ${who.name}|${who.name} のユーザーメニュー)$`) }).click();
  await page.getByRole("menuitemradio", { name: language }).click();
}

/** At 360 px wide: the page doesn't scroll sideways, and no button or button-like link cuts its text. */
async function narrowLayoutProblems(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: 360, height: 800 });
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.scrollWidth;
    if (width > 360) problems.push(`page is ${width}px wide`);
    for (const el of document.querySelectorAll<HTMLElement>("button, a.inline-flex, [role=button]")) {
      if (!el.offsetParent || el.closest("[aria-hidden=true]")) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        problems.push(`clipped: "${el.innerText.trim()}" (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
      }
    }
    return problems;
  });
}

test("a Japanese browser gets the sign-in page in Japanese, and its Language switch changes it at once", async ({ page }) => {
  await page.goto("/login");
  await expect(html(page)).toHaveAttribute("lang", "ja");
  await expect(page).toHaveTitle("サインイン · Keyward");
  await expect(page.getByRole("heading", { name: "サインイン", level: 1 })).toBeVisible();
  await expect(page.getByLabel("メールアドレス")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  expect(await narrowLayoutProblems(page)).toEqual([]);

  // Client-side validation speaks Japanese too (the shared zod schema's messages are keys).
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page.getByText("メールアドレスを入力してください。")).toBeVisible();

  // A wrong password: the refusal is Japanese.
  await page.getByLabel("メールアドレス").fill(aoi.email);
  await page.getByLabel("パスワード").fill("not the right password");
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "メールアドレスまたはパスワードが正しくありません。" })).toBeVisible();

  await page.getByLabel("言語").selectOption("English");
  await expect(html(page)).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page).toHaveTitle("Sign in · Keyward");
  expect(await narrowLayoutProblems(page)).toEqual([]);
  // The choice stays for this browser.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
});

test("a Japanese user switches to English in the user menu: at once, and still after signing in again elsewhere", async ({ browser }) => {
  const page = await signedIn(browser, aoi, "ja-JP");
  await expect(html(page)).toHaveAttribute("lang", "ja");
  await expect(nav(page).getByRole("link", { name: "API 管理" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "ユーザー" })).toBeVisible();

  await chooseLanguage(page, aoi, "English");
  await expect(html(page)).toHaveAttribute("lang", "en");
  await expect(nav(page).getByRole("link", { name: "API management" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Users" })).toBeVisible();

  await page.getByRole("button", { name: `User menu for ${aoi.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/login$/);
  await page.context().close();

  // A fresh Japanese browser (no cookie): the choice saved on the user wins.
  const again = await signedIn(browser, aoi, "ja-JP");
  await expect(html(again)).toHaveAttribute("lang", "en");
  await expect(nav(again).getByRole("link", { name: "API management" })).toBeVisible();
  await again.context().close();
});

test("an English browser, saved choice 日本語: the console is Japanese, and server-side refusals reach the user in Japanese", async ({ browser }) => {
  const first = await signedIn(browser, ben, "en-US");
  await expect(html(first)).toHaveAttribute("lang", "en");
  await chooseLanguage(first, ben, "日本語");
  await expect(html(first)).toHaveAttribute("lang", "ja");
  await first.context().close();

  const page = await signedIn(browser, ben, "en-US");
  await expect(html(page)).toHaveAttribute("lang", "ja");
  await expect(nav(page).getByRole("link", { name: "ユーザー" })).toBeVisible();

  // Add user in Japanese: labels, the built-in role's Japanese name, client-side messages.
  await page.goto("/users");
  await expect(page).toHaveTitle("ユーザー · Keyward");
  await page.getByRole("button", { name: "ユーザーを追加" }).click();
  const dialog = page.getByRole("dialog", { name: "ユーザーを追加" });
  await dialog.getByRole("button", { name: "ユーザーを追加" }).click();
  await expect(dialog.getByText("名前を入力してください。")).toBeVisible();
  await expect(dialog.getByText("役割を選択してください。")).toBeVisible();
  const added = person("Added Japanese");
  await dialog.getByLabel("メールアドレス").fill(added.email);
  await dialog.getByLabel("名前").fill(added.name);
  await dialog.getByLabel("役割").selectOption({ label: "システム管理者" });
  await dialog.getByLabel("初期パスワード").fill(added.password);
  const action = await captureServerAction(page, () => dialog.getByRole("button", { name: "ユーザーを追加" }).click());
  await expect(page.getByText(`${added.name} を追加しました。`)).toBeVisible();

  // The same action called directly, past the form: the shared schema's refusal, in Japanese.
  const [input] = JSON.parse(action.body) as [Record<string, unknown>];
  const invalid = await replayServerAction(page.request, action, {
    body: JSON.stringify([{ ...input, email: "not-an-email", name: "", initialPassword: "short" }]),
  });
  expect(invalid.result).toEqual({
    ok: false,
    status: 400,
    error: "入力内容を確認してください。",
    fieldErrors: {
      email: ["name@example.com のような有効なメールアドレスを入力してください。"],
      name: ["名前を入力してください。"],
      initialPassword: ["12 文字以上で入力してください。"],
    },
  });
  // And lib/data's refusal (a taken email) too.
  const taken = await replayServerAction(page.request, action);
  expect(taken.result).toMatchObject({ ok: false, status: 409, error: "このメールアドレスのユーザーはすでに存在します。" });
  await page.context().close();
});

test("users, roles, 403 and 404 pages in Japanese: axe clean, and at 360 px no sideways scroll or clipped buttons in either language", async ({ browser }) => {
  test.slow();
  const ja = await signedIn(browser, jun, "ja-JP");
  const en = await signedIn(browser, jun, "en-US");
  const builtInHref = await (async () => {
    await ja.goto("/roles");
    return ja.getByRole("link", { name: "システム管理者 を表示" }).getAttribute("href");
  })();
  const pages: [string, string, string, string][] = [
    ["/users", "ユーザー", "ユーザー", "Users"],
    ["/roles", "役割", "役割", "Roles"],
    ["/roles/new", "役割を追加", "役割を追加", "Add role"],
    [builtInHref!, "役割", "システム管理者", "System Administrator"],
    ["/no-such-page", "見つかりません", "404 — ページが見つかりません", "404 — Not found"],
  ];
  for (const [url, jaTitle, jaHeading, enHeading] of pages) {
    await ja.setViewportSize({ width: 1280, height: 800 });
    await ja.goto(url);
    await expect(ja.getByRole("heading", { name: jaHeading, level: 1 })).toBeVisible();
    await expect(ja).toHaveTitle(`${jaTitle} · Keyward`);
    await expect(html(ja)).toHaveAttribute("lang", "ja");
    expect(await axeViolations(ja), url).toEqual([]);
    expect(await narrowLayoutProblems(ja), `${url} in Japanese`).toEqual([]);
    await en.setViewportSize({ width: 1280, height: 800 });
    await en.goto(url);
    await expect(en.getByRole("heading", { name: enHeading, level: 1 })).toBeVisible();
    expect(await narrowLayoutProblems(en), `${url} in English`).toEqual([]);
  }

  // The users page at 360 px in Japanese with a dialog open: its buttons fit too.
  await ja.goto("/users");
  await ja.getByRole("button", { name: "ユーザーを追加" }).click();
  await expect(ja.getByRole("dialog", { name: "ユーザーを追加" })).toBeVisible();
  expect(await axeViolations(ja)).toEqual([]);
  expect(await narrowLayoutProblems(ja)).toEqual([]);

  // 403: a role without Users and roles: manage, in each language.
  for (const [locale, heading] of [["ja-JP", "403 — このページにアクセスする権限がありません"], ["en-US", "403 — You don’t have access to this page"]] as const) {
    const page = await signedIn(browser, kei, locale);
    const response = await page.goto("/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    // The title stays the requested page's (Next resolves the page's metadata), in the viewer's language.
    await expect(page).toHaveTitle(locale === "ja-JP" ? "ユーザー · Keyward" : "Users · Keyward");
    if (locale === "ja-JP") expect(await axeViolations(page)).toEqual([]);
    expect(await narrowLayoutProblems(page), `403 ${locale}`).toEqual([]);
    await page.context().close();
  }

  // Suspending Kei in Japanese; Kei's next sign-in is refused in Japanese (a message key from better-auth's hook).
  await ja.setViewportSize({ width: 1280, height: 800 });
  await ja.goto(`/users?q=${encodeURIComponent(kei.email)}`);
  await ja.getByRole("button", { name: `${kei.name} を停止` }).click();
  await ja.getByRole("dialog", { name: `${kei.name} を停止しますか？` }).getByRole("button", { name: "ユーザーを停止" }).click();
  await expect(ja.getByText(`${kei.name} を停止し、サインアウトさせました。`)).toBeVisible();
  await expect(ja.getByRole("row").filter({ hasText: kei.email })).toContainText("停止中");
  const context = await browser.newContext({ locale: "ja-JP" });
  const login = await context.newPage();
  await login.goto("/login");
  await login.getByLabel("メールアドレス").fill(kei.email);
  await login.getByLabel("パスワード").fill(kei.password);
  await login.getByRole("button", { name: "サインイン" }).click();
  // The same answer as a wrong password (a suspended account's right password confirms nothing), in Japanese.
  await expect(login.getByRole("alert").filter({ hasText: "メールアドレスまたはパスワードが正しくありません。" })).toBeVisible();
  await context.close();
  await ja.context().close();
  await en.context().close();
});
