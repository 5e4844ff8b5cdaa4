import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ADMIN_STATE, axeViolations, expect, NO_SESSION, test, unique } from "./fixtures";
import { captureServerAction, replayServerAction, type CapturedServerAction } from "./server-action";
import { browserDatePlus, createAllowingAnyIp, createUserWithRole, openTestDb, recordSecret } from "./helpers/token-fixtures";

const SECRET_RE = /^kwsk_[0-9A-Za-z]{49}$/;

// The admin with clipboard access (the copy buttons write to it, the test reads it back).
test.use({ storageState: ADMIN_STATE, permissions: ["clipboard-read", "clipboard-write"] });

test("create a generated token with defaults: reveal, copy, download, close, listed as Active", async ({ page }) => {
  await page.goto("/api-management");
  await page.getByRole("link", { name: "Create token" }).first().click();
  await expect(page).toHaveURL(/\/api-management\/new$/);
  await expect(page.getByRole("heading", { name: "Create token" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Defaults: generated, 90 days in the browser's zone, exactly the role's permissions, any IP.
  const expected = await browserDatePlus(page, 90);
  await expect(page.getByLabel("Generate token")).toBeChecked();
  await expect(page.getByLabel("Expiration date")).toHaveValue(expected);
  await expect(page.getByRole("checkbox", { name: "Manage API credentials" })).toBeChecked();
  await expect(page.getByRole("textbox", { name: "Device group" })).toHaveValue("All device groups");
  await expect(page.getByText("0/500")).toBeVisible();

  const title = unique("Defaults");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Nightly export");
  await expect(page.getByText("14/500")).toBeVisible();

  const responsePromise = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
  await page.getByRole("button", { name: "Create", exact: true }).click();
  // No allowed IP addresses: the form asks before opening the token to every address.
  const anyIp = page.getByRole("dialog", { name: "Allow requests from any IP address?" });
  await expect(anyIp.getByText("This token will accept requests from any IP address.")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await anyIp.getByRole("button", { name: "Go back" }).click();
  await expect(anyIp).toHaveCount(0);
  await expect(page.getByRole("dialog", { name: "API token created" })).toHaveCount(0);
  await createAllowingAnyIp(page);
  const response = await responsePromise;
  // The one response that carries the secret must not be stored by any cache.
  expect(response.headers()["cache-control"]).toContain("no-store");

  const dialog = page.getByRole("dialog", { name: "API token created" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("This secret key can't be shown again. Copy it or download it now.")).toBeVisible();
  const tokenId = await dialog.getByLabel("Token ID").inputValue();
  const secret = await dialog.getByLabel("Secret key").inputValue();
  recordSecret(secret);
  expect(tokenId).toMatch(/^[0-9a-f-]{36}$/);
  expect(secret).toMatch(SECRET_RE);
  expect(page.url()).not.toContain(secret);
  expect(await axeViolations(page)).toEqual([]);

  await dialog.getByRole("button", { name: "Copy token ID" }).click();
  await expect(page.getByText("Token ID copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tokenId);
  await dialog.getByRole("button", { name: "Copy secret key" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const downloadPromise = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download token" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${title}.token`);
  const file = fs.readFileSync(await download.path(), "utf8");
  const origin = new URL(page.url()).origin;
  expect(file).toBe(`token_id=${tokenId}\nsecret_key=${secret}\nexpires=${expected}T23:59:59Z\napi_url=${origin}/jws/validate\n`);

  // Saved, so closing doesn't ask.
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page).toHaveURL(/\/api-management$/);
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell", { name: "Active" })).toBeVisible();
  await expect(row.getByRole("cell", { name: expected })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Generated secret" })).toBeVisible();
  // The creation time reads like every other time in the console: the viewer's zone, UTC on hover.
  await expect(row.locator("time").first()).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);

  // The secret is gone from the page, the URL and history.
  expect(await page.content()).not.toContain(secret);
  expect(page.url()).not.toContain(secret);
  await page.goBack();
  await page.waitForLoadState("networkidle");
  expect(await page.content()).not.toContain(secret);
  expect(page.url()).not.toContain(secret);
  await page.goForward();
  await page.waitForLoadState("networkidle");
  expect(await page.content()).not.toContain(secret);

  // One token.created event without the secret.
  const db = openTestDb();
  try {
    const events = db.prepare("select details from events where action = 'token.created' and target_id = ?").all(tokenId) as { details: string }[];
    expect(events).toHaveLength(1);
    expect(events[0].details).not.toContain(secret);
    expect(JSON.parse(events[0].details)).toMatchObject({ title, type: "generated", expiresOn: expected });
  } finally {
    db.close();
  }
});

test("a double-clicked Create makes one token", async ({ page }) => {
  await page.goto("/api-management/new");
  const title = unique("Double");
  await page.getByLabel("Title").fill(title);
  // Server action requests still waiting for their answer.
  const inFlight = new Set<object>();
  page.on("request", (r) => {
    if (r.headers()["next-action"]) inFlight.add(r);
  });
  page.on("requestfinished", (r) => inFlight.delete(r));
  page.on("requestfailed", (r) => inFlight.delete(r));
  await page.getByRole("button", { name: "Create", exact: true }).dblclick();
  await page.getByRole("button", { name: "Allow any IP address" }).dblclick();
  const dialog = page.getByRole("dialog", { name: "API token created" });
  await expect(dialog).toBeVisible();
  recordSecret(await dialog.getByLabel("Secret key").inputValue());
  await expect.poll(() => inFlight.size).toBe(0);
  const db = openTestDb();
  try {
    expect(db.prepare("select count(*) as n from api_tokens where title = ?").get(title)).toEqual({ n: 1 });
  } finally {
    db.close();
  }
  await expect(page.getByRole("alert").filter({ hasText: "already created" })).toHaveCount(0);
});

test("the creation page is never cached", async ({ page }) => {
  const response = await page.goto("/api-management/new");
  expect(response?.headers()["cache-control"]).toContain("no-store");
});

test("closing the reveal dialog before saving the secret asks first", async ({ page }) => {
  await page.goto("/api-management/new");
  await page.getByLabel("Title").fill(unique("Unsaved"));
  await createAllowingAnyIp(page);
  const dialog = page.getByRole("dialog", { name: "API token created" });
  await expect(dialog).toBeVisible();
  const secret = await dialog.getByLabel("Secret key").inputValue();
  recordSecret(secret);

  const confirm = page.getByRole("dialog", { name: "Close without saving the secret?" });
  // Escape asks; Go back keeps the secret on screen.
  await page.keyboard.press("Escape");
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Go back" }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog.getByLabel("Secret key")).toHaveValue(secret);
  // The X asks too.
  await dialog.getByRole("button", { name: "Close dialog" }).click();
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Go back" }).click();
  // So does Close; Close anyway really closes.
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await confirm.getByRole("button", { name: "Close anyway" }).click();
  await expect(page).toHaveURL(/\/api-management$/);
  await expect(dialog).toBeHidden();
  expect(await page.content()).not.toContain(secret);
  await page.goBack();
  await page.waitForLoadState("networkidle");
  expect(await page.content()).not.toContain(secret);
});

test.describe("uploaded public keys", () => {
  let dir: string;
  test.beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-keys-"));
    execFileSync("openssl", ["ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", path.join(dir, "k.pem")]);
    execFileSync("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", path.join(dir, "k.pem"), "-out", path.join(dir, "priv.pem")]);
    execFileSync("openssl", ["ec", "-in", path.join(dir, "k.pem"), "-pubout", "-out", path.join(dir, "pub.pem")], { stdio: "ignore" });
  });
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a P-256 public key from a .pem file creates a token whose dialog shows only the token ID", async ({ page }) => {
    await page.goto("/api-management/new");
    const title = unique("Signed");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Upload public key").check();
    await page.getByLabel("Public key file (.pem)").setInputFiles(path.join(dir, "pub.pem"));
    await expect(page.getByLabel("Public key", { exact: true })).toHaveValue(fs.readFileSync(path.join(dir, "pub.pem"), "utf8"));
    await createAllowingAnyIp(page);

    const dialog = page.getByRole("dialog", { name: "API token created" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Token ID")).toHaveValue(/^[0-9a-f-]{36}$/);
    await expect(dialog.getByLabel("Secret key")).toHaveCount(0);
    await expect(dialog.getByRole("button", { name: "Download token" })).toHaveCount(0);
    await dialog.getByRole("button", { name: "Close", exact: true }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page).toHaveURL(/\/api-management$/);
    await expect(page.getByRole("row").filter({ hasText: title }).getByRole("cell", { name: "Public key" })).toBeVisible();
  });

  test("a pasted private key is refused in the browser with the leak warning and never sent", async ({ page }) => {
    await page.goto("/api-management/new");
    await page.getByLabel("Title").fill(unique("Leaky"));
    await page.getByLabel("Upload public key").check();
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.postData() ?? "");
    });
    const priv = fs.readFileSync(path.join(dir, "priv.pem"), "utf8");
    await page.getByLabel("Public key", { exact: true }).fill(priv);
    await expect(page.getByText(/This is a private key\. A private key must never be shared: treat this one as leaked/)).toBeVisible();
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText(/treat this one as leaked/)).toBeVisible();
    // The refused submission puts the focus back on the key: the form has decided not to send.
    await expect(page.getByLabel("Public key", { exact: true })).toBeFocused();
    expect(posts.filter((b) => b.includes("PRIVATE KEY"))).toEqual([]);
    await expect(page.getByRole("dialog")).toHaveCount(0);
  });
});

test("Manage implies View in the permission table; Clear all leaves nothing to submit", async ({ page }) => {
  await page.goto("/api-management/new");
  await page.getByLabel("Title").fill(unique("Perms"));
  await page.getByRole("button", { name: "Clear all" }).click();
  await expect(page.getByRole("checkbox", { name: "View API credentials" })).not.toBeChecked();
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("Choose at least one permission.")).toBeVisible();

  await page.getByRole("checkbox", { name: "Manage Device fields" }).check();
  await expect(page.getByRole("checkbox", { name: "View Device fields" })).toBeChecked();
  await page.getByRole("checkbox", { name: "View Device fields" }).uncheck();
  await expect(page.getByRole("checkbox", { name: "Manage Device fields" })).not.toBeChecked();
  await page.getByRole("button", { name: "Select all" }).click();
  await expect(page.getByRole("checkbox", { name: "Run Reach scripts" })).toBeChecked();
});

test("next to each permission, the API endpoints it opens; at 360 px the page still doesn't scroll sideways", async ({ page }) => {
  await page.goto("/api-management/new");
  const missing = page.getByRole("button", { name: "2 API endpoints of Missing devices" });
  await expect(missing).toHaveAttribute("aria-expanded", "false");
  await missing.click();
  await expect(missing).toHaveAttribute("aria-expanded", "true");
  const list = page.getByRole("list").filter({ hasText: "POST /v3/tracking/device-missing/missing" });
  await expect(list.getByRole("listitem")).toHaveText(["View GET /v3/tracking/device-missing/missing", "Manage POST /v3/tracking/device-missing/missing"]);
  await page.getByRole("button", { name: "1 API endpoint of Geolocation" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "only to select geoData" })).toContainText("View GET /v3/reporting/devices");
  await expect(page.getByRole("rowheader", { name: /^API credentials/ })).toContainText("Console only, no API endpoint");
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.getByRole("button", { name: "1 API endpoint of Device reports" }).click();
  await expect(page.getByText("with View Device fields")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("expiry presets and bounds", async ({ page }) => {
  await page.goto("/api-management/new");
  const field = page.getByLabel("Expiration date");
  await page.getByRole("button", { name: "30 days" }).click();
  await expect(field).toHaveValue(await browserDatePlus(page, 30));
  await page.getByRole("button", { name: "180 days" }).click();
  await expect(field).toHaveValue(await browserDatePlus(page, 180));
  const max = await browserDatePlus(page, 0, 1);
  await page.getByRole("button", { name: "1 year" }).click();
  await expect(field).toHaveValue(max);
  await expect(page.getByText(`The token works until 23:59:59 UTC on ${max}.`)).toBeVisible();

  // One day past the maximum is refused before anything is sent.
  await page.getByLabel("Title").fill(unique("Too long"));
  await field.fill(await browserDatePlus(page, 1, 1));
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText(`A token can last at most one year: pick ${max} or earlier.`)).toBeVisible();
  await field.fill(await browserDatePlus(page, 0));
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("Pick a date after today.")).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test.describe("allowed IP addresses", () => {
  test("paste, duplicates, host bits, invalid, edit, remove, and the open-range confirmation", async ({ page }) => {
    await page.goto("/api-management/new");
    const title = unique("Allowlist");
    await page.getByLabel("Title").fill(title);
    await expect(page.getByText("No restriction: the token works from any IP address.")).toBeVisible();

    const input = page.getByLabel("Allowed IP addresses");
    // A pasted list separated by spaces, commas, semicolons and new lines.
    await input.fill("10.0.0.1, 192.168.1.0/24;2001:db8::1\n10.0.0.0/8");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    for (const a of ["10.0.0.1", "192.168.1.0/24", "2001:db8::1", "10.0.0.0/8"]) {
      await expect(page.getByRole("button", { name: `Remove ${a}` })).toBeVisible();
    }
    // A duplicate (after normalisation) is ignored with a quiet notice.
    await input.fill("2001:0db8:0:0:0:0:0:1");
    await input.press("Enter");
    await expect(page.getByText("2001:0db8:0:0:0:0:0:1 is already in the list.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Remove 2001:/ })).toHaveCount(1);
    // Host bits are cleared and the user told.
    await input.fill("172.16.5.9/16");
    await input.press("Enter");
    await expect(page.getByText("172.16.5.9/16 was changed to 172.16.0.0/16.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove 172.16.0.0/16" })).toBeVisible();

    // An invalid entry stays as a marked chip and blocks submission.
    await input.fill("010.0.0.1");
    await input.press("Enter");
    await expect(page.getByText("Invalid IP address").first()).toBeVisible();
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Fix or remove the invalid entry listed below.")).toBeVisible();
    await expect(page.getByText("010.0.0.1: “010” has a leading zero; write it as 10 (leading zeros can mean octal).")).toHaveCount(1);
    await expect(page.getByRole("dialog")).toHaveCount(0);

    // Clicking a chip edits it; Tab commits and re-validates.
    await page.getByRole("button", { name: "010.0.0.1", exact: true }).click();
    const editor = page.getByRole("textbox", { name: "Edit 010.0.0.1" });
    await editor.fill("10.0.0.2");
    await editor.press("Tab");
    await expect(page.getByRole("button", { name: "Remove 10.0.0.2" })).toBeVisible();
    await expect(page.getByText("Invalid IP address")).toHaveCount(0);

    // Remove a chip.
    await page.getByRole("button", { name: "Remove 10.0.0.0/8" }).click();
    await expect(page.getByRole("button", { name: "Remove 10.0.0.0/8" })).toHaveCount(0);

    // 0.0.0.0/0 needs an explicit confirmation.
    await input.fill("0.0.0.0/0");
    await input.press("Enter");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    const confirmBox = page.getByRole("checkbox", { name: "Allow every address" });
    await expect(confirmBox).toBeVisible();
    await confirmBox.check();
    await page.getByRole("button", { name: "Create", exact: true }).click();

    const dialog = page.getByRole("dialog", { name: "API token created" });
    await expect(dialog).toBeVisible();
    const tokenId = await dialog.getByLabel("Token ID").inputValue();
    recordSecret(await dialog.getByLabel("Secret key").inputValue());
    const db = openTestDb();
    try {
      const ips = db.prepare("select cidr from token_allowed_ips where token_id = ? order by position").all(tokenId);
      expect(ips).toEqual([
        { cidr: "10.0.0.1/32" },
        { cidr: "192.168.1.0/24" },
        { cidr: "2001:db8::1/128" },
        { cidr: "172.16.0.0/16" },
        { cidr: "10.0.0.2/32" },
        { cidr: "0.0.0.0/0" },
      ]);
    } finally {
      db.close();
    }
  });
});

test("a user with a narrower role is offered only their permissions and gets their device group", async ({ pageAs }) => {
  const user = await createUserWithRole({
    name: "Nora Narrow",
    permissions: ["api-credentials.view", "api-credentials.manage", "device-reports.view"],
    deviceGroups: ["Kiosks"],
  });
  const page = await pageAs(user);
  await page.goto("/api-management/new");
  const boxes = page.getByRole("checkbox");
  await expect(page.getByRole("checkbox", { name: "View Device reports" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Manage API credentials" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "View Geolocation" })).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Manage Users and roles" })).toHaveCount(0);
  expect(await boxes.count()).toBe(3);
  await expect(page.getByRole("textbox", { name: "Device group" })).toHaveValue("Kiosks");
  await expect(page.getByText(/only devices in Kiosks/)).toBeVisible();
});

test("several bad IP entries: each gets one message that names it and says what is wrong, shown once", async ({ page }) => {
  await page.goto("/api-management/new");
  await page.getByLabel("Title").fill(unique("Bad IPs"));
  const input = page.getByLabel("Allowed IP addresses");
  await input.fill("10.0.0.1 300.1.1.1 010.0.0.1 10.0.0.0/33 2001:db8::1::2 fe80::1%eth0 2001:db8:12345::1");
  await input.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "6 entries are not valid: see the list below." })).toBeVisible();
  const messages: Record<string, string> = {
    "300.1.1.1": "300.1.1.1: “300” is over 255 (each number of an IPv4 address is 0–255).",
    "010.0.0.1": "010.0.0.1: “010” has a leading zero; write it as 10 (leading zeros can mean octal).",
    "10.0.0.0/33": "10.0.0.0/33: the prefix length must be between 0 and 32 for IPv4.",
    "2001:db8::1::2": "2001:db8::1::2: “::” may appear only once in an IPv6 address.",
    "fe80::1%eth0": "fe80::1%eth0: zone IDs (like %eth0) aren't allowed: remove the part from %.",
    "2001:db8:12345::1": "2001:db8:12345::1: “12345” has more than four hex digits (each group of an IPv6 address has 1–4).",
  };
  const list = page.getByRole("list", { name: "Invalid entries" });
  await expect(list.getByRole("listitem")).toHaveText(Object.values(messages));
  for (const [entry, message] of Object.entries(messages)) {
    // Each chip is described by its one message, which appears nowhere else on the page.
    await expect(page.getByRole("button", { name: entry, exact: true })).toHaveAccessibleDescription(message);
    await expect(page.getByText(message, { exact: true })).toHaveCount(1);
  }
  expect(await axeViolations(page)).toEqual([]);

  // Submitting says how many to fix under the field, without repeating any of them.
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("Fix or remove the 6 invalid entries listed below.")).toBeVisible();
  for (const message of Object.values(messages)) await expect(page.getByText(message)).toHaveCount(1);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Fixing one leaves exactly the others.
  await page.getByRole("button", { name: "300.1.1.1", exact: true }).click();
  await page.getByRole("textbox", { name: "Edit 300.1.1.1" }).fill("30.1.1.1");
  await page.keyboard.press("Enter");
  await expect(list.getByRole("listitem")).toHaveCount(5);
  await expect(page.getByText(messages["300.1.1.1"])).toHaveCount(0);
});

test.describe("the create action called directly", () => {
  let action: CapturedServerAction;
  let base: Record<string, unknown>;

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    await page.goto("/api-management/new");
    await page.getByLabel("Title").fill(unique("Captured"));
    action = await captureServerAction(page, () => createAllowingAnyIp(page));
    const dialog = page.getByRole("dialog", { name: "API token created" });
    recordSecret(await dialog.getByLabel("Secret key").inputValue());
    base = (JSON.parse(action.body) as [Record<string, unknown>, string])[0];
    await context.close();
  });

  const body = (payload: Record<string, unknown>, key: string = crypto.randomUUID()) => JSON.stringify([payload, key]);

  test("a replay of the same submission creates no second token", async ({ page }) => {
    const first = await replayServerAction(page.request, action);
    expect(first.result).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/already created/) });
  });

  test("tampered payloads are refused field by field", async ({ page, pageAs }) => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...base, title: unique("Past"), expiresOn: "2001-01-01" }, "expiresOn", /after today/],
      [{ ...base, title: unique("Far"), expiresOn: "2999-01-01" }, "expiresOn", /at most one year/],
      [{ ...base, title: unique("Bad date"), expiresOn: "2026-02-30" }, "expiresOn", /doesn't exist/],
      [{ ...base, title: unique("Bad IP"), allowedIps: ["10.1"] }, "allowedIps.0", /^10\.1: an IPv4 address has four numbers/],
      [{ ...base, title: unique("Perm"), permissions: ["api-credentials.view", "root.all"] }, "permissions", /Unknown permission/],
      [{ ...base, title: "", description: "x".repeat(501) }, "title", /Enter a title/],
      [{ ...base, title: unique("Open"), allowedIps: ["::/0"], confirmOpenRange: false }, "confirmOpenRange", /./],
    ];
    for (const [payload, field, message] of cases) {
      const r = await replayServerAction(page.request, action, { body: body(payload) });
      const result = r.result as { ok: boolean; fieldErrors?: Record<string, string[]> };
      expect(result.ok, field).toBe(false);
      expect(result.fieldErrors?.[field]?.join(" "), JSON.stringify(payload)).toMatch(message);
    }

    // Several bad entries: each one message, at its index, naming it and what is wrong with it.
    const ips = await replayServerAction(page.request, action, {
      body: body({ ...base, title: unique("Bad IPs"), allowedIps: ["10.0.0.1", "256.1.1.1", "fe80::1%eth0", "256.1.1.1", "2001:db8::/129", "1::2::3"] }),
    });
    expect((ips.result as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      "allowedIps.1": ["256.1.1.1: “256” is over 255 (each number of an IPv4 address is 0–255)."],
      "allowedIps.2": ["fe80::1%eth0: zone IDs (like %eth0) aren't allowed: remove the part from %."],
      "allowedIps.4": ["2001:db8::/129: the prefix length must be between 0 and 128 for IPv6."],
      "allowedIps.5": ["1::2::3: “::” may appear only once in an IPv6 address."],
    });

    // A private key is refused by its label, with the leak warning.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-priv-"));
    execFileSync("openssl", ["ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", path.join(dir, "k.pem")]);
    const priv = fs.readFileSync(path.join(dir, "k.pem"), "utf8");
    fs.rmSync(dir, { recursive: true, force: true });
    const pk = await replayServerAction(page.request, action, { body: body({ ...base, title: unique("Priv"), tokenType: "public_key", publicKey: priv }) });
    expect((pk.result as { fieldErrors: Record<string, string[]> }).fieldErrors.publicKey[0]).toMatch(/treat this one as leaked/);

    // An extra key (e.g. an owner) is refused by the strict schema.
    const owner = await replayServerAction(page.request, action, { body: body({ ...base, title: unique("Owner"), ownerId: "someone-else" }) });
    expect(owner.result).toMatchObject({ ok: false, status: 400 });

    // A permission beyond the caller's role: refused, not trimmed.
    const narrow = await createUserWithRole({ name: "Tim Tamper", permissions: ["api-credentials.view", "api-credentials.manage"] });
    const narrowPage = await pageAs(narrow);
    const beyond = await replayServerAction(narrowPage.request, action, {
      body: body({ ...base, title: unique("Beyond"), permissions: ["api-credentials.view", "device-reports.view"] }),
    });
    expect((beyond.result as { fieldErrors: Record<string, string[]> }).fieldErrors.permissions[0]).toMatch(/View Device reports/);

    // Nothing above was created.
    const db = openTestDb();
    try {
      const n = db.prepare("select count(*) as n from api_tokens where title like 'Past %' or title like 'Far %' or title like 'Priv %' or title like 'Owner %' or title like 'Beyond %'").get();
      expect(n).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  test("signed out → 401; without API credentials: manage → 403", async ({ browser, pageAs }) => {
    const anon = await browser.newContext({ storageState: NO_SESSION });
    const r = await replayServerAction(anon.request, action, { body: body({ ...base, title: unique("Anon") }) });
    expect(r.result).toMatchObject({ ok: false, status: 401 });
    await anon.close();

    const viewer = await createUserWithRole({ name: "Vic Viewer", permissions: ["api-credentials.view"] });
    const page = await pageAs(viewer);
    const v = await replayServerAction(page.request, action, { body: body({ ...base, title: unique("Viewer") }) });
    expect(v.result).toMatchObject({ ok: false, status: 403 });
    expect((await page.goto("/api-management/new"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: /403/ })).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveCount(0);
    await page.goto("/api-management");
    await expect(page.getByRole("link", { name: "Create token" })).toHaveCount(0);
  });

  test("a valid direct call returns the secret once, with Cache-Control: no-store", async ({ page }) => {
    const r = await replayServerAction(page.request, action, { body: body({ ...base, title: unique("Direct") }) });
    const result = r.result as { ok: true; data: { tokenId: string; secret: string } };
    expect(result.ok).toBe(true);
    expect(result.data.secret).toMatch(SECRET_RE);
    recordSecret(result.data.secret);
    const response = await page.request.post(action.url, {
      headers: { "Next-Action": action.actionId, "Content-Type": action.contentType, Accept: "text/x-component", Origin: new URL(action.url).origin },
      data: body({ ...base, title: unique("Header") }),
    });
    expect(response.headers()["cache-control"]).toContain("no-store");
    const text = await response.text();
    const secret = /kwsk_[0-9A-Za-z]{49}/.exec(text)?.[0];
    expect(secret).toBeTruthy();
    recordSecret(secret!);
  });
});
