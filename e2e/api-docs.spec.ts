import { axeViolations, expect, signIn, test, unique } from "./fixtures";
import { addRole, addUser } from "./pages/users-roles";

// The API reference: /openapi.json as served, and its rendering at /docs/api.

type Doc = { openapi: string; info: { title: string }; paths: Record<string, Record<string, { summary: string }>> };

const OAUTH_AND_BEARER = /^\/(oauth|\.well-known|v3)\//;

test("/openapi.json is the OpenAPI 3.1 document, JSON, cacheable and revalidated by ETag", async ({ request }) => {
  const res = await request.get("/openapi.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(res.headers()["cache-control"]).toBe("public, max-age=300");
  const doc = (await res.json()) as Doc;
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.info.title).toBe("Keyward API");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/jws/validate", "/oauth/token", "/v3/reporting/devices", "/openapi.json"]));

  const etag = res.headers()["etag"];
  expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  const again = await request.get("/openapi.json", { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
});

/** Each documented operation, requested without credentials: an API answers JSON, Next's 404 page does not. */
async function unansweredRoutes(request: import("@playwright/test").APIRequestContext, filter: (path: string) => boolean) {
  const doc = (await (await request.get("/openapi.json")).json()) as Doc;
  const missing: string[] = [];
  let checked = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!filter(path)) continue;
    for (const method of Object.keys(item)) {
      const res = await request.fetch(path, { method: method.toUpperCase(), maxRedirects: 0 });
      checked++;
      const type = res.headers()["content-type"] ?? "";
      if (!type.startsWith("application/json")) missing.push(`${method.toUpperCase()} ${path} → ${res.status()} ${type}`);
    }
  }
  return { missing, checked };
}

test("every documented signed-request and discovery route is answered by the server", async ({ request }) => {
  const { missing, checked } = await unansweredRoutes(request, (p) => !OAUTH_AND_BEARER.test(p));
  expect(checked).toBe(2);
  expect(missing).toEqual([]);
});

test("every documented OAuth and bearer route is answered by the server", async ({ request }) => {
  const { missing, checked } = await unansweredRoutes(request, (p) => OAUTH_AND_BEARER.test(p));
  expect(checked).toBeGreaterThanOrEqual(12);
  expect(missing).toEqual([]);
});

test("API reference renders the document for a user whose role grants no console page, offline, with no axe violations", async ({ adminPage, browser, baseURL }) => {
  test.setTimeout(180_000);
  const role = unique("Docs reader");
  await addRole(adminPage, role, ["View Software reports"]);
  const email = `${unique("reader").replace(/\s/g, "-")}@example.com`;
  const password = "a long enough password 1";
  await addUser(adminPage, { email, name: unique("Reader"), role, password });

  const context = await browser.newContext();
  const page = await context.newPage();
  // Offline: nothing but this server (no CDN, fonts or telemetry), not even an attempt the CSP stops.
  const remote: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (["http:", "https:", "ws:", "wss:"].includes(url.protocol) && url.origin !== new URL(baseURL!).origin) remote.push(r.url());
  });
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) remote.push(m.text());
  });
  await signIn(page, email, password);
  // No console page is theirs, so the API reference is where they start.
  await page.waitForURL(/\/docs\/api$/);

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "API reference" }).click();
  await page.waitForURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API reference" })).toHaveAttribute("aria-current", "page");

  // Every endpoint at a glance, rendered with the page; the full reference loads when asked for
  // (only then is Scalar's code fetched).
  const endpoints = page.getByRole("region", { name: "Endpoints" });
  await expect(endpoints.getByRole("heading", { name: "OAuth 2.0", level: 3 })).toBeVisible();
  const tokenEndpoint = endpoints.getByRole("listitem").filter({ hasText: "/oauth/token" });
  await expect(tokenEndpoint).toContainText("POST");
  await expect(tokenEndpoint).toContainText("Exchange an API token for an access token");
  const doc = (await (await page.request.get("/openapi.json")).json()) as Doc;
  const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item)).length;
  await expect(endpoints.getByRole("listitem")).toHaveCount(operations);
  await expect(page.getByRole("heading", { name: "Keyward API" })).toHaveCount(0);
  // No CSP violation, not even one the page catches (zod's eval probe was one): Chromium's issues.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Audits.enable");
  cdp.on("Audits.issueAdded", (e) => {
    if (e.issue.code === "ContentSecurityPolicyIssue") remote.push(JSON.stringify(e.issue.details).slice(0, 300));
  });
  await page.getByRole("button", { name: "Show the full reference" }).click();

  // Operations by their summaries, as a reader finds them.
  const full = page.getByRole("region", { name: "Full reference" });
  await expect(full.getByRole("heading", { name: "Keyward API" })).toBeVisible({ timeout: 90_000 });
  await full.getByRole("button", { name: /^Resources/ }).click();
  await full.getByRole("button", { name: /List devices/ }).click();
  await expect(full.getByText("Required permissions:").first()).toBeVisible();
  await expect(full.getByText("View Device reports (device-reports.view)").first()).toBeVisible();
  await full.getByRole("button", { name: /^OAuth 2\.0/ }).click();
  await expect(full.getByText("Exchange an API token for an access token")).toBeVisible();

  expect(await axeViolations(page)).toEqual([]);
  expect(remote).toEqual([]);
  await context.close();
});

test("API reference says so when the document cannot be loaded, and loads it on retry", async ({ adminPage: page }) => {
  test.setTimeout(150_000);
  let fail = true;
  await page.route("**/openapi.json", (route) => (fail ? route.fulfill({ status: 503, body: "" }) : route.continue()));
  await page.goto("/docs/api");
  await page.getByRole("button", { name: "Show the full reference" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The API reference couldn’t be loaded" });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(alert).toContainText("The server answered 503.");
  fail = false;
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Keyward API" })).toBeVisible({ timeout: 90_000 });
});
