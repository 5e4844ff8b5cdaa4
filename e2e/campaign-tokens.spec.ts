import { formatCalendarDate } from "@/lib/i18n/format";
import { LOCALE_COOKIE } from "../lib/domain/locale";
import { ADMIN, axeViolations, expect, signIn, test, unique } from "./fixtures";
import { createUserWithRole, openTestDb, recordSecret, type TestUser } from "./helpers/token-fixtures";
import { createGenerated, signedCall } from "./helpers/signed-tokens";
import { eventsOf, insertToken, utcDate } from "./helpers/token-db";
import { insertCampaign } from "./helpers/campaign-db";
import { captureServerAction, replayServerAction } from "./server-action";

// Rotation campaigns, the token side (issue 13): what an owner sees of a campaign waiting for
// their tokens (the list's tag, the token page's line, the banner), Keyward-Rotate-By on the API,
// and Reveal new secret after an automatic rotation. The campaign rows are written straight
// into the e2e database, as the campaign service would leave them.

const OWNER_PERMISSIONS = ["api-credentials.view", "api-credentials.manage", "device-groups.view"];

/** A campaign with `tokenId` enrolled in the given state (and, after an automatic rotation, its current version to reveal). */
function enroll(o: { tokenId: string; deadlineOn: string; state: "pending" | "rotated_auto"; revealCurrentVersion?: boolean; status?: "active" | "completed" }) {
  const db = openTestDb();
  const token = db.prepare("select creator_id as ownerId, title, credential_version as version from api_tokens where id = ?").get(o.tokenId) as { ownerId: string; title: string; version: number };
  db.close();
  insertCampaign({
    name: unique("Campaign"),
    reason: "Provider key renewal",
    status: o.status,
    deadlineOn: o.deadlineOn,
    userIds: [token.ownerId],
    tokens: [{ tokenId: o.tokenId, ownerId: token.ownerId, title: token.title, state: o.state, revealVersion: o.revealCurrentVersion ? token.version : undefined }],
  });
}

async function owner(): Promise<TestUser> {
  return createUserWithRole({ name: unique("Token owner"), permissions: OWNER_PERMISSIONS });
}

test("a pending token: Rotation due by in the list and on its page, the owner's banner, Keyward-Rotate-By on the API", async ({ pageAs, adminPage, baseURL }) => {
  const user = await owner();
  const page = await pageAs(user);
  const title = unique("Pending exporter");
  const { id, secret } = await createGenerated(page, title);
  const banner = page.getByRole("region", { name: "Key rotation" });
  await page.goto("/api-management");
  await expect(banner).toBeHidden();
  expect(await signedCall(baseURL!, id, secret)).toMatchObject({ status: 200, rotateBy: null });

  const later = utcDate(40);
  const deadline = utcDate(20);
  enroll({ tokenId: id, deadlineOn: later, state: "pending" });
  enroll({ tokenId: id, deadlineOn: deadline, state: "pending" });

  // The list: the earliest deadline next to the status.
  await page.goto("/api-management");
  const row = page.getByRole("row", { name: new RegExp(title) });
  await expect(row.getByText(`Rotation due by ${formatCalendarDate(deadline, "en")}`)).toBeVisible();
  // The banner, on every console page: one token (enrolled twice), the earliest deadline.
  await expect(banner).toContainText(`1 of your API tokens must be rotated by ${formatCalendarDate(deadline, "en")}.`);
  await expect(banner.getByRole("link", { name: "Your API tokens" })).toHaveAttribute("href", "/api-management");
  await expect(banner.getByRole("link", { name: "About key rotation" })).toHaveAttribute("href", "/rotations/help");

  // The token page: the line with the date and the help link.
  await page.goto(`/api-management/${id}`);
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText(`Rotate this token by ${formatCalendarDate(deadline, "en")}: an administrator's key rotation requires it.`)).toBeVisible();
  await expect(details.getByRole("link", { name: "About key rotation" })).toHaveAttribute("href", "/rotations/help");
  await expect(page.getByRole("button", { name: "Reveal new secret" })).toBeHidden();
  await expect(banner).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The API: the deadline in RFC 3339 (the campaign ends at 23:59:59 UTC).
  await expect.poll(async () => (await signedCall(baseURL!, id, secret)).rotateBy).toBe(`${deadline}T23:59:59Z`);

  // Someone else sees no banner for it.
  await adminPage.goto("/api-management");
  await expect(adminPage.getByRole("region", { name: "Key rotation" })).toBeHidden();
});

