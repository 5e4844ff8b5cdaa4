import type { BrowserContext, Page } from "@playwright/test";
import { ADMIN, THROTTLE_URL, axeViolations, expect, signIn, test, unique } from "./fixtures";
import { addRole, addUser, confirm, fillAddUser, gotoUser, openAddUser, userRow } from "./pages/users-roles";
import { captureServerAction, replayServerAction, type CapturedServerAction } from "./server-action";

const PASSWORD = "a long enough password 3";
const BAD_CREDENTIALS = "The email or password is incorrect.";

function newEmail(prefix: string) {
  return `${unique(prefix).replace(/\s/g, "-")}@example.com`;
}

/** The captured add-user body with its email swapped, so a replay would create someone new. */
function withEmail(action: CapturedServerAction, email: string): string {
  const args = JSON.parse(action.body) as [{ email: string }];
  args[0].email = email;
  return JSON.stringify(args);
}

async function failedSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/sign-in/email")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  await page.goto("/login");
  await failedSignIn(page, ADMIN.email, "not the right password");
  await expect(page.getByRole("alert").filter({ hasText: BAD_CREDENTIALS })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);

  await page.reload();
  await failedSignIn(page, newEmail("nobody"), "not the right password");
  await expect(page.getByRole("alert").filter({ hasText: BAD_CREDENTIALS })).toBeVisible();
  await expect(page).toHaveURL(/\/login(\?next=[^&]*)?$/);
  expect(await axeViolations(page)).toEqual([]);
});

