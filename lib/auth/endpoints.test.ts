import { describe, expect, it } from "vitest";
import { isOpenAuthEndpoint, withoutSessionToken } from "./endpoints";

describe("better-auth endpoints", () => {
  it("opens only sign-in, sign-out and the session", () => {
    expect(isOpenAuthEndpoint("POST", "http://h/api/auth/sign-in/email")).toBe(true);
    expect(isOpenAuthEndpoint("POST", "http://h/api/auth/sign-out")).toBe(true);
    expect(isOpenAuthEndpoint("GET", "http://h/api/auth/get-session?x=1")).toBe(true);
  });

  it.each([
    ["POST", "/api/auth/update-user"],
    ["POST", "/api/auth/change-password"],
    ["POST", "/api/auth/change-email"],
    ["POST", "/api/auth/delete-user"],
    ["GET", "/api/auth/list-sessions"],
    ["POST", "/api/auth/revoke-other-sessions"],
    ["POST", "/api/auth/sign-up/email"],
    ["POST", "/api/auth/request-password-reset"],
    ["GET", "/api/auth/sign-in/email"],
    ["POST", "/api/auth/sign-in/email/../../update-user"],
  ])("closes %s %s", (method, path) => {
    expect(isOpenAuthEndpoint(method, `http://h${path}`)).toBe(false);
  });
});

describe("withoutSessionToken", () => {
  it("drops the session token from sign-in and session bodies and keeps the cookie", async () => {
    const headers = new Headers({ "content-type": "application/json" });
    headers.append("set-cookie", "better-auth.session_token=abc; HttpOnly");
    const signIn = await withoutSessionToken(new Response(JSON.stringify({ redirect: false, token: "abc", user: { id: "u" } }), { headers }));
    expect(await signIn.json()).toEqual({ redirect: false, user: { id: "u" } });
    expect(signIn.headers.getSetCookie()).toEqual(["better-auth.session_token=abc; HttpOnly"]);

    const session = await withoutSessionToken(Response.json({ session: { id: "s", token: "abc" }, user: { id: "u" } }));
    expect(JSON.stringify(await session.json())).not.toContain("abc");
  });

  it("leaves other answers alone", async () => {
    const plain = new Response("ok");
    expect(await withoutSessionToken(plain)).toBe(plain);
    const error = Response.json({ code: "X", message: "m" }, { status: 401 });
    expect((await withoutSessionToken(error)).status).toBe(401);
  });
});
