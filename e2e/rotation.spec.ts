import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../lib/domain/locale";
import { ADMIN, axeViolations, expect, signIn, test, unique } from "./fixtures";
import { createAllowingAnyIp, createUserWithRole, openTestDb, recordSecret } from "./helpers/token-fixtures";
import { closeUnsaved, createGenerated, signedCall } from "./helpers/signed-tokens";
import { e2eDb, eventsOf, insertToken, outboxOf, utcDate } from "./helpers/token-db";
import { captureServerAction, replayServerAction } from "./server-action";

// Rotating one token (issue 13, part 1): the dialog with each overlap, the new secret in the
// creation's reveal dialog, both secrets verifying at /jws/validate during the overlap (signed by
// lib/api-client) and only the new one after End overlap now; refusals by direct action calls.

const HOUR = 3_600_000;

async function rotate(page: Page, title: string, overlap: string): Promise<string> {
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const dialog = page.getByRole("dialog", { name: `Rotate secret of ${title}` });
  await dialog.getByRole("radio", { name: overlap, exact: true }).check();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  const reveal = page.getByRole("dialog", { name: "New secret key" });
  await expect(reveal).toBeVisible();
  const secret = await reveal.getByLabel("Secret key").inputValue();
  recordSecret(secret);
  await closeUnsaved(page, reveal);
  return secret;
}

function previousUntil(tokenId: string): number | null {
  const db = e2eDb();
  try {
    return (db.prepare("select works_until from token_previous_credentials where token_id = ?").pluck().get(tokenId) as number | undefined) ?? null;
  } finally {
    db.close();
  }
}

