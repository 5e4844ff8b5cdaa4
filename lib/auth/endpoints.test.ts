import { describe, expect, it } from "vitest";
import { isOpenAuthEndpoint } from "./endpoints";

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
