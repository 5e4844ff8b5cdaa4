import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { callApi, ApiError, readTokenFile } from "@/lib/api-client";
import { expect, signIn, test, TMP, unique } from "./fixtures";
import { createAllowingAnyIp, recordSecret } from "./helpers/token-fixtures";
import { addRole, addUser, confirm, gotoUser, userRow } from "./pages/users-roles";

// The token API end to end: tokens made in the console, requests signed by lib/api-client and
// the `npm run api` CLI, sent to the real server.ts.

const ROOT = path.resolve(import.meta.dirname, "..");
const WORK = path.join(TMP, "api-spec");
const PASSWORD = "a long enough password 1";
const GROUPS = "/v3/configurations/device-groups/groups";
const DEVICES = "/v3/reporting/devices";

type Json = { data?: unknown; code?: string; message?: string; details?: unknown[]; status?: number };

/** Runs the CLI as a user would (`node --import tsx scripts/api.ts …`); parses its JSON output. */
function cli(args: string[]): { code: number | null; json: Json } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/api.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  const out = r.status === 0 ? r.stdout : r.stderr;
  try {
    return { code: r.status, json: JSON.parse(out) as Json };
  } catch {
    throw new Error(`The CLI printed no JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

/** A custom role and a user holding it (through the Users and Roles pages), signed in on a page of its own. */
async function creatorWithRole(admin: Page, browser: Browser, permissions: string[], deviceGroups: string[] = []) {
  const roleName = unique("API role");
  await addRole(admin, roleName, permissions);
  const email = `${unique("api-user").replace(/\s/g, "-")}@example.com`;
  const name = unique("Api User");
  await addUser(admin, { email, name, role: roleName, password: PASSWORD, deviceGroups });
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  return { roleName, email, name, page };
}

/** Fills /api-management/new; returns the reveal dialog once the token exists. */
async function createToken(page: Page, o: { title: string; uncheck?: string[]; publicKeyPem?: string; allowedIp?: string }) {
  await page.goto("/api-management/new");
  await page.getByLabel("Title").fill(o.title);
  if (o.publicKeyPem) {
    await page.getByRole("radio", { name: /Upload public key/ }).check();
    await page.getByLabel("Public key", { exact: true }).fill(o.publicKeyPem);
  }
  for (const p of o.uncheck ?? []) await page.getByRole("checkbox", { name: p, exact: true }).uncheck();
  if (o.allowedIp) {
    await page.getByLabel("Allowed IP addresses").fill(o.allowedIp);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("button", { name: "Create", exact: true }).click();
  } else {
    await createAllowingAnyIp(page);
  }
  const dialog = page.getByRole("dialog", { name: "API token created" });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Creates a generated token, downloads its .token file and closes the dialog; returns the file's path. */
async function createAndDownload(page: Page, o: { title: string; uncheck?: string[]; allowedIp?: string }): Promise<string> {
  const dialog = await createToken(page, o);
  recordSecret(await dialog.getByLabel("Secret key").inputValue());
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download token" }).click();
  const download = await downloading;
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, download.suggestedFilename());
  await download.saveAs(file);
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(dialog).toBeHidden();
  return file;
}

test("a generated token from the console works with the CLI, sees only its device group, is refused what it lacks, and stops at revocation", async ({ adminPage, browser }) => {
  test.setTimeout(180_000);
  const { page } = await creatorWithRole(
    adminPage,
    browser,
    ["Manage API credentials", "View Device reports", "View Device fields", "View Device groups", "Run Reach scripts", "View Address-level location"],
    ["Kiosks"],
  );
  const title = unique("Kiosk reporter");
  const file = await createAndDownload(page, { title, uncheck: ["Run Reach scripts"] });
  const token = readTokenFile(file);
  expect(token.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);

  const devices = cli([`GET`, DEVICES, "--query", "pageSize=500", "--token-file", file]);
  expect(devices.code).toBe(0);
  const list = devices.json.data as { deviceName: string; deviceGroupName: string }[];
  expect(list).toHaveLength(80);
  expect(new Set(list.map((d) => d.deviceGroupName))).toEqual(new Set(["Kiosks"]));

  // Unchecked on the token although the role has it: refused, naming the permission.
  const scripts = cli(["GET", "/v3/actions/reach/scripts", "--token-file", file]);
  expect(scripts.code).toBe(1);
  expect(scripts.json).toMatchObject({ status: 403, code: "FORBIDDEN", details: [{ permission: "reach-scripts.run", label: "Run Reach scripts" }] });

  // geoData needs Geolocation, which the role does not have.
  const geo = await apiError(callApi(token.apiUrl!, { method: "GET", path: DEVICES, query: { select: "deviceName,geoData" }, tokenId: token.tokenId, secret: token.secretKey }));
  expect(geo.status).toBe(403);
  expect(geo.details).toEqual([{ permission: "geolocation.view", label: "View Geolocation" }]);

  // Revoke on the token's page; the very next call is refused.
  await page.goto("/api-management");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  await page.getByRole("dialog", { name: `Revoke ${title}?` }).getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("dialog", { name: `Revoke ${title}?` })).toBeHidden();
  const revoked = cli(["GET", GROUPS, "--token-file", file]);
  expect(revoked.code).toBe(1);
  expect(revoked.json).toMatchObject({ status: 401, code: "TOKEN_REVOKED" });
  await page.context().close();
});

test("an uploaded public key made with openssl signs ES256 requests", async ({ adminPage, browser }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(WORK, { recursive: true });
  const priv = path.join(WORK, `private-${Date.now()}.pem`);
  const pub = path.join(WORK, `public-${Date.now()}.pem`);
  // The commands the README gives people without Node.
  expect(spawnSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", priv]).status).toBe(0);
  expect(spawnSync("openssl", ["ec", "-in", priv, "-pubout", "-out", pub]).status).toBe(0);

  const { page } = await creatorWithRole(adminPage, browser, ["Manage API credentials", "View Device groups"]);
  const dialog = await createToken(page, { title: unique("Uploaded key"), publicKeyPem: fs.readFileSync(pub, "utf8") });
  const tokenId = await dialog.getByLabel("Token ID").inputValue();
  await expect(dialog.getByLabel("Secret key")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close", exact: true }).click();

  const base = new URL(page.url()).origin;
  const r = cli(["GET", GROUPS, "--token-id", tokenId, "--private-key", priv, "--url", base]);
  expect(r.code).toBe(0);
  expect((r.json.data as unknown[]).length).toBe(4);
  // The same key presented as an HS256 secret is refused like any bad signature.
  const confused = cli(["GET", GROUPS, "--token-id", tokenId, `--secret=${fs.readFileSync(pub, "utf8")}`, "--url", base]);
  expect(confused.json).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  await page.context().close();
});

test("an allowlist without 127.0.0.1 refuses the call with 403, and a spoofed X-Forwarded-For changes nothing", async ({ adminPage, browser }) => {
  test.setTimeout(120_000);
  const { page } = await creatorWithRole(adminPage, browser, ["Manage API credentials", "View Device groups"]);
  const file = await createAndDownload(page, { title: unique("Office only"), allowedIp: "10.20.0.0/16" });

  const plain = cli(["GET", GROUPS, "--token-file", file]);
  expect(plain.json).toMatchObject({ status: 403, code: "IP_NOT_ALLOWED", details: [{ ip: "127.0.0.1" }] });
  for (const spoof of ["X-Forwarded-For: 10.20.1.1", "X-Real-IP: 10.20.1.1", "x-keyward-client-ip: 10.20.1.1"]) {
    const r = cli(["GET", GROUPS, "--token-file", file, "-H", spoof]);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: 403, code: "IP_NOT_ALLOWED", details: [{ ip: "127.0.0.1" }] });
  }
  await page.context().close();
});

test("demoting the creator's role narrows the token on the next call; suspending the creator stops it", async ({ adminPage, browser }) => {
  test.setTimeout(180_000);
  const { page, roleName, email, name } = await creatorWithRole(adminPage, browser, ["Manage API credentials", "View Device reports", "View Device fields", "View Device groups"]);
  const file = await createAndDownload(page, { title: unique("Demoted") });
  const t = readTokenFile(file);
  const call = (p: string) => callApi<{ data: unknown[] }>(t.apiUrl!, { method: "GET", path: p, tokenId: t.tokenId, secret: t.secretKey });
  expect((await call(GROUPS)).data).toHaveLength(4);
  await page.context().close();

  await adminPage.goto("/roles");
  await adminPage.getByRole("link", { name: `Edit ${roleName}` }).click();
  await adminPage.getByRole("checkbox", { name: "View Device groups", exact: true }).uncheck();
  await adminPage.getByRole("button", { name: "Save" }).click();
  await adminPage.waitForURL(/\/roles$/);

  const demoted = await apiError(call(GROUPS));
  expect(demoted).toMatchObject({ status: 403, code: "FORBIDDEN", details: [{ permission: "device-groups.view", label: "View Device groups" }] });
  expect((await call(DEVICES)).data).toHaveLength(50);

  await gotoUser(adminPage, email);
  await userRow(adminPage, email).getByRole("button", { name: /^Suspend / }).click();
  await confirm(adminPage, "Suspend user");
  await expect(adminPage.getByText(`${name} was suspended and signed out.`)).toBeVisible();
  const suspended = cli(["GET", DEVICES, "--token-file", file]);
  expect(suspended.json).toMatchObject({ status: 401, code: "TOKEN_SUSPENDED" });

  await userRow(adminPage, email).getByRole("button", { name: /^Reactivate / }).click();
  await expect(userRow(adminPage, email)).toContainText("Active");
  expect((await call(DEVICES)).data).toHaveLength(50);
});
