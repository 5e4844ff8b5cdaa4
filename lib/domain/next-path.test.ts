import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it.each([
    ["/events?action=token.created", "/events?action=token.created"],
    ["/api-management/42", "/api-management/42"],
    ["/users?q=a%20b#top", "/users?q=a%20b#top"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "events",
    "/login",
    "/setup?x=1",
    "/\t/evil.example",
    "",
    null,
    ["/events"],
    "/" + "a".repeat(2001),
  ])("refuses %j", (input) => {
    expect(safeNextPath(input)).toBeNull();
  });
});
