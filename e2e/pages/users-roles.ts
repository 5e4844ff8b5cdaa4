import { expect, type Page } from "@playwright/test";

// Page objects for /users and /roles, driven by the visible labels.

export interface NewUser {
  email: string;
  name: string;
  role: string;
  password: string;
  deviceGroups?: string[];
}

/** Opens /users filtered to one email, so the row is found however many users exist. */
export async function gotoUser(page: Page, email: string) {
  await page.goto(`/users?q=${encodeURIComponent(email)}`);
}

export function userRow(page: Page, email: string) {
  return page.getByRole("row").filter({ hasText: email });
}

export async function openAddUser(page: Page) {
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await expect(dialog).toBeVisible();
  return dialog;
}

export async function fillAddUser(page: Page, u: NewUser) {
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByLabel("Email").fill(u.email);
  await dialog.getByLabel("Name").fill(u.name);
  await dialog.getByLabel("Role").selectOption({ label: u.role });
  for (const g of u.deviceGroups ?? []) await dialog.getByRole("group", { name: "Device groups" }).getByLabel(g).check();
  await dialog.getByLabel("Initial password").fill(u.password);
}

/** Adds a user through the dialog on /users and waits for their row. */
export async function addUser(page: Page, u: NewUser) {
  await page.goto("/users");
  await openAddUser(page);
  await fillAddUser(page, u);
  await page.getByRole("dialog", { name: "Add user" }).getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("dialog", { name: "Add user" })).toBeHidden();
  await gotoUser(page, u.email);
  await expect(userRow(page, u.email)).toBeVisible();
}

/** Adds a custom role with exactly the given permission checkboxes (by accessible name). */
export async function addRole(page: Page, name: string, permissions: string[]) {
  await page.goto("/roles/new");
  await page.getByLabel("Role name").fill(name);
  for (const p of permissions) await page.getByRole("checkbox", { name: p, exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/roles$/);
  await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
}

/** Confirms a row action that asks first (Delete). */
export async function confirm(page: Page, button: string) {
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: button }).click();
}
