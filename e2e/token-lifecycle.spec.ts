import { ADMIN, axeViolations, expect, signIn, test, unique } from "./fixtures";
import { addRole, addUser, confirm, gotoUser, userRow } from "./pages/users-roles";
import { captureServerAction, replayServerAction } from "./server-action";
import { eventsOf, insertToken, schedulerRuns, setExpiresOn, utcDate } from "./helpers/token-db";

const PASSWORD = "a long enough password 1";

function oneYearFromToday(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate())).toISOString().slice(0, 10);
}

test("extend, edit allowed IPs, revoke and delete from the token page, each recorded in Event history", async ({ adminPage: page }) => {
  const title = unique("Lifecycle");
  const current = utcDate(10);
  const later = utcDate(40);
  const id = insertToken({ creatorEmail: ADMIN.email, title, expiresOn: current, allowedIps: ["10.0.0.0/24"] });

  await page.goto(`/api-management/${id}`);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText(id)).toBeVisible();
  await expect(details.getByText(`${current} 23:59:59 UTC`)).toBeVisible();
  await expect(details.getByText("Active")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "View Device reports" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "View Device reports" })).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);

  // Extend expiration: refused for a date not after the current one or beyond one year.
  await page.getByRole("button", { name: "Extend expiration" }).click();
  const extend = page.getByRole("dialog", { name: "Extend expiration" });
  await expect(extend).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const date = extend.getByRole("textbox", { name: "Expiration date" });
  await date.fill(current);
  await extend.getByRole("button", { name: "Save expiration date" }).click();
  await expect(extend.getByText(`Pick a date after the current expiration date, ${current}.`)).toBeVisible();
  await date.fill(utcDate(400));
  await extend.getByRole("button", { name: "Save expiration date" }).click();
  await expect(extend.getByText(`A token can last at most one year: pick ${oneYearFromToday()} or earlier.`)).toBeVisible();
  await date.fill(later);
  await extend.getByRole("button", { name: "Save expiration date" }).click();
  await expect(extend).toBeHidden();
  await expect(details.getByText(`${later} 23:59:59 UTC`)).toBeVisible();

  // Edit allowed IPs: add one, remove the old range.
  await page.getByRole("button", { name: "Edit allowed IPs" }).click();
  const ips = page.getByRole("dialog", { name: "Edit allowed IP addresses" });
  await expect(ips).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await ips.getByLabel("Allowed IP addresses").fill("192.0.2.10");
  await ips.getByRole("button", { name: "Add", exact: true }).click();
  await ips.getByRole("button", { name: "Remove 10.0.0.0/24" }).click();
  await ips.getByRole("button", { name: "Save allowed IPs" }).click();
  await expect(ips).toBeHidden();
  const list = page.getByRole("list", { name: "Allowed IP addresses" });
  await expect(list).toHaveText("192.0.2.10");

  // Revoke: a confirmation naming the token, then read-only with only Delete offered.
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  const revoke = page.getByRole("dialog", { name: `Revoke ${title}?` });
  await expect(revoke).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await revoke.getByRole("button", { name: "Revoke token" }).click();
  await expect(revoke).toBeHidden();
  await expect(details.getByText("Revoked")).toBeVisible();
  await expect(page.getByRole("button", { name: "Extend expiration" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit allowed IPs" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Revoke", exact: true })).toHaveCount(0);

  // Delete: back to the list; the page is gone; the events stay.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog", { name: `Delete ${title}?` }).getByRole("button", { name: "Delete token" }).click();
  await page.waitForURL(/\/api-management$/);
  await page.goto(`/api-management/${id}`);
  await expect(page.getByRole("heading", { name: "Token not found" })).toBeVisible();

  await page.goto(`/events?target=${id}`);
  const rows = page.getByRole("table", { name: "Events, newest first" }).getByRole("row");
  await expect(rows).toHaveCount(5); // header + 4 events
  await expect(rows.nth(1)).toContainText("API token deleted");
  await expect(rows.nth(2)).toContainText("API token revoked");
  await expect(rows.nth(3)).toContainText("API token updated");
  await expect(rows.nth(3)).toContainText("IPs added: 192.0.2.10; IPs removed: 10.0.0.0/24");
  await expect(rows.nth(4)).toContainText(`Expiration ${current} → ${later}`);
  await expect(rows.nth(4)).toContainText(ADMIN.email);
  expect(await axeViolations(page)).toEqual([]);
  expect(eventsOf(id).map((e) => e.action)).toEqual(["token.updated", "token.updated", "token.revoked", "token.deleted"]);
});

