import { expect, test } from "./fixtures";
import { e2eDb } from "./helpers/token-db";

// SECURITY.md: headers a client must never control. server.ts strips them before Next sees
// the request: Next's internal subrequest marker (the middleware-bypass class of CVE-2025-29927)
// and our own trusted client-IP header.

test("x-middleware-subrequest doesn't get a signed-out request past the sign-in redirect", async ({ request }) => {
  for (const path of ["/users", "/api-management", "/events"]) {
    const res = await request.get(path, {
      headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
      maxRedirects: 0,
    });
    expect(res.status(), path).toBe(307);
    expect(res.headers()["location"], path).toBe(`/login?next=${encodeURIComponent(path)}`);
  }
});

test("a spoofed client-IP header is replaced by the socket address in recorded events", async ({ page }) => {
  const spoofed = "203.0.113.66";
  const marker = `spoof-${Date.now()}@example.com`;
  await page.context().setExtraHTTPHeaders({ "x-keyward-client-ip": spoofed, "x-forwarded-for": spoofed });
  await page.goto("/login");
  await page.getByLabel("Email").fill(marker);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();

  const db = e2eDb();
  try {
    const row = db.prepare("select source_ip from events where action = 'user.sign_in_failed' and actor_label = ?").get(marker) as
      | { source_ip: string }
      | undefined;
    expect(row?.source_ip).toBe("127.0.0.1");
  } finally {
    db.close();
  }
});

test("the API's own answers, made before Next, carry the same security headers as the console's", async ({ request }) => {
  const expected = (await request.get("/login")).headers();
  const answers = [
    await request.post("/jws/validate", { data: "not.a.jws", headers: { "content-type": "text/plain" } }),
    await request.get("/v3/configurations/device-groups/groups"),
    await request.post("/oauth/token", { form: { grant_type: "client_credentials" } }),
    await request.get("/.well-known/jwks.json"),
  ];
  // The same policy, less the page's own script nonce (the API sends no scripts to allow).
  expected["content-security-policy"] = expected["content-security-policy"]?.replace(/ 'nonce-[^']+' 'strict-dynamic'/, "");
  for (const name of ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"]) {
    expect(expected[name], name).toBeTruthy();
    for (const r of answers) expect(r.headers()[name], `${r.url()} ${name}`).toBe(expected[name]);
  }
  expect(answers.map((r) => r.status())).toEqual([401, 401, 401, 200]);
});
