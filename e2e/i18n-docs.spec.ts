import { ADMIN_STATE, axeViolations, expect, test } from "./fixtures";

// The API reference page in Japanese: its own text is translated (the API itself, and so its
// document, stays English), axe-clean, and no wider than a 360 px screen in either language.
test("API reference in Japanese: translated page, axe clean, and at 360 px no sideways scroll in either language", async ({ browser }) => {
  test.setTimeout(240_000);
  for (const locale of ["ja-JP", "en-US"] as const) {
    const context = await browser.newContext({ locale, storageState: ADMIN_STATE, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto("/docs/api");
    const heading = locale === "ja-JP" ? "API リファレンス" : "API reference";
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", locale === "ja-JP" ? "ja" : "en");
    await page.getByRole("button", { name: locale === "ja-JP" ? "詳細なリファレンスを表示" : "Show the full reference" }).click();
    await expect(page.getByRole("heading", { name: "Keyward API" })).toBeVisible({ timeout: 90_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), locale).toBeLessThanOrEqual(360);
    if (locale === "ja-JP") {
      await expect(page).toHaveTitle(/API リファレンス/);
      // Scalar's own interface and the document stay English (the API is not translated): the page says why.
      await expect(page.getByText("API はエラーメッセージも含めて英語で応答するため、このリファレンスも英語で表示されます。")).toBeVisible();
      await expect(page.getByRole("navigation", { name: "メイン" }).getByRole("link", { name: "API リファレンス" })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    }
    await context.close();
  }
});
