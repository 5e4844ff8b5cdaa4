import type { Page } from "@playwright/test";
import { ADMIN, expect, NO_SESSION, test } from "./fixtures";

test.use({ storageState: NO_SESSION });

async function submit(page: Page) {
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("after sign-in, the console returns to the page that asked for it", async ({ page }) => {
  await page.goto("/events?action=token.created");
  await expect(page).toHaveURL(/\/login\?next=%2Fevents%3Faction%3Dtoken\.created$/);
  await submit(page);
  await page.waitForURL(/\/events\?action=token\.created$/);
  await expect(page.getByRole("heading", { name: "Event history", level: 1 })).toBeVisible();
  // Signed in already: the sign-in page goes straight on to `next`.
  await page.goto("/login?next=%2Fusers");
  await expect(page).toHaveURL(/\/users$/);
});

for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
  test(`a next of ${next} is ignored: sign-in lands on API management`, async ({ page }) => {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await submit(page);
    await page.waitForURL(/\/api-management$/);
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  });
}
