import { describe, expect, it } from "vitest";
import { translateMessage } from "./message";
import { translatorFor } from "@/lib/i18n/translator";
import { changeUserRoleSchema, createUserSchema, pageParam, roleSchema, updateRoleSchema } from "./user-schemas";

// The schemas speak in message keys; the tests read them as an English-speaking user would.
const inEnglish = (text: string) => translateMessage(translatorFor("en"), text);

const validUser = { email: " Grace@Example.com ", name: " Grace Hopper ", roleId: 2, deviceGroupIds: [1, 3, 1], initialPassword: "twelve chars!" };

describe("createUserSchema", () => {
  it("trims and lowercases, and de-duplicates device groups", () => {
    expect(createUserSchema.parse(validUser)).toEqual({ email: "grace@example.com", name: "Grace Hopper", roleId: 2, deviceGroupIds: [1, 3], initialPassword: "twelve chars!" });
  });

  it("gives one field-level message per bad field", () => {
    const r = createUserSchema.safeParse({ email: "nope", name: "", roleId: Number.NaN, deviceGroupIds: [], initialPassword: "short" });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), inEnglish(i.message)]));
    expect(byField).toEqual({
      email: "Enter a valid email address, like name@example.com.",
      name: "Enter a name.",
      roleId: "Choose a role.",
      initialPassword: "Use at least 12 characters.",
    });
  });

  it("refuses a name with a line break (it would end up in mail headers)", () => {
    expect(createUserSchema.safeParse({ ...validUser, name: "Eve\r\nBcc: x@example.com" }).success).toBe(false);
  });

  it("refuses a role id that isn't a positive integer", () => {
    expect(changeUserRoleSchema.safeParse({ userId: "u1", roleId: 0 }).success).toBe(false);
    expect(changeUserRoleSchema.safeParse({ userId: "u1", roleId: 1.5 }).success).toBe(false);
    expect(changeUserRoleSchema.safeParse({ userId: "", roleId: 1 }).success).toBe(false);
  });
});

describe("roleSchema", () => {
  it("normalises permissions: Manage brings View, duplicates go, catalogue order", () => {
    expect(roleSchema.parse({ name: " Auditors ", permissions: ["policies.manage", "device-reports.view", "policies.manage"] })).toEqual({
      name: "Auditors",
      permissions: ["device-reports.view", "policies.view", "policies.manage"],
    });
  });

  it("refuses unknown permissions instead of dropping them", () => {
    const r = roleSchema.safeParse({ name: "x", permissions: ["api-credentials.view", "root.everything"] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["permissions"]);
    expect(inEnglish(r.error!.issues[0].message)).toBe("Unknown permission: root.everything.");
  });

  it("needs a name and at least one permission", () => {
    const r = roleSchema.safeParse({ name: "  ", permissions: [] });
    expect(r.error!.issues.map((i) => inEnglish(i.message)).sort()).toEqual(["Choose at least one permission.", "Enter a role name."]);
  });

  it("update carries the role id", () => {
    expect(updateRoleSchema.safeParse({ roleId: 3, name: "x", permissions: ["event-history.view"] }).success).toBe(true);
    expect(updateRoleSchema.safeParse({ roleId: "3", name: "x", permissions: ["event-history.view"] }).success).toBe(false);
  });
});

describe("pageParam", () => {
  it.each([
    [undefined, 1],
    ["3", 3],
    [["4", "5"], 4],
    ["0", 1],
    ["-2", 1],
    ["1.5", 1],
    ["abc", 1],
    ["1e400", 1],
  ] as const)("%s → %i", (input, expected) => {
    expect(pageParam(input as string | string[] | undefined)).toBe(expected);
  });
});
