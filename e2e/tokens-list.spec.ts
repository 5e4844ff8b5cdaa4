import { ADMIN, ADMIN_STATE, axeViolations, expect, test, unique } from "./fixtures";
import { captureServerAction, replayServerAction } from "./server-action";
import { createAllowingAnyIp, createUserWithRole, openTestDb, recordSecret } from "./helpers/token-fixtures";
import { insertToken, utcDate } from "./helpers/token-db";

const MANAGER = ["api-credentials.view", "api-credentials.manage", "device-reports.view"];

test("a new user sees the empty state with a Create token call to action", async ({ pageAs }) => {
  const user = await createUserWithRole({ name: "Eve Empty", permissions: MANAGER });
  const page = await pageAs(user);
  await page.goto("/api-management");
  await expect(page.getByRole("heading", { name: "No API tokens yet" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const main = page.getByRole("main");
  await main.getByRole("link", { name: "Create token" }).last().click();
  await expect(page).toHaveURL(/\/api-management\/new$/);
});

test("a viewer without manage sees no Create token button", async ({ pageAs }) => {
  const user = await createUserWithRole({ name: "Val Viewer", permissions: ["api-credentials.view"] });
  const page = await pageAs(user);
  await page.goto("/api-management");
  await expect(page.getByRole("heading", { name: "No API tokens yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create token" })).toHaveCount(0);
});

test("search, status filter, pages of 25, owner scoping and refresh without reload", async ({ browser, pageAs }) => {
  // 27 tokens created through the action and four browser contexts: past the default minute on a busy machine.
  test.setTimeout(120_000);
  const owner = await createUserWithRole({ name: "Olive Owner", permissions: MANAGER });
  const page = await pageAs(owner);

  // The first token goes through the form, and the list refreshes without a full page load.
  await page.goto("/api-management");
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await page.getByRole("link", { name: "Create token" }).first().click();
  await page.getByLabel("Title").fill("Bulk 00");
  const action = await captureServerAction(page, () => createAllowingAnyIp(page));
  const dialog = page.getByRole("dialog", { name: "API token created" });
  recordSecret(await dialog.getByLabel("Secret key").inputValue());
  await dialog.getByRole("button", { name: "Download token" }).click();
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByRole("row").filter({ hasText: "Bulk 00" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // 26 more through the action itself (each with its own idempotency key).
  const [base] = JSON.parse(action.body) as [Record<string, unknown>, string];
  for (let i = 1; i <= 26; i++) {
    const r = await replayServerAction(page.request, action, { body: JSON.stringify([{ ...base, title: `Bulk ${String(i).padStart(2, "0")}` }, crypto.randomUUID()]) });
    const result = r.result as { ok: boolean; data: { secret: string; tokenId: string } };
    expect(result.ok).toBe(true);
    recordSecret(result.data.secret);
  }

  await page.reload();
  await expect(page.getByText("27 tokens · Page 1 of 2")).toBeVisible();
  expect(await page.getByRole("row").count()).toBe(26);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("27 tokens · Page 2 of 2")).toBeVisible();
  expect(await page.getByRole("row").count()).toBe(3);
  await expect(page.getByRole("row").filter({ hasText: "Bulk 00" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();

  // Search by title (case-insensitive) and by token ID.
  await page.getByLabel("Search tokens").fill("bulk 07");
  await expect(page.getByText("1 token · Page 1 of 1")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Bulk 07" });
  const tokenId = (await row.locator("code").textContent())!;
  await page.getByLabel("Search tokens").fill(tokenId.slice(0, 18));
  await expect(page.getByRole("row").filter({ hasText: "Bulk 07" })).toBeVisible();
  await expect(page.getByText("1 token · Page 1 of 1")).toBeVisible();

  // Copy token ID from the list.
  await page.getByRole("row").filter({ hasText: "Bulk 07" }).getByRole("button", { name: "Copy token ID" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tokenId);

  // Status: revoke one and expire another behind the scenes, then filter.
  const db = openTestDb();
  try {
    db.prepare("update api_tokens set revoked_at = ? where title = 'Bulk 03' and creator_id = ?").run(Date.now(), owner.id);
    db.prepare("update api_tokens set expires_on = '2020-01-01' where title = 'Bulk 04' and creator_id = ?").run(owner.id);
  } finally {
    db.close();
  }
  await page.getByLabel("Search tokens").fill("");
  await page.getByLabel("Status").selectOption({ label: "Revoked" });
  await expect(page.getByText("1 token · Page 1 of 1")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Bulk 03" }).getByRole("cell", { name: "Revoked" })).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Expired" });
  await expect(page.getByRole("row").filter({ hasText: "Bulk 04" }).getByRole("cell", { name: "Expired" })).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Active" });
  await expect(page.getByText("25 tokens · Page 1 of 1")).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Suspended" });
  await expect(page.getByRole("heading", { name: "No tokens match" })).toBeVisible();
  await page.getByRole("button", { name: "Clear search and filter" }).click();
  await expect(page.getByText("27 tokens · Page 1 of 2")).toBeVisible();

  // The owner doesn't see the administrator's tokens; the administrator sees the owner's.
  await expect(page.getByRole("cell", { name: ADMIN.name, exact: true })).toHaveCount(0);
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminContext.newPage();
  await admin.goto("/api-management");
  await admin.getByLabel("Search tokens").fill("Bulk 07");
  await expect(admin.getByRole("row").filter({ hasText: "Bulk 07" }).getByRole("cell", { name: owner.name })).toBeVisible();
  await adminContext.close();

  // A suspended creator's tokens show as Suspended (to the administrator, since the creator can't sign in).
  const db2 = openTestDb();
  try {
    db2.prepare("update user set status = 'suspended' where id = ?").run(owner.id);
  } finally {
    db2.close();
  }
  const adminContext2 = await browser.newContext({ storageState: ADMIN_STATE });
  const admin2 = await adminContext2.newPage();
  await admin2.goto("/api-management");
  await admin2.getByLabel("Search tokens").fill("Bulk 08");
  await expect(admin2.getByRole("row").filter({ hasText: "Bulk 08" }).getByRole("cell", { name: "Suspended" })).toBeVisible();
  await adminContext2.close();
});

test("a failed refresh says so", async ({ adminPage: page }) => {
  await page.goto("/api-management");
  await expect(page.getByRole("heading", { name: "API management" })).toBeVisible();
  // The list's server action posts to the page's URL, which carries the search (?q=…).
  const listUrl = /\/api-management(\?.*)?$/;
  await page.route(listUrl, (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  await page.getByLabel("Search tokens").fill(unique("nothing"));
  await expect(page.getByRole("alert").filter({ hasText: /couldn’t be (loaded|refreshed)/ })).toBeVisible({ timeout: 15_000 });
  await page.unroute(listUrl);
  await page.getByLabel("Search tokens").fill("");
});

test("search, filter, sort and page live in the URL: shared, reloaded and walked with Back/Forward", async ({ pageAs }) => {
  const owner = await createUserWithRole({ name: "Uri Url", permissions: MANAGER });
  // 26 tokens expiring far ahead (two pages), and three more: soon, on day 14, and on day 15.
  for (let i = 0; i < 26; i++) insertToken({ creatorEmail: owner.email, title: `Distant ${String(i).padStart(2, "0")}`, expiresOn: utcDate(200 + i) });
  insertToken({ creatorEmail: owner.email, title: "Soon 3", expiresOn: utcDate(3) });
  insertToken({ creatorEmail: owner.email, title: "Soon 14", expiresOn: utcDate(14) });
  insertToken({ creatorEmail: owner.email, title: "Not soon 15", expiresOn: utcDate(15) });
  const page = await pageAs(owner);

  await page.goto("/api-management");
  await expect(page.getByText("29 tokens · Page 1 of 2")).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Expiring soon (next 14 days)" });
  await expect(page).toHaveURL(/\?status=expiring-soon$/);
  await expect(page.getByText("2 tokens · Page 1 of 1")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Soon 3" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Soon 14" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Not soon 15" })).toHaveCount(0);

  // Sort by expiry with the keyboard: the labelled control, arrow keys.
  await page.getByLabel("Status").selectOption({ label: "All statuses" });
  await page.getByLabel("Sort by").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Sort by")).toHaveValue("expiry-asc");
  await expect(page).toHaveURL(/\?sort=expiry-asc$/);
  await expect(page.getByRole("row").nth(1)).toContainText("Soon 3");
  await page.getByLabel("Sort by").selectOption({ label: "Expiry date, latest first" });
  await expect(page.getByRole("row").nth(1)).toContainText("Distant 25");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\?sort=expiry-desc&page=2$/);
  await expect(page.getByText("29 tokens · Page 2 of 2")).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toContainText("Distant 00");

  // Reloading the URL shows the same view, rendered by the server.
  await page.reload();
  await expect(page.getByLabel("Sort by")).toHaveValue("expiry-desc");
  await expect(page.getByText("29 tokens · Page 2 of 2")).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toContainText("Distant 00");
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain("Distant 00");
  expect(html).not.toContain("Distant 25");

  // Back and Forward walk the views: page 2 → page 1 → latest first … and back again.
  await page.goBack();
  await expect(page).toHaveURL(/\?sort=expiry-desc$/);
  await expect(page.getByText("29 tokens · Page 1 of 2")).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel("Sort by")).toHaveValue("expiry-asc");
  await expect(page.getByRole("row").nth(1)).toContainText("Soon 3");
  await page.goForward();
  await expect(page.getByLabel("Sort by")).toHaveValue("expiry-desc");
  await expect(page.getByRole("row").nth(1)).toContainText("Distant 25");

  // A search is in the URL too; a shared link opens on it, with the search box filled.
  await page.getByLabel("Search tokens").fill("soon 1");
  await expect(page).toHaveURL(/q=soon\+1/);
  await expect(page.getByText("2 tokens · Page 1 of 1")).toBeVisible();
  await page.goto("/api-management?q=distant%2007&status=active");
  await expect(page.getByLabel("Search tokens")).toHaveValue("distant 07");
  await expect(page.getByLabel("Status")).toHaveValue("active");
  await expect(page.getByText("1 token · Page 1 of 1")).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel("Search tokens")).toHaveValue("soon 1");
  expect(await axeViolations(page)).toEqual([]);

  // Values it doesn't know fall back to the plain list, without an error.
  await page.goto("/api-management?status=deleted&sort=title&page=-3&q=");
  await expect(page.getByText("29 tokens · Page 1 of 2")).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(page.getByLabel("Sort by")).toHaveValue("created");
  await expect(page.getByRole("alert").filter({ hasText: /couldn’t|error/i })).toHaveCount(0);
});

test("viewing the list requests no other page, neither a row's nor the navigation's; pointing at a link fetches that one only", async ({ pageAs }) => {
  const user = await createUserWithRole({ name: "Pia Prefetch", permissions: MANAGER });
  const titles = [unique("Prefetch A"), unique("Prefetch B"), unique("Prefetch C")];
  const ids = titles.map((title) => insertToken({ creatorEmail: user.email, title, expiresOn: utcDate(30) }));
  const page = await pageAs(user);
  // A prefetch is the list page's fetch of another page's RSC payload (?_rsc=…). Only the list's
  // own requests count: signing in ends with a client navigation from the start page that may
  // still be in flight.
  const prefetched: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    const referer = r.headers().referer;
    if (url.searchParams.has("_rsc") && referer && new URL(referer).pathname === "/api-management") prefetched.push(url.pathname);
  });
  await page.goto("/api-management");
  await expect(page.getByRole("link", { name: titles[2] })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetched).toEqual([]);
  await page.getByRole("link", { name: titles[0] }).hover();
  await expect.poll(() => prefetched).toContain(`/api-management/${ids[0]}`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).focus();
  await expect.poll(() => prefetched).toContain("/docs/api");
  expect(prefetched.every((p) => p === `/api-management/${ids[0]}` || p === "/docs/api")).toBe(true);
});
