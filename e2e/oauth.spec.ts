import { spawnSync } from "node:child_process";
import path from "node:path";
import { BearerClient } from "@/lib/api-client/bearer";
import { expect, test, TMP, unique } from "./fixtures";
import { createWithDefaults, recordSecret } from "./helpers/token-fixtures";

// Token exchange end to end against the real server.ts: a console-made token exchanged for an
// access token, its exchanges on the token page, and revocation in the console ending it.

const ROOT = path.resolve(import.meta.dirname, "..");
const GROUPS = "/v3/configurations/device-groups/groups";

test("a console-made token is exchanged for a bearer access token, its exchanges show on its page, and revoking it in the console ends the access token", async ({ adminPage: page }) => {
  test.setTimeout(120_000);
  const title = unique("Bearer exchange");
  await createWithDefaults(page, title);
  const dialog = page.getByRole("dialog", { name: "API token created" });
  const tokenId = await dialog.getByLabel("Token ID").inputValue();
  const secret = await dialog.getByLabel("Secret key").inputValue();
  recordSecret(secret);
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  const base = new URL(page.url()).origin;

  // The CLI, as a person would run it; its access-token cache goes to the suite's folder.
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/api.ts", "GET", GROUPS, "--bearer", "--token-id", tokenId, `--secret=${secret}`, "--url", base], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, XDG_CACHE_HOME: path.join(TMP, "oauth-cache") },
  });
  expect(r.status, r.stderr).toBe(0);
  expect((JSON.parse(r.stdout) as { data: unknown[] }).data).toHaveLength(4);

  const client = new BearerClient(base, { tokenId, secret });
  const accessToken = await client.accessToken();
  expect((await client.call<{ data: unknown[] }>("GET", GROUPS)).data).toHaveLength(4);

  await page.goto("/api-management");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  // Two exchanges (the CLI's and the client's): the first is written at once, the next within
  // the server's periodic write of pending counts (10 s).
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("definition").filter({ hasText: /^2, last / })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  await page.getByRole("dialog", { name: `Revoke ${title}?` }).getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("dialog", { name: `Revoke ${title}?` })).toBeHidden();

  const refused = await fetch(base + GROUPS, { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(refused.status).toBe(401);
  expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer realm="keyward", error="invalid_token"/);
  expect(((await refused.json()) as { message: string }).message).toBe("The API token was revoked.");

  const again = await fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${Buffer.from(`${tokenId}:${secret}`).toString("base64")}` },
    body: "grant_type=client_credentials",
  });
  expect(again.status).toBe(401);
  expect(await again.json()).toEqual({ error: "invalid_client", error_description: "The API token was revoked." });
});
