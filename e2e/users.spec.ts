import Database from "better-sqlite3";
import path from "node:path";
import { ADMIN, TMP, axeViolations, expect, signIn, test, unique } from "./fixtures";
import { addUser, confirm, fillAddUser, gotoUser, openAddUser, userRow } from "./pages/users-roles";

const PASSWORD = "a long enough password 1";

/** Reads the main server's event log directly (read-only), to check what a change recorded. */
function eventsFor(targetLabel: string) {
  const db = new Database(path.join(TMP, "main.db"), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("select action, actor_label as actor, source_ip as ip, details from events where target_label = ? order by id")
      .all(targetLabel) as { action: string; actor: string; ip: string | null; details: string | null }[];
  } finally {
    db.close();
  }
}

test("Add user: field-level errors, duplicate email, then the new user is listed with role and groups", async ({ adminPage: page }) => {
  await gotoUser(page, ADMIN.email);
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expect(userRow(page, ADMIN.email)).toContainText("System Administrator");
  expect(await axeViolations(page)).toEqual([]);

  const dialog = await openAddUser(page);
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();
  await expect(dialog.getByText("Choose a role.")).toBeVisible();
  await expect(dialog.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  const email = `${unique("grace").replace(/\s/g, "-")}@example.com`;
  const name = unique("Grace Hopper");
  await fillAddUser(page, { email, name, role: "System Administrator", password: PASSWORD, deviceGroups: ["Kiosks", "Contractors"] });
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${name} was added.`)).toBeVisible();
  await gotoUser(page, email);
  const row = userRow(page, email);
  await expect(row).toContainText(name);
  await expect(row).toContainText("System Administrator");
  await expect(row).toContainText("Contractors, Kiosks");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");

  // The same email again (in another case): a clear field message, and the form keeps its input.
  await openAddUser(page);
  await fillAddUser(page, { email: email.toUpperCase(), name: "Someone Else", role: "System Administrator", password: PASSWORD });
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("A user with this email already exists.").first()).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveValue("Someone Else");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The event names the actor, the role and the groups, and never the password.
  const created = eventsFor(email).find((e) => e.action === "user.created");
  expect(created?.actor).toBe(ADMIN.email);
  expect(created?.ip).toBeTruthy();
  expect(JSON.parse(created!.details!)).toMatchObject({ role: "System Administrator", deviceGroups: ["Contractors", "Kiosks"] });
  expect(JSON.stringify(eventsFor(email))).not.toContain(PASSWORD);
});

test("your own row offers no action that would be refused", async ({ adminPage: page }) => {
  await gotoUser(page, ADMIN.email);
  const row = userRow(page, ADMIN.email);
  await expect(row).toContainText("Your own account: another administrator can change it.");
  await expect(row.getByRole("button")).toHaveCount(0);
  await expect(row).toContainText("Active");
});

test("suspending a signed-in user ends their session and blocks sign-in; reactivating lets them back", async ({ adminPage: page, browser }) => {
  const email = `${unique("sam").replace(/\s/g, "-")}@example.com`;
  const name = unique("Sam Suspended");
  await addUser(page, { email, name, role: "System Administrator", password: PASSWORD });

  const other = await browser.newContext();
  const sam = await other.newPage();
  await signIn(sam, email, PASSWORD);
  await sam.goto("/users");
  await expect(sam.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expect(userRow(page, email)).toBeVisible();
  await page.reload();
  await expect(userRow(page, email)).not.toContainText("Never");

  await userRow(page, email).getByRole("button", { name: /^Suspend / }).click();
  await confirm(page, "Suspend user");
  await expect(page.getByText(`${name} was suspended and signed out.`)).toBeVisible();
  await expect(userRow(page, email)).toContainText("Suspended");

  // Their very next navigation finds no session, and their password no longer opens one.
  await sam.goto("/roles");
  await expect(sam).toHaveURL(/\/login(\?next=[^&]*)?$/);
  await sam.getByLabel("Email").fill(email);
  await sam.getByLabel("Password").fill(PASSWORD);
  await sam.getByRole("button", { name: "Sign in" }).click();
  // The same answer as a wrong password: anything else would confirm that the password is right.
  await expect(sam.getByRole("alert").filter({ hasText: "The email or password is incorrect." })).toBeVisible();
  await expect(sam.getByRole("alert").filter({ hasText: "suspended" })).toHaveCount(0);
  await expect(sam).toHaveURL(/\/login(\?next=[^&]*)?$/);

  await userRow(page, email).getByRole("button", { name: /^Reactivate / }).click();
  await expect(userRow(page, email)).toContainText("Active");
  await signIn(sam, email, PASSWORD);
  await expect(sam.getByRole("button", { name: `User menu for ${name}` })).toBeVisible();
  await other.close();

  const actions = eventsFor(email).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(["user.created", "user.signed_in", "user.suspended", "user.reactivated"]));
  const suspended = eventsFor(email).find((e) => e.action === "user.suspended");
  expect(JSON.parse(suspended!.details!)).toEqual({ sessionsEnded: 1 });
});

test("change a user's role, then delete them after confirming", async ({ adminPage: page }) => {
  const email = `${unique("dora").replace(/\s/g, "-")}@example.com`;
  const name = unique("Dora Deleted");
  await addUser(page, { email, name, role: "System Administrator", password: PASSWORD, deviceGroups: ["Headquarters"] });

  // A role to move her to.
  const roleName = unique("Auditors");
  await page.goto("/roles/new");
  await page.getByLabel("Role name").fill(roleName);
  await page.getByRole("checkbox", { name: "View Event history" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/roles$/);

  await gotoUser(page, email);
  await userRow(page, email).getByRole("button", { name: /^Change role / }).click();
  const dialog = page.getByRole("dialog", { name: `Change role for ${name}` });
  await dialog.getByLabel("Role").selectOption({ label: roleName });
  await dialog.getByRole("button", { name: "Save role" }).click();
  await expect(dialog).toBeHidden();
  await expect(userRow(page, email)).toContainText(roleName);
  const updated = eventsFor(email).find((e) => e.action === "user.updated");
  expect(JSON.parse(updated!.details!)).toEqual({ oldRole: "System Administrator", newRole: roleName });

  await userRow(page, email).getByRole("button", { name: /^Delete / }).click();
  const confirmDialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(confirmDialog).toContainText("every API token they created is deleted");
  // Cancelling changes nothing.
  await confirmDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(userRow(page, email)).toBeVisible();
  await userRow(page, email).getByRole("button", { name: /^Delete / }).click();
  await confirm(page, "Delete user");
  await expect(page.getByText(`${name} was deleted.`)).toBeVisible();
  await expect(userRow(page, email)).toHaveCount(0);
  expect(eventsFor(email).map((e) => e.action)).toContain("user.deleted");
});