test("rotate with an overlap: old and new secrets both sign during it, the old one stops at End overlap now", async ({ adminPage: page, baseURL }) => {
  const title = unique("Rotating exporter");
  const { id, secret: oldSecret } = await createGenerated(page, title);
  await page.goto(`/api-management/${id}`);
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText("Secret created")).toBeVisible();
  await expect(details.getByText("today")).toBeVisible();
  await expect(details.getByText("Previous secret works until")).toBeHidden();

  await page.getByRole("button", { name: "Rotate secret" }).click();
  const dialog = page.getByRole("dialog", { name: `Rotate secret of ${title}` });
  await expect(dialog.getByRole("group", { name: "Keep the old secret working for" })).toBeVisible();
  await expect(dialog.getByRole("radio", { name: "24 hours" })).toBeChecked();
  for (const label of ["Stop now", "1 hour", "3 days", "7 days"]) await expect(dialog.getByRole("radio", { name: label, exact: true })).not.toBeChecked();
  expect(await axeViolations(page)).toEqual([]);
  const started = Date.now();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();

  // The creation's reveal dialog, with the new secret, its copy and download, and its closing question.
  const reveal = page.getByRole("dialog", { name: "New secret key" });
  await expect(reveal).toBeVisible();
  await expect(reveal.getByLabel("Token ID")).toHaveValue(id);
  await expect(reveal.getByRole("button", { name: "Copy secret key" })).toBeVisible();
  await expect(reveal.getByRole("button", { name: "Download token" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const newSecret = await reveal.getByLabel("Secret key").inputValue();
  recordSecret(newSecret);
  expect(newSecret).toMatch(/^kwsk_/);
  expect(newSecret).not.toBe(oldSecret);
  await closeUnsaved(page, reveal);

  await expect(details.getByText("Previous secret works until")).toBeVisible();
  await expect(details.getByText("Previous secret last used")).toBeVisible();

  // Both verify; the old one says when it stops (RFC 3339, 24 hours after the rotation).
  const old = await signedCall(baseURL!, id, oldSecret);
  expect(old.status).toBe(200);
  expect(old.superseded).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  expect(Math.abs(Date.parse(old.superseded!) - (started + 24 * HOUR))).toBeLessThan(60_000);
  const fresh = await signedCall(baseURL!, id, newSecret);
  expect(fresh).toMatchObject({ status: 200, superseded: null });

  // The previous secret's use shows on the page.
  await page.reload();
  await expect(details.getByText("Previous secret last used").locator("xpath=..").locator("time")).toBeVisible();

  await details.getByRole("button", { name: "End overlap now" }).click();
  const confirmEnd = page.getByRole("dialog", { name: `End the overlap of ${title}?` });
  expect(await axeViolations(page)).toEqual([]);
  await confirmEnd.getByRole("button", { name: "End overlap" }).click();
  await expect(confirmEnd).toBeHidden();
  await expect(details.getByText("Previous secret works until")).toBeHidden();
  expect(previousUntil(id)).toBeNull();

  expect((await signedCall(baseURL!, id, oldSecret)).status).toBe(401);
  expect(await signedCall(baseURL!, id, newSecret)).toMatchObject({ status: 200, superseded: null });

  // Events and notices: named, with the overlap's end, never a secret.
  const events = eventsOf(id).filter((e) => e.action.startsWith("token.rotated") || e.action === "token.overlap_ended");
  expect(events.map((e) => e.action).sort()).toEqual(["token.overlap_ended", "token.rotated"]);
  const notices = outboxOf(id).filter((n) => n.kind === "rotated");
  expect(notices.map((n) => n.recipient)).toContain(ADMIN.email);
  for (const text of [...events.map((e) => e.details ?? ""), ...notices.flatMap((n) => [n.subject, n.body])]) {
    expect(text).not.toContain(oldSecret);
    expect(text).not.toContain(newSecret);
  }
  await expect(page.getByRole("region", { name: "Events" }).getByText("API token rotated")).toBeVisible();
});

test("each overlap option: Stop now keeps nothing, the others keep the old secret for their time, and a second rotation warns first", async ({ adminPage: page, baseURL }) => {
  const title = unique("Overlap options");
  const { id } = await createGenerated(page, title);
  await page.goto(`/api-management/${id}`);
  const details = page.getByRole("region", { name: "Details" });

  let secret = await rotate(page, title, "Stop now");
  expect(previousUntil(id)).toBeNull();
  await expect(details.getByText("Previous secret works until")).toBeHidden();

  for (const [label, hours] of [["1 hour", 1], ["24 hours", 24], ["3 days", 72], ["7 days", 168]] as const) {
    const before = secret;
    const at = Date.now();
    // From the second one on, an overlap is running: the dialog says it will end first.
    if (hours > 1) {
      await page.getByRole("button", { name: "Rotate secret" }).click();
      await expect(page.getByRole("dialog", { name: `Rotate secret of ${title}` }).getByRole("note")).toContainText("An earlier rotation's overlap is still running");
      await page.keyboard.press("Escape");
    }
    secret = await rotate(page, title, label);
    expect(Math.abs(previousUntil(id)! - (at + hours * HOUR))).toBeLessThan(60_000);
    await expect(details.getByText("Previous secret works until")).toBeVisible();
    expect((await signedCall(baseURL!, id, before)).status).toBe(200);
  }
  expect((await signedCall(baseURL!, id, secret)).status).toBe(200);
});

test("a direct call of the rotate action is refused for anyone but the creator with manage or an administrator, and for a token that is not active", async ({ adminPage: page, pageAs }) => {
  const title = unique("Guarded rotation");
  const { id } = await createGenerated(page, title);
  await page.goto(`/api-management/${id}`);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const dialog = page.getByRole("dialog", { name: `Rotate secret of ${title}` });
  const action = await captureServerAction(page, () => dialog.getByRole("button", { name: "Rotate secret" }).click());
  const reveal = page.getByRole("dialog", { name: "New secret key" });
  recordSecret(await reveal.getByLabel("Secret key").inputValue());
  await closeUnsaved(page, reveal);
  const rotations = () => eventsOf(id, "token.rotated").length;
  expect(rotations()).toBe(1);

  // Another user with API credentials: manage never reaches this token; one with view only may not rotate at all.
  const manager = await pageAs(await createUserWithRole({ name: unique("Other manager"), permissions: ["api-credentials.view", "api-credentials.manage"] }));
  expect((await replayServerAction(manager.request, action)).result).toMatchObject({ ok: false, status: 404 });
  const viewer = await pageAs(await createUserWithRole({ name: unique("Viewer"), permissions: ["api-credentials.view"] }));
  expect((await replayServerAction(viewer.request, action)).result).toMatchObject({ ok: false, status: 403 });
  expect(rotations()).toBe(1);

  // Expired, and revoked: refused with the reason, nothing rotated.
  const expired = insertToken({ creatorEmail: ADMIN.email, title: unique("Expired one"), expiresOn: utcDate(-2) });
  expect((await replayServerAction(page.request, action, { body: action.body.replace(id, expired) })).result).toMatchObject({
    ok: false,
    status: 409,
    error: "This token is Expired, so it can't be rotated.",
  });
  expect(eventsOf(expired, "token.rotated")).toEqual([]);
  // The administrator's own replay works (the action itself is sound), until the token is revoked.
  expect((await replayServerAction(page.request, action)).result).toMatchObject({ ok: true });
  const db = openTestDb();
  try {
    db.transaction(() => db.prepare("update api_tokens set revoked_at = ? where id = ?").run(Date.now(), id)).immediate();
  } finally {
    db.close();
  }
  expect((await replayServerAction(page.request, action)).result).toMatchObject({ ok: false, status: 409, error: "This token is Revoked, so it can't be rotated." });
  expect(rotations()).toBe(2);
});

test("the rotation controls in Japanese", async ({ page, baseURL }) => {
  const admin = await createUserWithRole({ name: unique("山田"), permissions: [] });
  const db = openTestDb();
  try {
    db.prepare("update user set role_id = (select id from roles where built_in = 1), language = 'ja' where id = ?").run(admin.id);
  } finally {
    db.close();
  }
  const id = insertToken({ creatorEmail: admin.email, title: unique("日本語トークン"), expiresOn: utcDate(30) });
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL }]);
  await signIn(page, admin.email, admin.password);
  await page.goto(`/api-management/${id}`);
  await expect(page.getByText("秘密鍵の作成日時")).toBeVisible();
  await page.getByRole("button", { name: "秘密鍵を更新" }).click();
  const dialog = page.getByRole("dialog", { name: /の秘密鍵を更新$/ });
  await expect(dialog.getByRole("group", { name: "旧秘密鍵を使用できる期間" })).toBeVisible();
  for (const label of ["すぐに停止", "1 時間", "3 日間", "7 日間"]) await expect(dialog.getByRole("radio", { name: label, exact: true })).toBeVisible();
  await expect(dialog.getByRole("radio", { name: "24 時間" })).toBeChecked();
  await dialog.getByRole("button", { name: "秘密鍵を更新" }).click();
  const reveal = page.getByRole("dialog", { name: "新しい秘密鍵" });
  await expect(reveal.getByRole("button", { name: "トークンをダウンロード" })).toBeVisible();
  recordSecret(await reveal.getByLabel("秘密鍵", { exact: true }).inputValue());
  await reveal.getByRole("button", { name: "閉じる", exact: true }).click();
  await page.getByRole("dialog", { name: "秘密鍵を保存せずに閉じますか?" }).getByRole("button", { name: "閉じる", exact: true }).click();
  await expect(reveal).toBeHidden();
  const details = page.getByRole("region", { name: "詳細" });
  await expect(details.getByText("旧秘密鍵の有効期限")).toBeVisible();
  await expect(details.getByText("旧秘密鍵の最終使用")).toBeVisible();
  await details.getByRole("button", { name: "猶予期間を今すぐ終了" }).click();
  await page.getByRole("button", { name: "猶予期間を終了" }).click();
  await expect(details.getByText("旧秘密鍵の有効期限")).toBeHidden();
});

