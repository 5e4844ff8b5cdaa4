import fs from "node:fs";
import type { Page } from "@playwright/test";
import { ADMIN_STATE, axeViolations, expect, signIn, test, unique } from "./fixtures";
import { campaignCount, campaignState, insertCampaign, setLastUsed } from "./helpers/campaign-db";
import { insertToken, utcDate } from "./helpers/token-db";
import { createUserWithRole, type TestUser } from "./helpers/token-fixtures";
import { captureServerAction, replayServerAction } from "./server-action";
import { ALL_PERMISSIONS } from "../lib/domain/permissions";

// Rotation campaigns (issue 13): New campaign with its preview and deadline rules, the list, a
// campaign's page (totals, filters, CSV export), Rotate the rest now and Cancel campaign behind
// confirmations, System Administrators only (pages, actions and export), and the owners' help
// page. Every campaign here is scoped to this spec's own owner, so no other spec's tokens are
// enrolled, let alone rotated.

test.use({ storageState: ADMIN_STATE });

let owner: TestUser;
let tokens: { id: string; title: string }[];

test.beforeAll(async () => {
  owner = await createUserWithRole({ name: unique("Cam Owner"), permissions: ["api-credentials.view", "api-credentials.manage"] });
  // A title a spreadsheet would run as a formula, with a comma and quotes: the CSV must keep it text.
  const titles = [unique("Campaign alpha"), unique("Campaign beta"), `=HYPERLINK("http://x.example"), ${unique("gamma")}`];
  tokens = titles.map((title) => ({ id: insertToken({ creatorEmail: owner.email, title, expiresOn: utcDate(200) }), title }));
  setLastUsed(tokens[0].id, 3);
});

/** Scans the page (and the dialog, when one is open) with axe. */
async function expectAxeClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** A minimal RFC 4180 reader for the export: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

function mixedCampaign(name: string, action: "rotate" | "revoke" = "rotate"): number {
  return insertCampaign({
    name,
    action,
    userIds: [owner.id],
    tokens: [
      { tokenId: tokens[0].id, ownerId: owner.id, title: tokens[0].title, state: "pending" },
      { tokenId: tokens[1].id, ownerId: owner.id, title: tokens[1].title, state: "rotated" },
      { tokenId: tokens[2].id, ownerId: owner.id, title: tokens[2].title, state: "pending" },
    ],
  });
}

test("Key rotation lists campaigns, with New campaign, and New campaign refuses deadlines outside tomorrow … 90 days", async ({ page }) => {
  await page.goto("/api-management");
  await page.getByRole("navigation").getByRole("link", { name: "Key rotation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Key rotation" })).toBeVisible();
  await expect(page).toHaveTitle("Key rotation · Keyward");
  // Other specs may have started campaigns by now; a fresh database shows the empty state.
  if (campaignCount() === 0) await expect(page.getByRole("heading", { name: "No rotation campaigns yet" })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New campaign" })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Start campaign" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expect(page.getByText("Enter the reason: the owners read it.")).toBeVisible();
  await expect(page.getByLabel("Name")).toBeFocused();

  const deadline = page.getByLabel("Deadline");
  await deadline.fill(utcDate(0));
  await page.getByRole("button", { name: "Start campaign" }).click();
  await expect(page.getByText(`The deadline must be tomorrow or later (from ${utcDate(1)}, UTC).`)).toBeVisible();
  await expect(deadline).toHaveAttribute("aria-invalid", "true");
  await deadline.fill(utcDate(91));
  await page.getByRole("button", { name: "Start campaign" }).click();
  await expect(page.getByText(`The deadline can be at most 90 days ahead (${utcDate(90)}, UTC).`)).toBeVisible();
  await expect(deadline).toHaveAttribute("min", utcDate(1));
  await expect(deadline).toHaveAttribute("max", utcDate(90));

  // The scope's own rules.
  await page.getByLabel("Tokens whose secret is older than").check();
  await page.getByLabel("Secret older than (days)").fill("0");
  await expect(page.getByText("Complete the scope to see how many tokens it covers.")).toBeVisible();
  await page.getByLabel("Tokens of these users").check();
  await page.getByRole("button", { name: "Start campaign" }).click();
  await expect(page.getByText("Choose at least one user.")).toBeVisible();
  await expectAxeClean(page);
});

