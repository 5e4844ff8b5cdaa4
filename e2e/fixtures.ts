import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import { scratchDir } from "../scripts/e2e-scratch.mjs";

export const ADMIN = {
  name: "Ada Admin",
  email: "ada@example.com",
  password: "correct horse battery staple",
};
export const TMP = scratchDir();
export const ADMIN_STATE = path.join(TMP, "admin-state.json");
export const THROTTLE_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 1}`;

/** A name unique to this test run, for users, roles and tokens that tests create. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

export async function signIn(page: Page, email: string, password: string, baseURL?: string) {
  await page.goto(`${baseURL ?? ""}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signed in once the console leaves /login: each person lands on their start page.
  await page.waitForURL((url) => url.pathname !== "/login");
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /^User menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
}

/** Axe scan of the current page; returns the violations so a test can assert on them. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

export const NO_SESSION = { cookies: [], origins: [] };

interface Fixtures {
  /** A page already signed in as the first administrator (created by setup.spec.ts). */
  adminPage: Page;
  /** Signs user in on a page of a new browser context (clipboard allowed, for the copy buttons). */
  pageAs: (user: { email: string; password: string }) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  adminPage: async ({ browser }, use) => {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    await use(page);
    await context.close();
  },
  // The contexts close when the test ends, passed or failed.
  pageAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (user) => {
      // An explicit empty state: a spec's test.use({ storageState }) would otherwise apply here too.
      const context = await browser.newContext({ storageState: NO_SESSION, permissions: ["clipboard-read", "clipboard-write"] });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, user.email, user.password);
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect };
