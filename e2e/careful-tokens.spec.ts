// Issue 12 in the tokens area: what a careful administrator trips over when creating a token.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ADMIN_STATE, expect, test, unique } from "./fixtures";
import { createAllowingAnyIp } from "./helpers/token-fixtures";

test.use({ storageState: ADMIN_STATE });

test.describe("one key, one token (item 4)", () => {
  let dir: string;
  test.beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-careful-"));
    execFileSync("openssl", ["ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", path.join(dir, "k.pem")]);
    execFileSync("openssl", ["ec", "-in", path.join(dir, "k.pem"), "-pubout", "-out", path.join(dir, "pub.pem")], { stdio: "ignore" });
  });
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function createWithKey(page: Page, title: string) {
    await page.goto("/api-management/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Upload public key").check();
    await page.getByLabel("Public key file (.pem)").setInputFiles(path.join(dir, "pub.pem"));
    await createAllowingAnyIp(page);
  }

  test("a public key already used by a live token is refused on the Public key field", async ({ page }) => {
    await createWithKey(page, unique("First key use"));
    const dialog = page.getByRole("dialog", { name: "API token created" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Close", exact: true }).click();
    await expect(page).toHaveURL(/\/api-management$/);

    await createWithKey(page, unique("Second key use"));
    const key = page.getByLabel("Public key", { exact: true });
    await expect(key).toHaveAccessibleDescription(/This public key is already used by another active token\. One key serves one token/);
    await expect(key).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("dialog")).toHaveCount(0);
  });
});

test("a title made only of invisible characters is refused (item 27)", async ({ page }) => {
  await page.goto("/api-management/new");
  await page.getByLabel("Title").fill("\u200B\u200E\u2066\uFEFF");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription(/A title needs at least one visible character/);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test.describe("the one-year limit follows UTC, not the browser's zone (item 26)", () => {
  // 20:00 UTC on 10 March: already 11 March in Kiritimati (UTC+14).
  test.use({ timezoneId: "Pacific/Kiritimati" });

  test("\"1 year\" in Kiritimati offers no more than one year from today in UTC", async ({ page }) => {
    await page.clock.setFixedTime(new Date(Date.UTC(2026, 2, 10, 20, 0, 0)));
    await page.goto("/api-management/new");
    await page.getByRole("button", { name: "1 year" }).click();
    await expect(page.getByLabel("Expiration date")).toHaveValue("2027-03-10");
    await expect(page.getByText("The token works until 23:59:59 UTC on 2027-03-10.")).toBeVisible();
  });
});

test("the upload panel shows how to make a P-256 key pair, copyable, and warns the private key stays home (item 18)", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto("/api-management/new");
  await expect(page.getByRole("region", { name: "Make a P-256 key pair" })).toHaveCount(0);
  await page.getByLabel("Upload public key").check();
  const help = page.getByRole("region", { name: "Make a P-256 key pair" });
  await expect(help).toBeVisible();
  const commands = (await help.locator("pre").innerText()).split("\n").filter(Boolean);
  expect(commands).toHaveLength(3);
  for (const line of commands) expect(line).toMatch(/^openssl /);
  expect(commands[0]).toContain("prime256v1");
  await expect(help.getByText("The private key never leaves your machine: never paste it here")).toBeVisible();
  await help.getByRole("button", { name: "Copy commands" }).click();
  await expect(page.getByText("Commands copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(commands.join("\n"));
  await context.close();
});
