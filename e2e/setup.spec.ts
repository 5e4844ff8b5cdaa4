import { ADMIN, ADMIN_STATE, axeViolations, expect, signIn, signOut, test } from "./fixtures";

// Runs first (the "setup" project): the fresh database has no user yet.
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
  await expect(page).toHaveURL(/\/login$/);
  expect(await axeViolations(page)).toEqual([]);

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "API management" })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