test("an administrator starts a campaign for chosen users: the preview counts their tokens, and the campaign page shows them", async ({ page }) => {
  const name = unique("Quarterly renewal");
  await page.goto("/rotations/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Reason").fill("Our provider renews every key this quarter, \"as announced\".");
  await page.getByLabel("Tokens of these users").check();
  const users = page.getByRole("group", { name: "Users whose tokens are in scope" });
  await users.getByLabel("Filter users").fill(owner.email);
  await users.getByLabel(`${owner.name} (${owner.email})`).check();
  await expect(users.getByText("1 user chosen")).toBeVisible();
  // Three live tokens of one owner, one used three days ago.
  await expect(page.getByRole("status").filter({ hasText: "3 tokens, 1 owner, 1 used in the last 30 days" })).toBeVisible();
  await page.getByLabel("Deadline").fill(utcDate(30));
  await page.getByLabel("Revoke").check();
  await page.getByLabel("Rotate automatically").check();
  // The owner creates a token after the preview: Start enrols what is in scope then, and says so.
  insertToken({ creatorEmail: owner.email, title: unique("Campaign late"), expiresOn: utcDate(200) });
  await page.getByRole("button", { name: "Start campaign" }).click();

  await expect(page.getByText("The scope changed since the preview: 4 tokens enrolled.")).toBeVisible();
  await page.waitForURL(/\/rotations\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const totals = page.getByRole("region", { name: "Totals" });
  await expect(totals.getByRole("definition").first()).toHaveText("4");
  const table = page.getByRole("table", { name: "Tokens in this campaign" });
  await expect(table.getByRole("row")).toHaveCount(5);
  await expect(table.getByRole("row", { name: new RegExp(tokens[0].title) })).toContainText("Pending");

  await page.getByRole("link", { name: "Key rotation" }).first().click();
  await expect(page.getByRole("table", { name: "Rotation campaigns, newest first" }).getByRole("link", { name })).toBeVisible();
  // Cancelled so its pending tokens don't linger into other tests.
  await page.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Cancel campaign" }).click();
  await page.getByRole("dialog", { name: "Cancel this campaign?" }).getByRole("button", { name: "Cancel campaign" }).click();
  await expect(page.getByText("Campaign cancelled.")).toBeVisible();
});

test("a campaign's page shows its totals, filters its tokens, and exports them as CSV without secrets", async ({ page }) => {
  const name = unique("Renewal page");
  const id = mixedCampaign(name);
  await page.goto("/rotations");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveTitle("Rotation campaign · Keyward");
  await expect(page.getByText("Our provider renews every key this quarter.")).toBeVisible();
  const totals = page.getByRole("region", { name: "Totals" });
  for (const [label, n] of [["In scope", "3"], ["Rotated", "1"], ["Pending", "2"], ["Rotated automatically", "0"], ["Revoked", "0"]] as const) {
    await expect(totals.getByText(label, { exact: true }).locator("xpath=following-sibling::dd")).toHaveText(n);
  }
  const table = page.getByRole("table", { name: "Tokens in this campaign" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row", { name: new RegExp(tokens[0].title) })).toContainText(owner.email);
  await expectAxeClean(page);

  await page.getByLabel("State").selectOption({ label: "Rotated" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/state=rotated/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("rowheader")).toHaveText(tokens[1].title);

  await page.getByLabel("State").selectOption({ label: "All states" });
  await page.getByLabel("Title or owner email").fill("alpha");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(table.getByRole("rowheader")).toHaveText(tokens[0].title);
  await page.getByLabel("Title or owner email").fill("no such token anywhere");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "No tokens match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Show all tokens" }).click();
  await expect(table.getByRole("row")).toHaveCount(4);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`rotation-campaign-${id}.csv`);
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text).not.toMatch(/kwsk_|secret/i);
  const rows = parseCsv(text);
  expect(rows[0]).toEqual(["token_id", "title", "owner_email", "last_used_at", "state", "acted_at"]);
  expect(rows).toHaveLength(4);
  const formula = rows.find((r) => r[0] === tokens[2].id)!;
  // Kept as text: the leading ' stops a spreadsheet from running it.
  expect(formula.slice(1, 3)).toEqual([`'${tokens[2].title}`, owner.email]);
  expect(formula[4]).toBe("pending");
  const used = rows.find((r) => r[0] === tokens[0].id)!;
  expect(Date.parse(used[3])).toBeGreaterThan(Date.now() - 4 * 86_400_000);
});

