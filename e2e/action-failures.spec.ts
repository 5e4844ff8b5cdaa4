import type { Page } from "@playwright/test";
import { ADMIN, expect, test, unique } from "./fixtures";
import { eventsOf, insertToken, utcDate } from "./helpers/token-db";
import { openAddUser, fillAddUser } from "./pages/users-roles";

// Every control that calls a server action goes through one hook (useServerAction): when the
// request gets no answer it says so in a toast, the control works again, and nothing changed.

const UNREACHABLE = "Couldn’t reach Keyward. Check your connection and try again.";

/** Drops every server-action request of the page (a POST with a Next-Action header), like a lost connection. */
async function cutServerActions(page: Page) {
  await page.route("**/*", (route) => {
    const request = route.request();
    return request.method() === "POST" && request.headers()["next-action"] ? route.abort("internetdisconnected") : route.fallback();
  });
}

// Sonner's live region stays readable while a modal dialog hides the rest of the page.
const toast = (page: Page, text: string) => page.getByRole("region", { name: /^Notifications/ }).getByText(text);

test("a confirmation button whose request fails says so, stays usable, and works once the connection is back", async ({ adminPage: page }) => {
  const title = unique("Unreachable revoke");
  const id = insertToken({ creatorEmail: ADMIN.email, title, expiresOn: utcDate(30) });
  await page.goto(`/api-management/${id}`);
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText("Active", { exact: true })).toBeVisible();

  await cutServerActions(page);
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke ${title}?` });
  const confirm = dialog.getByRole("button", { name: "Revoke token" });
  await confirm.click();
  await expect(toast(page, UNREACHABLE)).toBeVisible();
  await expect(dialog.getByRole("alert").filter({ hasText: UNREACHABLE })).toBeVisible();
  await expect(page.getByText("Failed to fetch")).toHaveCount(0);
  // Not stuck on "Working…": the same button, enabled, in the dialog that stayed open.
  await expect(confirm).toBeEnabled();
  expect(eventsOf(id, "token.revoked")).toHaveLength(0);
  // The page behind the modal is hidden from the accessibility tree; close it to read the page.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(details.getByText("Active", { exact: true })).toBeVisible();

  await page.unrouteAll({ behavior: "wait" });
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, `${title} was revoked.`)).toBeVisible();
  await expect(details.getByText("Revoked", { exact: true })).toBeVisible();
  expect(eventsOf(id, "token.revoked")).toHaveLength(1);
});

test("a dialog form whose request fails says so, keeps its input, and saves once the connection is back", async ({ adminPage: page }) => {
  const current = utcDate(10);
  const later = utcDate(45);
  const id = insertToken({ creatorEmail: ADMIN.email, title: unique("Unreachable extend"), expiresOn: current });
  await page.goto(`/api-management/${id}`);
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText(`${current} 23:59:59 UTC`)).toBeVisible();

  await cutServerActions(page);
  await page.getByRole("button", { name: "Extend expiration" }).click();
  const dialog = page.getByRole("dialog", { name: "Extend expiration" });
  const date = dialog.getByRole("textbox", { name: "Expiration date" });
  await date.fill(later);
  const save = dialog.getByRole("button", { name: "Save expiration date" });
  await save.click();
  await expect(toast(page, UNREACHABLE)).toBeVisible();
  await expect(dialog.getByRole("alert").filter({ hasText: UNREACHABLE })).toBeVisible();
  await expect(save).toBeEnabled();
  await expect(date).toHaveValue(later);
  expect(eventsOf(id, "token.updated")).toHaveLength(0);

  await page.unrouteAll({ behavior: "wait" });
  await save.click();
  await expect(dialog).toBeHidden();
  await expect(details.getByText(`${later} 23:59:59 UTC`)).toBeVisible();
  expect(eventsOf(id, "token.updated")).toHaveLength(1);
});

test("the token list shows a change made on the token page, not the row it had cached", async ({ adminPage: page }) => {
  const title = unique("Cached row");
  const current = utcDate(12);
  const later = utcDate(50);
  insertToken({ creatorEmail: ADMIN.email, title, expiresOn: current });
  await page.goto("/api-management");
  await page.getByLabel("Search tokens").fill(title);
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row.getByRole("cell", { name: current, exact: true })).toBeVisible();

  // Within the list query's fresh time: without invalidation the cached row would come back.
  await row.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Extend expiration" }).click();
  const dialog = page.getByRole("dialog", { name: "Extend expiration" });
  await dialog.getByRole("textbox", { name: "Expiration date" }).fill(later);
  await dialog.getByRole("button", { name: "Save expiration date" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "API management" }).first().click();
  await page.getByLabel("Search tokens").fill(title);
  await expect(row.getByRole("cell", { name: later, exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: current, exact: true })).toHaveCount(0);
});

test("a refused field is marked and focused; an unreachable sign-in says so", async ({ adminPage: page, browser }) => {
  await page.goto("/users");
  const dialog = await openAddUser(page);
  await fillAddUser(page, { email: ADMIN.email, name: "Second Ada", role: "System Administrator", password: "a long enough password 1" });
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("A user with this email already exists.").first()).toBeVisible();
  await expect(dialog.getByLabel("Email")).toBeFocused();
  await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  const context = await browser.newContext();
  try {
    const login = await context.newPage();
    await login.goto("/login");
    await login.route("**/api/auth/sign-in/email", (route) => route.abort("internetdisconnected"));
    await login.getByLabel("Email").fill(ADMIN.email);
    await login.getByLabel("Password").fill(ADMIN.password);
    const signIn = login.getByRole("button", { name: "Sign in" });
    await signIn.click();
    await expect(toast(login, UNREACHABLE)).toBeVisible();
    await expect(signIn).toBeEnabled();
    await login.unrouteAll({ behavior: "wait" });
    await signIn.click();
    await login.waitForURL(/\/api-management/);
  } finally {
    await context.close();
  }
});
