import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS } from "./permissions";
import { CONSOLE_PAGES, mayOpenPage, startPage } from "./console-pages";

describe("console pages", () => {
  it("a System Administrator may open every page and starts on API management", () => {
    const admin = { permissions: [...ALL_PERMISSIONS], isSystemAdmin: true };
    expect(CONSOLE_PAGES.every((p) => mayOpenPage(admin, p.href))).toBe(true);
    expect(startPage(admin)).toBe("/api-management");
  });
  it("each person starts on the first page they may open", () => {
    expect(startPage({ permissions: ["api-credentials.view"], isSystemAdmin: false })).toBe("/api-management");
    expect(startPage({ permissions: ["event-history.view"], isSystemAdmin: false })).toBe("/events");
    expect(startPage({ permissions: ["users-roles.view", "users-roles.manage"], isSystemAdmin: false })).toBe("/users");
    expect(startPage({ permissions: [], isSystemAdmin: false })).toBe("/docs/api");
  });
  it("the Outbox and Key rotation are for System Administrators only, whatever the permissions", () => {
    expect(mayOpenPage({ permissions: [...ALL_PERMISSIONS], isSystemAdmin: false }, "/outbox")).toBe(false);
    expect(mayOpenPage({ permissions: [...ALL_PERMISSIONS], isSystemAdmin: false }, "/rotations")).toBe(false);
  });
});
