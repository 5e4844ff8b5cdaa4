import { ADMIN, ADMIN_STATE, axeViolations, expect, signIn, signOut, test } from "./fixtures";

// Runs first (the "setup" project): the fresh database has no user yet. This is the only place
// Set up can be seen, so its Japanese version is checked here (the rest of the language checks
// are in i18n-language.spec.ts).
test("a Japanese browser gets Set up in Japanese; its Language switch changes it at once", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  await page.goto("/setup");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page).toHaveTitle("セットアップ · Keyward");
  await expect(page.getByRole("heading", { name: "Keyward のセットアップ" })).toBeVisible();
  await expect(page.getByLabel("パスワード", { exact: true })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The shared schema's messages, in Japanese; nothing is created.
  await page.getByLabel("メールアドレス").fill("not-an-email");
  await page.getByLabel("パスワード", { exact: true }).fill("short");
  await page.getByRole("button", { name: "管理者を作成" }).click();
  await expect(page.getByText("名前を入力してください。")).toBeVisible();
  await expect(page.getByText("name@example.com のような有効なメールアドレスを入力してください。")).toBeVisible();
  await expect(page.getByText("12 文字以上で入力してください。")).toBeVisible();

  for (const language of ["ja", "en"] as const) {
    if (language === "en") {
      await page.getByLabel("言語").selectOption("English");
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("heading", { name: "Set up Keyward" })).toBeVisible();
    }
    // 360 px wide: no sideways scroll, and the submit button's text fits.
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), language).toBeLessThanOrEqual(360);
    const submit = page.getByRole("button", { name: language === "ja" ? "管理者を作成" : "Create administrator" });
    expect(await submit.evaluate((b) => b.scrollWidth <= b.clientWidth && b.scrollHeight <= b.clientHeight), language).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await context.close();
});

test("first run: Set up creates the administrator, who can sign out and back in", async ({ page }) => {
  await page.goto("/api-management");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Keyward" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Field-level messages for a bad email, a short password and a mismatch; nothing is created.
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByText("The passwords don't match.")).toBeVisible();
  await expect(page).toHaveURL(/\/setup$/);

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await page.waitForURL(/\/api-management/);
  await expect(page.getByRole("button", { name: `User menu for ${ADMIN.name}` })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const link of ["API management", "Event history", "Users", "Roles", "Outbox"]) {
    await expect(nav.getByRole("link", { name: link })).toBeVisible();
  }

  // Once a user exists, Set up is closed.
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);

  await signOut(page);
  await page.goto("/api-management");
  await expect(page).toHaveURL(/\/login(\?next=[^&]*)?$/);
  expect(await axeViolations(page)).toEqual([]);

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "API management" })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
