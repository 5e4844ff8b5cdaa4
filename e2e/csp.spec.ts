import { ADMIN_STATE, expect, NO_SESSION, test } from "./fixtures";

// Issue 12, item 27: console pages allow only the scripts Next marked with that response's
// nonce, so markup an attacker slips into a page can't run script.

function scriptSrc(csp: string | undefined): string {
  return csp?.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
}

test.use({ storageState: NO_SESSION });

test("script-src has a fresh nonce per page and no 'unsafe-inline', and every script Next sends carries it", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const src = scriptSrc(first.headers()["content-security-policy"]);
  expect(src).toMatch(/'nonce-[A-Za-z0-9+/]+={0,2}'/);
  expect(src).not.toContain("unsafe-inline");
  expect(src).not.toContain("unsafe-eval");
  const nonce = /'nonce-([^']+)'/.exec(src)![1];
  expect(scriptSrc(second.headers()["content-security-policy"])).not.toContain(nonce);

  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test("pages still hydrate and work under the policy, and an injected inline script is blocked", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && m.text().includes("Content Security Policy")) violations.push(m.text());
  });
  // An attacker's inline script in the page's own HTML, as a stored-XSS bug would put it there.
  await page.route("**/login", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace("<body", '<script>window.injectedRan = true</script><body');
    await route.fulfill({ response, body });
  });
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { injectedRan?: boolean }).injectedRan)).toBeUndefined();
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join("\n")).toContain("inline script");

  // React has hydrated: the form validates in the browser when Sign in is pressed empty.
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter an email address.")).toBeVisible();
});

test("a signed-in page's buttons work under the policy", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && m.text().includes("Content Security Policy")) violations.push(m.text());
  });
  await page.goto("/api-management/new");
  await page.getByRole("button", { name: "Choose date" }).click();
  await expect(page.getByRole("dialog", { name: "Calendar" })).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});