test("Replace public key: the new key is checked as at creation, and both keys sign during the overlap", async ({ adminPage: page, baseURL }) => {
  const pair = () => crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const first = pair();
  const title = unique("Uploaded key");
  await page.goto("/api-management/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: /Upload public key/ }).check();
  await page.getByLabel("Public key", { exact: true }).fill(first.publicKey.export({ type: "spki", format: "pem" }).toString());
  await createAllowingAnyIp(page);
  const created = page.getByRole("dialog", { name: "API token created" });
  const id = await created.getByLabel("Token ID").inputValue();
  await created.getByRole("button", { name: "Close", exact: true }).click();
  await page.goto(`/api-management/${id}`);

  await page.getByRole("button", { name: "Replace public key" }).click();
  const dialog = page.getByRole("dialog", { name: `Replace public key of ${title}` });
  await expect(dialog.getByRole("group", { name: "Keep the old key working for" })).toBeVisible();
  const key = dialog.getByLabel("New public key");
  // The creation's rule: a private key is refused, and so is the token's own current key.
  await key.fill(first.privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  await expect(dialog.getByText("This is a private key.", { exact: false })).toBeVisible();
  await key.fill(first.publicKey.export({ type: "spki", format: "pem" }).toString());
  await dialog.getByRole("button", { name: "Replace public key" }).click();
  await expect(dialog.getByText("This is the token's current public key. Paste the new one.")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const second = pair();
  await key.fill(second.publicKey.export({ type: "spki", format: "pem" }).toString());
  await dialog.getByRole("radio", { name: "1 hour", exact: true }).check();
  await dialog.getByRole("button", { name: "Replace public key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("region", { name: "Details" }).getByText("Previous secret works until")).toBeVisible();

  const call = (privateKey: crypto.KeyObject) => signedCall(baseURL!, id, privateKey);
  const old = await call(first.privateKey);
  expect(old.status).toBe(200);
  expect(old.superseded).not.toBeNull();
  expect(await call(second.privateKey)).toMatchObject({ status: 200, superseded: null });
});