test("Cancel campaign and Rotate the rest now each ask first, then act and are gone", async ({ page }) => {
  const cancelled = mixedCampaign(unique("To cancel"));
  await page.goto(`/rotations/${cancelled}`);
  await page.getByRole("button", { name: "Cancel campaign" }).click();
  const cancelDialog = page.getByRole("dialog", { name: "Cancel this campaign?" });
  await expect(cancelDialog).toContainText("nothing is forced");
  await expectAxeClean(page);
  // Keep campaign dismisses it with nothing done.
  await cancelDialog.getByRole("button", { name: "Keep campaign" }).click();
  await expect(cancelDialog).toBeHidden();
  expect(campaignState(cancelled).status).toBe("active");
  await page.getByRole("button", { name: "Cancel campaign" }).click();
  await cancelDialog.getByRole("button", { name: "Cancel campaign" }).click();
  await expect(page.getByText("Campaign cancelled.")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Cancelled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel campaign" })).toHaveCount(0);
  expect(campaignState(cancelled).status).toBe("cancelled");
  expect(campaignState(cancelled).states.sort()).toEqual(["pending", "pending", "rotated"]);

  const forced = mixedCampaign(unique("To force"), "revoke");
  await page.goto(`/rotations/${forced}`);
  await page.getByRole("button", { name: "Rotate the rest now" }).click();
  const forceDialog = page.getByRole("dialog", { name: "Rotate the rest now?" });
  await expect(forceDialog).toContainText("Every token still pending is revoked now");
  await expectAxeClean(page);
  await forceDialog.getByRole("button", { name: "Rotate the rest now" }).click();
  await expect(page.getByText("The deadline action is being applied to the pending tokens.")).toBeVisible();
  await expect.poll(() => campaignState(forced).states.filter((s) => s === "pending").length, { timeout: 30_000 }).toBe(0);
});

test("only System Administrators reach campaigns: pages, export and the actions themselves; the help page is for everyone", async ({ page, browser }) => {
  const id = mixedCampaign(unique("Guarded"));
  // Captured as the administrator and aborted before the server sees them: replayed below as someone else.
  await page.route("**/rotations/**", (route) => (route.request().headers()["next-action"] ? route.abort() : route.continue()));
  const preview = await captureServerAction(page, () => page.goto("/rotations/new"));
  await page.goto(`/rotations/${id}`);
  await page.getByRole("button", { name: "Rotate the rest now" }).click();
  const force = await captureServerAction(page, () => page.getByRole("dialog", { name: "Rotate the rest now?" }).getByRole("button", { name: "Rotate the rest now" }).click());
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Cancel campaign" }).click();
  const cancel = await captureServerAction(page, () => page.getByRole("dialog", { name: "Cancel this campaign?" }).getByRole("button", { name: "Cancel campaign" }).click());

  // Every permission there is, but not the System Administrator role.
  const manager = await createUserWithRole({ name: unique("Mia Manager"), permissions: [...ALL_PERMISSIONS] });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await signIn(other, manager.email, manager.password);
  await expect(other.getByRole("navigation").getByRole("link", { name: "Key rotation" })).toHaveCount(0);
  for (const url of ["/rotations", "/rotations/new", `/rotations/${id}`]) expect((await other.goto(url))?.status(), url).toBe(403);
  expect((await other.request.get(`/rotations/${id}/export`)).status()).toBe(403);
  for (const action of [preview, force, cancel]) {
    const replay = await replayServerAction(other.request, action);
    expect(replay.result).toMatchObject({ ok: false, status: 403 });
  }
  expect(campaignState(id).status).toBe("active");
  expect(campaignState(id).states.sort()).toEqual(["pending", "pending", "rotated"]);

  // Owners read the help page the announcement links to.
  const response = await other.goto("/rotations/help");
  expect(response?.status()).toBe(200);
  await expect(other.getByRole("heading", { level: 1, name: "Rotating your API tokens" })).toBeVisible();
  for (const question of ["Why rotate?", "What if I don't use the API?", "What do I do after an automatic rotation?", "How can I tell whether a token is used?"]) {
    await expect(other.getByRole("heading", { level: 2, name: question })).toBeVisible();
  }
  await expect(other.getByText(/Reveal new secret/)).toBeVisible();
  await expectAxeClean(other);
  await context.close();
});

test("the campaign screens speak Japanese", async ({ browser }) => {
  const name = unique("日本語のキャンペーン");
  const id = mixedCampaign(name);
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: "ja-JP" });
  const page = await context.newPage();
  await page.goto("/rotations");
  await expect(page.getByRole("heading", { level: 1, name: "API 鍵の更新" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "API 鍵の更新" })).toBeVisible();
  await expect(page.getByRole("link", { name: "新しいキャンペーン" })).toBeVisible();

  await page.goto("/rotations/new");
  for (const label of ["名前", "理由", "有効なすべてのトークン", "秘密鍵が次の日数より古いトークン", "次のユーザーのトークン", "更新期限", "自動的に更新", "取り消し"]) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole("group", { name: "対象" })).toBeVisible();
  await expect(page.getByRole("group", { name: "期限時の処理" })).toBeVisible();
  await page.getByLabel("更新期限").fill(utcDate(0));
  await page.getByRole("button", { name: "キャンペーンを開始" }).click();
  await expect(page.getByText("名前を入力してください。")).toBeVisible();
  await expect(page.getByText(`期限は明日以降にしてください（${utcDate(1)} 以降、UTC）。`)).toBeVisible();

  await page.goto(`/rotations/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveTitle("API 鍵の更新キャンペーン · Keyward");
  await expect(page.getByRole("link", { name: "CSV をエクスポート" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "集計" })).toBeVisible();
  await expect(page.getByRole("table", { name: "このキャンペーンのトークン" }).getByRole("columnheader")).toHaveText(["タイトル", "所有者", "最終使用", "状態"]);
  await page.getByRole("button", { name: "キャンペーンを中止" }).click();
  await expect(page.getByRole("dialog", { name: "このキャンペーンを中止しますか?" }).getByRole("button", { name: "キャンペーンを続ける" })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.goto("/rotations/help");
  await expect(page.getByRole("heading", { level: 1, name: "API トークンの更新について" })).toBeVisible();
  await context.close();
});
