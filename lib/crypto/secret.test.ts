import { describe, expect, it } from "vitest";
import zlib from "node:zlib";
import { generateSecret, isValidSecret, SECRET_PATTERN } from "./secret";

describe("the checksum", () => {
  it("matches fixed vectors computed outside this code (Python's zlib.crc32, base62)", () => {
    expect(isValidSecret("kwsk_00000000000000000000000000000000000000000004Ymbr3")).toBe(true);
    expect(isValidSecret("kwsk_Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9a4Kx7nI")).toBe(true);
    expect(isValidSecret("kwsk_Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9a4Kx7nJ")).toBe(false);
  });
});

describe("generateSecret", () => {
  it("has the documented fixed-length format and a valid checksum", () => {
    for (let i = 0; i < 200; i++) {
      const s = generateSecret();
      expect(s).toHaveLength(54);
      expect(s).toMatch(SECRET_PATTERN);
      expect(isValidSecret(s)).toBe(true);
      const head = s.slice(0, 48);
      const expected = zlib.crc32(Buffer.from(head));
      const decoded = [...s.slice(48)].reduce(
        (acc, ch) => acc * 62 + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".indexOf(ch),
        0,
      );
      expect(decoded).toBe(expected);
    }
  });

  it("is random", () => {
    const set = new Set(Array.from({ length: 500 }, generateSecret));
    expect(set.size).toBe(500);
  });

  it("is found by the unanchored scanner regex documented in the module", () => {
    const s = generateSecret();
    const text = `config: token=${s}\nother`;
    expect(text.match(/\bkwsk_[0-9A-Za-z]{49}\b/)?.[0]).toBe(s);
  });
});

describe("isValidSecret", () => {
  it("rejects a single changed character, wrong prefix, length, alphabet and non-strings", () => {
    const s = generateSecret();
    const i = 20;
    const swapped = s.slice(0, i) + (s[i] === "a" ? "b" : "a") + s.slice(i + 1);
    expect(isValidSecret(swapped)).toBe(false);
    expect(isValidSecret("kwsx_" + s.slice(5))).toBe(false);
    expect(isValidSecret(s + "a")).toBe(false);
    expect(isValidSecret(s.slice(0, -1))).toBe(false);
    expect(isValidSecret(s.slice(0, 30) + "-" + s.slice(31))).toBe(false);
    expect(isValidSecret(` ${s}`)).toBe(false);
    expect(isValidSecret(undefined)).toBe(false);
    expect(isValidSecret(42)).toBe(false);
  });
});
