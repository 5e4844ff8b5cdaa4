import { expect, type Browser, type Page } from "@playwright/test";
import { ADMIN, ADMIN_STATE, NO_SESSION, axeViolations, signIn, test, unique } from "./fixtures";
import { insertToken, utcDate } from "./helpers/token-db";
import { createUserWithRole } from "./helpers/token-fixtures";

// Issue 12's "done when": every console page is axe clean in light and dark, at 360 px and
// 1280 px, and none of them scrolls sideways. The theme follows prefers-color-scheme.

const SCHEMES = ["light", "dark"] as const;
const WIDTHS = [360, 1280] as const;

/** What is wrong with the page in every theme and width: axe violations and sideways scroll. */
async function problemsEverywhere(page: Page, heading: RegExp | string): Promise<string[]> {
  const problems: string[] = [];
  for (const colorScheme of SCHEMES) {
    for (const width of WIDTHS) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 800 });
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      const where = `${colorScheme} ${width}px`;
      for (const v of await axeViolations(page)) problems.push(`${where}: ${v}`);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width) problems.push(`${where}: the page is ${scrollWidth}px wide`);
    }
  }
  return problems;
}

async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: "en-US" });
  return context.newPage();
}

test.describe.configure({ mode: "parallel" });

test("the sign-in page fits and passes axe in both themes and widths", async ({ browser }) => {
  const context = await browser.newContext({ storageState: NO_SESSION, locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/login");
  expect(await problemsEverywhere(page, "Sign in")).toEqual([]);
  await context.close();
});

test("the token pages fit and pass axe in both themes and widths", async ({ browser }) => {
  test.slow();
  const page = await adminPage(browser);
  const tokenId = insertToken({ creatorEmail: ADMIN.email, title: unique("Every page token"), expiresOn: utcDate(30), allowedIps: ["203.0.113.7", "2001:db8::/32"] });
  const pages: [string, RegExp | string][] = [
    ["/api-management", "API management"],
    ["/api-management/new", "Create token"],
    [`/api-management/${tokenId}`, /Every page token/],
  ];
  for (const [url, heading] of pages) {
    await page.goto(url);
    expect(await problemsEverywhere(page, heading), url).toEqual([]);
  }
  await page.context().close();
});

test("event history, users, roles and the role editor fit and pass axe in both themes and widths", async ({ browser }) => {
  test.slow();
  const page = await adminPage(browser);
  await page.goto("/roles");
  const builtIn = await page.getByRole("link", { name: "View System Administrator" }).getAttribute("href");
  const pages: [string, string][] = [
    ["/events", "Event history"],
    ["/users", "Users"],
    ["/roles", "Roles"],
    ["/roles/new", "Add role"],
    [builtIn!, "System Administrator"],
  ];
  for (const [url, heading] of pages) {
    await page.goto(url);
    expect(await problemsEverywhere(page, heading), url).toEqual([]);
  }
  await page.context().close();
});

test("outbox, API reference, 403 and 404 fit and pass axe in both themes and widths", async ({ browser }) => {
  test.slow();
  const page = await adminPage(browser);
  const pages: [string, string][] = [
    ["/outbox", "Outbox"],
    ["/docs/api", "API reference"],
    ["/no-such-page", "404 — Not found"],
  ];
  for (const [url, heading] of pages) {
    await page.goto(url);
    expect(await problemsEverywhere(page, heading), url).toEqual([]);
  }
  await page.context().close();

  const viewer = await createUserWithRole({ name: "Vic Viewer", permissions: ["api-credentials.view"] });
  const context = await browser.newContext({ storageState: NO_SESSION, locale: "en-US" });
  const forbidden = await context.newPage();
  await signIn(forbidden, viewer.email, viewer.password);
  const response = await forbidden.goto("/users");
  expect(response?.status()).toBe(403);
  expect(await problemsEverywhere(forbidden, "403 — You don’t have access to this page")).toEqual([]);
  await context.close();
});
