import { ADMIN, ADMIN_STATE, expect, test, unique } from "./fixtures";
import { confirmAnyIp, createWithDefaults, recordSecret } from "./helpers/token-fixtures";
import { addRole, addUser, fillAddUser, gotoUser, openAddUser, userRow } from "./pages/users-roles";

// Issue 12: the safety nets and clear messages a careful administrator relies on.

const PASSWORD = "a long enough password 1";

test("Back, reload or closing the tab while a secret is unsaved asks first", async ({ adminPage: page }) => {
  await createWithDefaults(page, unique("Guarded"));
  const dialog = page.getByRole("dialog", { name: "API token created" });
  await expect(dialog).toBeVisible();
  const secret = await dialog.getByLabel("Secret key").inputValue();
  recordSecret(secret);
  const confirm = page.getByRole("dialog", { name: "Close without saving the secret?" });

  // The browser's Back gets the same question as Close; Go back keeps the secret on screen.
  await page.goBack();
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Go back" }).click();
  await expect(dialog.getByLabel("Secret key")).toHaveValue(secret);
  await expect(page).toHaveURL(/\/api-management\/new$/);

  // Closing the tab (or reloading) asks the browser's own question; staying keeps the dialog.
  const asked: string[] = [];
  page.on("dialog", (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(["beforeunload"]);
  expect(page.isClosed()).toBe(false);
  await expect(dialog.getByLabel("Secret key")).toHaveValue(secret);

  // A second Back, answered "Close anyway", really closes.
  await page.goBack();
  await confirm.getByRole("button", { name: "Close anyway" }).click();
  await expect(page).toHaveURL(/\/api-management$/);
  await expect(dialog).toBeHidden();
});

test("once the secret is downloaded, leaving asks nothing and Back just closes the dialog", async ({ adminPage: page }) => {
  await createWithDefaults(page, unique("Saved"));
  const dialog = page.getByRole("dialog", { name: "API token created" });
  recordSecret(await dialog.getByLabel("Secret key").inputValue());
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download token" }).click();
  await download;
  await page.goBack();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).toHaveURL(/\/api-management$/);
});

test("Suspend asks first, naming the user and saying their tokens stop working", async ({ adminPage: page, browser }) => {
  const email = `${unique("suki").replace(/\s/g, "-")}@example.com`;
  const name = unique("Suki");
  await addUser(page, { email, name, role: "System Administrator", password: PASSWORD });

  // The same question exists in Japanese.
  const ja = await browser.newPage({ storageState: ADMIN_STATE, locale: "ja-JP" });
  await gotoUser(ja, email);
  await userRow(ja, email).getByRole("button", { name: `${name} を停止` }).click();
  const askJa = ja.getByRole("dialog", { name: `${name} を停止しますか？` });
  await expect(askJa).toContainText("API トークンも、再開するまで使えなくなります");
  await askJa.getByRole("button", { name: "キャンセル" }).click();
  await ja.context().close();

  await gotoUser(page, email);

  await userRow(page, email).getByRole("button", { name: `Suspend ${name}` }).click();
  const ask = page.getByRole("dialog", { name: `Suspend ${name}?` });
  await expect(ask).toContainText("every API token they created stops working");
  // Cancel leaves the user active.
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(ask).toBeHidden();
  await expect(userRow(page, email)).toContainText("Active");

  await userRow(page, email).getByRole("button", { name: `Suspend ${name}` }).click();
  await ask.getByRole("button", { name: "Suspend user" }).click();
  await expect(page.getByText(`${name} was suspended and signed out.`)).toBeVisible();
  await expect(userRow(page, email)).toContainText("Suspended");
});

test("a refused form shows each message once and focuses the first invalid field, in view", async ({ adminPage: page }) => {
  // A duplicate email: the message sits under Email only, and Email has focus.
  await page.goto("/users");
  const dialog = await openAddUser(page);
  await fillAddUser(page, { email: ADMIN.email, name: "Second Ada", role: "System Administrator", password: PASSWORD });
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByLabel("Email")).toBeFocused();
  await expect(dialog.getByText("A user with this email already exists.")).toHaveCount(1);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // A duplicate role name: once, under Role name.
  const role = unique("Once only");
  await addRole(page, role, ["View Device reports"]);
  await page.goto("/roles/new");
  await page.getByLabel("Role name").fill(role);
  await page.getByRole("checkbox", { name: "View Device reports" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Role name")).toBeFocused();
  await expect(page.getByText(`A role named “${role}” already exists. Choose another name.`)).toHaveCount(1);

  // A duplicate token title, submitted from the bottom of the long form: Title is focused and on screen.
  const title = unique("Twice");
  await createWithDefaults(page, title);
  const reveal = page.getByRole("dialog", { name: "API token created" });
  recordSecret(await reveal.getByLabel("Secret key").inputValue());
  const download = page.waitForEvent("download");
  await reveal.getByRole("button", { name: "Download token" }).click();
  await download;
  await reveal.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page).toHaveURL(/\/api-management$/);

  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto("/api-management/new");
  await page.getByLabel("Title").fill(title);
  const create = page.getByRole("button", { name: "Create", exact: true });
  await create.scrollIntoViewIfNeeded();
  await expect(page.getByLabel("Title")).not.toBeInViewport();
  await create.click();
  await confirmAnyIp(page);
  await expect(page.getByText("You already have a live token with this title. Choose another title.")).toHaveCount(1);
  await expect(page.getByLabel("Title")).toBeFocused();
  await expect(page.getByLabel("Title")).toBeInViewport();
});

test("a copy toast says what was copied and leaves the page header clear", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE, permissions: ["clipboard-read", "clipboard-write"], viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await createWithDefaults(page, unique("Copied"));
  const dialog = page.getByRole("dialog", { name: "API token created" });
  recordSecret(await dialog.getByLabel("Secret key").inputValue());
  await dialog.getByRole("button", { name: "Copy secret key" }).click();
  const toast = page.getByText("Secret key copied");
  await expect(toast).toBeVisible();
  await dialog.getByRole("button", { name: "Copy token ID" }).click();
  await expect(page.getByText("Token ID copied")).toBeVisible();

  // The dialog hides the rest of the page from the accessibility tree, so the header is found by its element.
  const header = await page.locator("header").first().boundingBox();
  const box = await toast.boundingBox();
  expect(header && box).toBeTruthy();
  expect(box!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
  await context.close();
});
