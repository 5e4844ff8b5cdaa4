import { ADMIN, expect, test } from "./fixtures";

test("better-auth endpoints the console doesn't use are closed, even to a signed-in user", async ({ adminPage, baseURL }) => {
  const request = adminPage.request;
  const before = await (await request.get("/api/auth/get-session")).json();
  expect(before.user.name).toBeTruthy();

  for (const path of ["/api/auth/update-user", "/api/auth/change-password", "/api/auth/list-sessions", "/api/auth/revoke-other-sessions"]) {
    const response = await request.post(path, { headers: { Origin: baseURL! }, data: { name: "Renamed\u0007".repeat(500), currentPassword: "x", newPassword: "y" } });
    expect(response.status(), path).toBe(404);
  }
  const after = await (await request.get("/api/auth/get-session")).json();
  expect(after.user.name).toBe(before.user.name);
});

test("a request for a host name the installation doesn't answer to gets 421 before anything runs", async ({ playwright, baseURL }) => {
  const rebinding = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Host: "attacker.example" } });
  for (const path of ["/login", "/api/auth/get-session", "/.well-known/jwks.json"]) {
    expect((await rebinding.get(path)).status(), path).toBe(421);
  }
  const signIn = await rebinding.post("/api/auth/sign-in/email", { headers: { Origin: "http://attacker.example" }, data: { email: "a@example.com", password: "x" } });
  expect(signIn.status()).toBe(421);
  await rebinding.dispose();

  const direct = await playwright.request.newContext({ baseURL });
  expect((await direct.get("/login")).status()).toBe(200);
  await direct.dispose();
});

test("sign-in and session answers never hand the session token to page script", async ({ playwright, baseURL }) => {
  const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const signIn = await client.post("/api/auth/sign-in/email", { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(signIn.status()).toBe(200);
  const cookie = (await client.storageState()).cookies.find((c) => c.name.endsWith("session_token"));
  expect(cookie?.httpOnly).toBe(true);
  const token = decodeURIComponent(cookie!.value).split(".")[0];
  expect(await signIn.text()).not.toContain(token);
  const session = await client.get("/api/auth/get-session");
  expect(((await session.json()) as { user: { email: string } }).user.email).toBe(ADMIN.email);
  expect(await session.text()).not.toContain(token);
  await client.dispose();
});