test("an expired token shows Expired, is read-only, and records one 'API token expired' event", async ({ adminPage: page }) => {
  const title = unique("Expiring");
  const id = insertToken({ creatorEmail: ADMIN.email, title, expiresOn: utcDate(5) });
  await page.goto(`/api-management/${id}`);
  await expect(page.getByRole("button", { name: "Extend expiration" })).toBeVisible();
  // Capture the real extend call while the token is active, to replay it once it has expired.
  await page.getByRole("button", { name: "Extend expiration" }).click();
  const dialog = page.getByRole("dialog", { name: "Extend expiration" });
  await dialog.getByRole("textbox", { name: "Expiration date" }).fill(utcDate(20));
  const extend = await captureServerAction(page, () => dialog.getByRole("button", { name: "Save expiration date" }).click());
  await expect(dialog).toBeHidden();

  setExpiresOn(id, utcDate(-1));
  // The scheduler runs every second in e2e; several more runs still record it only once.
  await expect.poll(() => eventsOf(id, "token.expired").length, { timeout: 15_000 }).toBe(1);
  await schedulerRuns(2, ADMIN.email);
  expect(eventsOf(id, "token.expired")).toHaveLength(1);

  await page.reload();
  await expect(page.getByRole("region", { name: "Details" }).getByText("Expired", { exact: true })).toBeVisible();
  await expect(page.getByText(/This token is Expired\. It is read-only/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Extend expiration" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete", exact: true })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // A direct call of the action for the expired token is refused, and nothing changes.
  const replay = await replayServerAction(page.request, extend, { body: extend.body.replace(utcDate(20), utcDate(30)) });
  expect(replay.result).toMatchObject({ ok: false, status: 409, error: "This token is Expired, so it can't be changed. It can only be deleted." });
  await page.goto(`/events?target=${id}&action=token.expired`);
  const rows = page.getByRole("table", { name: "Events, newest first" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("API token expired");
  await expect(rows.nth(1)).toContainText("Keyward");
});

test("another user's token is not found, on the page and through direct action calls", async ({ adminPage: page, browser }) => {
  const role = unique("Token keeper");
  await addRole(page, role, ["Manage API credentials"]);
  const email = `${unique("kim").replace(/\s/g, "-")}@example.com`;
  await addUser(page, { email, name: unique("Kim"), role, password: PASSWORD });

  const adminToken = insertToken({ creatorEmail: ADMIN.email, title: unique("Admin's"), expiresOn: utcDate(30) });
  const own = insertToken({ creatorEmail: email, title: unique("Kim's"), expiresOn: utcDate(30) });

  const context = await browser.newContext();
  const kim = await context.newPage();
  await signIn(kim, email, PASSWORD);
  expect((await kim.goto(`/api-management/${adminToken}`))?.status()).toBe(404);
  await expect(kim.getByRole("heading", { name: "Token not found" })).toBeVisible();

  // Kim's real calls on her own token, replayed with the administrator's token ID.
  await kim.goto(`/api-management/${own}`);
  await kim.getByRole("button", { name: "Revoke", exact: true }).click();
  const revoke = await captureServerAction(kim, () => kim.getByRole("button", { name: "Revoke token" }).click());
  await expect(kim.getByRole("region", { name: "Details" }).getByText("Revoked")).toBeVisible();
  for (const body of [revoke.body.replace(own, adminToken)]) {
    const r = await replayServerAction(kim.request, revoke, { body });
    expect(r.result).toMatchObject({ ok: false, status: 404, error: "This token doesn't exist or you can't see it." });
  }
  // Replaying revoke on her own, already revoked token is refused too.
  expect((await replayServerAction(kim.request, revoke)).result).toMatchObject({ ok: false, status: 409 });
  await kim.getByRole("button", { name: "Delete", exact: true }).click();
  const del = await captureServerAction(kim, () => kim.getByRole("button", { name: "Delete token" }).click());
  await kim.waitForURL(/\/api-management$/);
  expect((await replayServerAction(kim.request, del, { body: del.body.replace(own, adminToken) })).result).toMatchObject({ ok: false, status: 404 });
  await context.close();

  expect(eventsOf(adminToken)).toEqual([]);
  await page.goto(`/api-management/${adminToken}`);
  await expect(page.getByRole("region", { name: "Details" }).getByText("Active")).toBeVisible();
});

test("suspending the creator shows Suspended; reactivating restores Active", async ({ adminPage: page }) => {
  const role = unique("Suspendable");
  await addRole(page, role, ["Manage API credentials"]);
  const name = unique("Sue");
  const email = `${unique("sue").replace(/\s/g, "-")}@example.com`;
  await addUser(page, { email, name, role, password: PASSWORD });
  const id = insertToken({ creatorEmail: email, title: unique("Sue's"), expiresOn: utcDate(30) });
  const details = page.getByRole("region", { name: "Details" });

  await gotoUser(page, email);
  await userRow(page, email).getByRole("button", { name: /^Suspend / }).click();
  await confirm(page, "Suspend user");
  await expect(userRow(page, email)).toContainText("Suspended");
  await page.goto(`/api-management/${id}`);
  await expect(details.getByText("Suspended", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete", exact: true })).toBeVisible();

  await gotoUser(page, email);
  await userRow(page, email).getByRole("button", { name: /^Reactivate / }).click();
  await expect(userRow(page, email)).toContainText("Active");
  await page.goto(`/api-management/${id}`);
  await expect(details.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke", exact: true })).toBeVisible();
});

test("emptying a token's allowed IPs asks first, then the page and the list say Any IP address", async ({ adminPage: page }) => {
  const title = unique("Open up");
  const id = insertToken({ creatorEmail: ADMIN.email, title, expiresOn: utcDate(30), allowedIps: ["10.0.0.0/24", "192.0.2.7/32"] });
  await page.goto(`/api-management?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("row").filter({ hasText: title }).getByRole("cell", { name: "2 addresses or ranges" })).toBeVisible();

  await page.goto(`/api-management/${id}`);
  await page.getByRole("button", { name: "Edit allowed IPs" }).click();
  const ips = page.getByRole("dialog", { name: "Edit allowed IP addresses" });
  await ips.getByRole("button", { name: "Remove 10.0.0.0/24" }).click();
  await ips.getByRole("button", { name: "Remove 192.0.2.7" }).click();
  await ips.getByRole("button", { name: "Save allowed IPs" }).click();
  const ask = page.getByRole("dialog", { name: "Allow requests from any IP address?" });
  await expect(ask.getByText("This token will accept requests from any IP address.")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Going back saves nothing and leaves the editor open.
  await ask.getByRole("button", { name: "Go back" }).click();
  await expect(ask).toHaveCount(0);
  await expect(ips).toBeVisible();
  expect(eventsOf(id, "token.updated")).toHaveLength(0);

  await ips.getByRole("button", { name: "Save allowed IPs" }).click();
  await ask.getByRole("button", { name: "Allow any IP address" }).click();
  await expect(ips).toBeHidden();
  await expect(page.getByRole("region", { name: "Allowed IP addresses" }).getByText("Any IP address", { exact: true })).toBeVisible();
  await expect.poll(() => eventsOf(id, "token.updated").length).toBe(1);

  await page.goto(`/api-management?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("row").filter({ hasText: title }).getByRole("cell", { name: "Any IP address" })).toBeVisible();
});
