import { describe, expect, it } from "vitest";
import { wholeNumberFromEnv } from "./settings";

describe("wholeNumberFromEnv", () => {
  const range = { fallback: 900, min: 60, max: 3600, unit: "seconds" };
  it("uses the fallback when unset or empty, and the number when in range", () => {
    expect(wholeNumberFromEnv({}, "X_TTL", range)).toBe(900);
    expect(wholeNumberFromEnv({ X_TTL: "" }, "X_TTL", range)).toBe(900);
    expect(wholeNumberFromEnv({ X_TTL: "60" }, "X_TTL", range)).toBe(60);
    expect(wholeNumberFromEnv({ X_TTL: "3600" }, "X_TTL", range)).toBe(3600);
  });
  it.each(["59", "3601", "1.5", "abc", "-1"])("refuses %s with a message naming the variable, range and value", (raw) => {
    expect(() => wholeNumberFromEnv({ X_TTL: raw }, "X_TTL", range)).toThrow(`X_TTL must be a whole number of seconds from 60 to 3600; got "${raw}".`);
  });
});