test("Reveal new secret after an automatic rotation: password first (a wrong one refused), once only, the creator's alone", async ({ pageAs, adminPage, baseURL }) => {
  const user = await owner();
  const page = await pageAs(user);
  const title = unique("Auto-rotated exporter");
  const { id, secret } = await createGenerated(page, title);
  // After the campaign's automatic rotation the current secret is the one to reveal: here the
  // version the token has now (the e2e cannot encrypt a new one under the server's key).
  enroll({ tokenId: id, deadlineOn: utcDate(-1), state: "rotated_auto", revealCurrentVersion: true, status: "completed" });

  await page.goto(`/api-management/${id}`);
  await expect(page.getByRole("note").filter({ hasText: "rotated this token's secret automatically" })).toBeVisible();
  await page.getByRole("button", { name: "Reveal new secret" }).click();
  const dialog = page.getByRole("dialog", { name: `Reveal the new secret of ${title}` });
  await expect(dialog.getByText("Enter your console password. The new secret key is shown once only.")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // An empty password is the form's to refuse; a wrong one the server's, revealing nothing.
  await dialog.getByRole("button", { name: "Reveal" }).click();
  await expect(dialog.getByText("Enter your password.")).toBeVisible();
  await dialog.getByLabel("Your password").fill("not my password at all");
  const action = await captureServerAction(page, () => dialog.getByRole("button", { name: "Reveal" }).click());
  await expect(dialog.getByRole("alert")).toHaveText("The password is not correct. Nothing was revealed.");
  await expect(page.getByRole("dialog", { name: "New secret key" })).toBeHidden();
  expect(eventsOf(id, "token.secret_revealed")).toEqual([]);

  // Another user, and a System Administrator who is not the creator, are refused by the action itself.
  const withRightPassword = (u: { password: string }) => ({ body: action.body.replace("not my password at all", u.password) });
  const otherUser = await createUserWithRole({ name: unique("Other owner"), permissions: OWNER_PERMISSIONS });
  const otherPage = await pageAs(otherUser);
  expect((await replayServerAction(otherPage.request, action, withRightPassword(otherUser))).result).toMatchObject({ ok: false, status: 404 });
  expect((await replayServerAction(adminPage.request, action, withRightPassword(ADMIN))).result).toMatchObject({
    ok: false,
    status: 403,
    error: "Only the token's creator can reveal its new secret.",
  });

  // The right password: the creation's one-time reveal dialog.
  await dialog.getByLabel("Your password").fill(user.password);
  await dialog.getByRole("button", { name: "Reveal" }).click();
  const reveal = page.getByRole("dialog", { name: "New secret key" });
  await expect(reveal).toBeVisible();
  await expect(reveal.getByLabel("Token ID")).toHaveValue(id);
  await expect(reveal.getByRole("button", { name: "Download token" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const revealed = await reveal.getByLabel("Secret key").inputValue();
  expect(revealed).toBe(secret);
  await reveal.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByRole("button", { name: "Close anyway" }).click();
  await expect(reveal).toBeHidden();

  // The revealed secret signs; the event names the reveal, never the secret.
  expect((await signedCall(baseURL!, id, revealed)).status).toBe(200);
  const events = eventsOf(id, "token.secret_revealed");
  expect(events).toHaveLength(1);
  expect(events[0].details ?? "").not.toContain(revealed);

  // Once only: the button is gone, and a direct call is refused.
  await page.reload();
  await expect(page.getByRole("button", { name: "Reveal new secret" })).toBeHidden();
  expect((await replayServerAction(page.request, action, withRightPassword(user))).result).toMatchObject({ ok: false, status: 409 });
});

test("the campaign's token side in Japanese", async ({ page, baseURL }) => {
  const user = await owner();
  const db = openTestDb();
  try {
    db.prepare("update user set language = 'ja' where id = ?").run(user.id);
  } finally {
    db.close();
  }
  const pendingTitle = unique("更新待ちトークン");
  const pending = insertToken({ creatorEmail: user.email, title: pendingTitle, expiresOn: utcDate(60) });
  const rotated = insertToken({ creatorEmail: user.email, title: unique("自動更新済み"), expiresOn: utcDate(60) });
  const deadline = utcDate(15);
  enroll({ tokenId: pending, deadlineOn: deadline, state: "pending" });
  enroll({ tokenId: rotated, deadlineOn: utcDate(-1), state: "rotated_auto", revealCurrentVersion: true, status: "completed" });
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL }]);
  await signIn(page, user.email, user.password);

  const date = formatCalendarDate(deadline, "ja");
  await page.goto("/api-management");
  const banner = page.getByRole("region", { name: "API 鍵の更新" });
  await expect(banner).toContainText(`お使いの API トークンのうち 1 件を ${date} までに更新する必要があります。`);
  await expect(banner.getByRole("link", { name: "API 鍵の更新について" })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(pendingTitle) }).getByText(`${date} までに更新が必要`)).toBeVisible();

  await page.goto(`/api-management/${pending}`);
  const details = page.getByRole("region", { name: "詳細" });
  await expect(details.getByText("更新期限")).toBeVisible();
  await expect(details.getByText(`${date} までにこのトークンを更新してください。`, { exact: false })).toBeVisible();

  await page.goto(`/api-management/${rotated}`);
  await page.getByRole("button", { name: "新しい秘密鍵を表示" }).click();
  const dialog = page.getByRole("dialog", { name: /の新しい秘密鍵を表示$/ });
  await expect(dialog.getByLabel("パスワード")).toBeVisible();
  await dialog.getByLabel("パスワード").fill("違うパスワードです");
  await dialog.getByRole("button", { name: "表示", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText("パスワードが正しくありません。秘密鍵は表示されていません。");
});

test("the whole campaign: started in the form, the owner told, Rotate the rest now rotates the token, the owner reveals the new secret", async ({ pageAs, adminPage, baseURL }) => {
  const user = await owner();
  const page = await pageAs(user);
  const title = unique("Campaign exporter");
  const { id, secret } = await createGenerated(page, title);
  expect((await signedCall(baseURL!, id, secret)).status).toBe(200);

  // The administrator starts a campaign over this owner's tokens.
  const name = unique("Provider renewal");
  const deadline = utcDate(30);
  await adminPage.goto("/rotations/new");
  await adminPage.getByLabel("Name").fill(name);
  await adminPage.getByLabel("Reason").fill("Our provider renews every key this quarter.");
  await adminPage.getByLabel("Tokens of these users").check();
  const users = adminPage.getByRole("group", { name: "Users whose tokens are in scope" });
  await users.getByLabel("Filter users").fill(user.email);
  await users.getByLabel(`${user.name} (${user.email})`).check();
  await expect(adminPage.getByRole("status").filter({ hasText: "1 token, 1 owner, 1 used in the last 30 days" })).toBeVisible();
  await adminPage.getByLabel("Deadline").fill(deadline);
  await adminPage.getByLabel("Rotate automatically").check();
  await adminPage.getByRole("button", { name: "Start campaign" }).click();
  await adminPage.waitForURL(/\/rotations\/\d+$/);
  const campaignUrl = adminPage.url();

  // The owner's announcement (their token was used in the last 30 days), in the outbox.
  const outboxRow = (subject: string) => adminPage.getByRole("row").filter({ hasText: user.email }).filter({ hasText: subject });
  await expect(async () => {
    await adminPage.goto("/outbox");
    await expect(outboxRow(`Rotate your API tokens by`).filter({ hasText: name })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // While pending, the API says by when.
  await expect.poll(async () => (await signedCall(baseURL!, id, secret)).rotateBy).toBe(`${deadline}T23:59:59Z`);

  await adminPage.goto(campaignUrl);
  await adminPage.getByRole("button", { name: "Rotate the rest now" }).click();
  await adminPage.getByRole("dialog", { name: "Rotate the rest now?" }).getByRole("button", { name: "Rotate the rest now" }).click();
  // The old secret stops at once: no overlap for an automatic rotation.
  await expect.poll(async () => (await signedCall(baseURL!, id, secret)).status, { timeout: 20_000 }).toBe(401);
  await expect(async () => {
    await adminPage.goto("/outbox");
    await expect(outboxRow(`API token rotated automatically: ${title}`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await adminPage.goto(campaignUrl);
  await expect(adminPage.getByRole("table", { name: "Tokens in this campaign" }).getByRole("row", { name: new RegExp(title) })).toContainText("Rotated automatically");

  // The owner reveals the new secret once, and it signs.
  await page.goto(`/api-management/${id}`);
  await page.getByRole("button", { name: "Reveal new secret" }).click();
  const dialog = page.getByRole("dialog", { name: `Reveal the new secret of ${title}` });
  await dialog.getByLabel("Your password").fill(user.password);
  await dialog.getByRole("button", { name: "Reveal" }).click();
  const reveal = page.getByRole("dialog", { name: "New secret key" });
  const fresh = await reveal.getByLabel("Secret key").inputValue();
  recordSecret(fresh);
  expect(fresh).not.toBe(secret);
  expect((await signedCall(baseURL!, id, fresh)).status).toBe(200);
});