test("the session cookie is HttpOnly and SameSite=Lax, and a planted cookie is replaced at sign-in", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const host = new URL(baseURL!).hostname;
  const planted = "planted-by-an-attacker.c2lnbmF0dXJl";
  await context.addCookies([{ name: "better-auth.session_token", value: planted, domain: host, path: "/", httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  // The planted value opens nothing.
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login(\?next=[^&]*)?$/);

  await signIn(page, ADMIN.email, ADMIN.password);
  const session = (await context.cookies()).find((c) => c.name === "better-auth.session_token");
  expect(session).toBeDefined();
  expect(session!.value).not.toBe(planted);
  expect(session!.value.length).toBeGreaterThan(20);
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await context.close();
});

test("a role without Users and roles: manage gets a 403 page, no Users link, and its direct action call is refused", async ({ adminPage: page, browser, playwright, baseURL }) => {
  const roleName = unique("API keepers");
  await addRole(page, roleName, ["View API credentials", "Manage API credentials"]);

  // The administrator adds the user; that real submission is the request replayed below.
  const email = newEmail("kim");
  const name = unique("Kim Keeper");
  await page.goto("/users");
  await openAddUser(page);
  await fillAddUser(page, { email, name, role: roleName, password: PASSWORD });
  const action = await captureServerAction(page, () =>
    page.getByRole("dialog", { name: "Add user" }).getByRole("button", { name: "Add user" }).click(),
  );
  await expect(page.getByRole("dialog", { name: "Add user" })).toBeHidden();
  await gotoUser(page, email);
  await expect(userRow(page, email)).toBeVisible();

  const context = await browser.newContext();
  const kim = await context.newPage();
  await signIn(kim, email, PASSWORD);
  const nav = kim.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "API management" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Roles" })).toHaveCount(0);

  const usersResponse = await kim.goto("/users");
  expect(usersResponse?.status()).toBe(403);
  await expect(kim.getByRole("heading", { name: /403/ })).toBeVisible();
  expect(await axeViolations(kim)).toEqual([]);
  const rolesResponse = await kim.goto("/roles");
  expect(rolesResponse?.status()).toBe(403);
  await expect(kim.getByRole("heading", { name: /403/ })).toBeVisible();

  // Kim calls the add-user action directly: refused inside the action.
  const smuggled = newEmail("smuggled");
  const asKim = await replayServerAction(context.request, action, { body: withEmail(action, smuggled) });
  expect(asKim.result).toMatchObject({ ok: false, status: 403, error: "You don't have permission to do this." });

  // So is a caller with no session at all.
  const anonymous = await playwright.request.newContext({ baseURL });
  const signedOut = await replayServerAction(anonymous, action, { body: withEmail(action, smuggled) });
  expect(signedOut.result).toMatchObject({ ok: false, status: 401 });
  await anonymous.dispose();
  await context.close();

  await gotoUser(page, smuggled);
  await expect(page.getByRole("heading", { name: `No users match “${smuggled}”` })).toBeVisible();
});

test("cross-origin POSTs to a server action are refused before it runs", async ({ adminPage: page }) => {
  const email = newEmail("origin");
  await page.goto("/users");
  await openAddUser(page);
  await fillAddUser(page, { email, name: unique("Origin Check"), role: "System Administrator", password: PASSWORD });
  const action = await captureServerAction(page, () =>
    page.getByRole("dialog", { name: "Add user" }).getByRole("button", { name: "Add user" }).click(),
  );
  await expect(page.getByRole("dialog", { name: "Add user" })).toBeHidden();
  await gotoUser(page, email);
  await expect(userRow(page, email)).toBeVisible();

  const evil = newEmail("evil");
  for (const origin of ["https://evil.example", "null", false] as const) {
    const r = await replayServerAction(page.request, action, { body: withEmail(action, evil), origin });
    expect(r.status, `Origin: ${origin}`).toBe(403);
    expect(r.text).toContain("Cross-site request refused.");
  }
  const signInFromEvil = await page.request.post("/api/auth/sign-in/email", {
    headers: { Origin: "https://evil.example" },
    data: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(signInFromEvil.status()).toBe(403);

  // The same replay from our own origin works, so the refusals above were about the Origin alone.
  const control = newEmail("control");
  const ok = await replayServerAction(page.request, action, { body: withEmail(action, control) });
  expect(ok.result).toMatchObject({ ok: true });

  await gotoUser(page, control);
  await expect(userRow(page, control)).toBeVisible();
  await gotoUser(page, evil);
  await expect(page.getByRole("heading", { name: `No users match “${evil}”` })).toBeVisible();
});

test("security headers on page responses", async ({ page, adminPage }) => {
  for (const response of [await page.goto("/login"), await adminPage.goto("/users")]) {
    const h = response!.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).toContain("default-src 'self'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  }
});

test("axe: console pages in their current state have no violations", async ({ adminPage: page }) => {
  for (const [url, heading] of [
    ["/users", "Users"],
    ["/roles", "Roles"],
    ["/api-management", "API management"],
    ["/events", "Event history"],
    ["/outbox", "Outbox"],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    expect(await axeViolations(page), url).toEqual([]);
  }
});

// The throttle server runs production sign-in limits on its own fresh database.
test.describe("on the throttle server", () => {
  test.describe.configure({ mode: "serial" });
  const TESS = { name: "Tess Throttle", email: "tess@example.com", password: "throttle server admin password" };
  let context: BrowserContext;
  let tess: Page;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext({ baseURL: THROTTLE_URL });
    tess = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test("Set up with its own administrator", async () => {
    await tess.goto("/login");
    await expect(tess).toHaveURL(/\/setup$/);
    await tess.getByLabel("Name").fill(TESS.name);
    await tess.getByLabel("Email").fill(TESS.email);
    await tess.getByLabel("Password", { exact: true }).fill(TESS.password);
    await tess.getByLabel("Confirm password").fill(TESS.password);
    await tess.getByRole("button", { name: "Create administrator" }).click();
    await tess.waitForURL(/\/api-management/);
  });

  test("only failed sign-ins are throttled: five per account, then even the right password waits, and the page says how long", async ({ browser }) => {
    const other = await browser.newContext({ baseURL: THROTTLE_URL });
    const page = await other.newPage();
    // Successes never count: six sign-ins in a row from one address (an office behind one NAT).
    for (let i = 1; i <= 6; i++) {
      await signIn(page, TESS.email, TESS.password);
      await other.clearCookies();
    }
    await page.goto("/login");
    for (let i = 1; i <= 5; i++) {
      await failedSignIn(page, TESS.email, `wrong password ${i}`);
      await expect(page.getByRole("alert").filter({ hasText: BAD_CREDENTIALS })).toBeVisible();
    }
    await page.getByLabel("Email").fill(TESS.email);
    await page.getByLabel("Password").fill(TESS.password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/auth/sign-in/email")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect(response.status()).toBe(429);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(800);
    await expect(page.getByRole("alert").filter({ hasText: /Too many failed sign-ins\. Try again in 1[45] minutes\./ })).toBeVisible();
    await expect(page).toHaveURL(/\/login(\?next=[^&]*)?$/);
    await other.close();
  });

  test("the last active System Administrator can't be suspended, deleted or demoted", async ({ browser }) => {
    const roleName = "User managers";
    await addRole(tess, roleName, ["Manage Users and roles", "View API credentials"]);
    const mo = { email: "mo@example.com", name: "Mo Manager", password: PASSWORD };
    await addUser(tess, { ...mo, role: roleName });

    const other = await browser.newContext({ baseURL: THROTTLE_URL });
    const page = await other.newPage();
    await signIn(page, mo.email, mo.password);
    await gotoUser(page, TESS.email);
    const row = userRow(page, TESS.email);
    await row.getByRole("button", { name: /^Suspend / }).click();
    await confirm(page, "Suspend user");
    await expect(page.getByRole("alert").filter({ hasText: "You can't suspend the last active System Administrator." })).toBeVisible();
    await row.getByRole("button", { name: /^Delete / }).click();
    await confirm(page, "Delete user");
    await expect(page.getByRole("alert").filter({ hasText: "You can't delete the last active System Administrator." })).toBeVisible();
    await row.getByRole("button", { name: /^Change role / }).click();
    const dialog = page.getByRole("dialog", { name: `Change role for ${TESS.name}` });
    await dialog.getByLabel("Role").selectOption({ label: roleName });
    await dialog.getByRole("button", { name: "Save role" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: "You can't demote the last active System Administrator." })).toBeVisible();
    await other.close();

    await gotoUser(tess, TESS.email);
    await expect(userRow(tess, TESS.email)).toContainText("System Administrator");
    await expect(userRow(tess, TESS.email)).toContainText("Active");
  });
});
