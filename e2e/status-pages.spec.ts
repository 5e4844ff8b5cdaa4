import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { axeViolations, expect, test } from "./fixtures";
import { createUserWithRole } from "./helpers/token-fixtures";

// 403 and 404 pages share one design, and each page has exactly one main landmark, whether it
// is shown inside the console shell or on its own.

async function expectStatusPage(page: Page, url: string, status: number, heading: string, link: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(status);
  await expect(page.getByRole("main").getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  await expect(page.getByRole("main"), url).toHaveCount(1);
  await expect(page.locator("#main"), url).toHaveCount(1);
  await expect(page.getByRole("main").getByRole("link", { name: link })).toBeVisible();
  expect(await axeViolations(page), url).toEqual([]);
}

test("403 and 404 pages: one design, one main landmark, in and out of the console shell", async ({ pageAs, adminPage }) => {
  test.slow();
  const ed = await createUserWithRole({ name: "Ed Status", permissions: ["event-history.view", "api-credentials.view"] });
  const page = await pageAs(ed);
  await expectStatusPage(page, "/users", 403, "403 — You don’t have access to this page", "Go to the start page");
  await expectStatusPage(page, "/roles/99999", 403, "403 — You don’t have access to this page", "Go to the start page");
  await expectStatusPage(page, "/no-such-page", 404, "404 — Not found", "Go to the start page");
  await expectStatusPage(page, `/api-management/${crypto.randomUUID()}`, 404, "Token not found", "Back to API management");
  await expectStatusPage(page, "/outbox/99999", 403, "403 — You don’t have access to this page", "Go to the start page");
  await expectStatusPage(page, "/rotations/99999", 403, "403 — You don’t have access to this page", "Go to the start page");
  // A console page's own 404 (an unknown role, notice or campaign) is a real 404 status, inside
  // the shell: still one main.
  for (const url of ["/roles/99999", "/roles/x", "/outbox/99999", "/rotations/99999", "/rotations/0"]) {
    expect((await adminPage.goto(url))?.status(), url).toBe(404);
    await expect(adminPage.getByRole("heading", { name: "404 — Not found", level: 1 }), url).toBeVisible();
  }
  await adminPage.goto("/roles/99999");
  await expect(adminPage.getByRole("main")).toHaveCount(1);
  await expect(adminPage.locator("#main")).toHaveCount(1);
  await expect(adminPage.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("an auditor (Event history only) signs in to Event history, and the logo and 'Go to the start page' lead there too", async ({ browser }) => {
  const auditor = await createUserWithRole({ name: "Aud Itor", permissions: ["event-history.view"] });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(auditor.email);
  await page.getByLabel("Password").fill(auditor.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/events$/);
  await expect(page.getByRole("heading", { name: "Event history", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API management" })).toHaveCount(0);

  await page.goto("/api-management");
  await expect(page.getByRole("heading", { name: "403 — You don’t have access to this page", level: 1 })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Go to the start page" }).click();
  await page.waitForURL(/\/events$/);
  await page.getByRole("link", { name: "Keyward" }).click();
  await page.waitForURL(/\/events$/);
  await context.close();
});
