import { expect, test } from "./fixtures";

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
