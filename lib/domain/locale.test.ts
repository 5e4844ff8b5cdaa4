import { describe, expect, it } from "vitest";
import { browserLocaleFrom, localeCookieValue, localeFromAcceptLanguage } from "./locale";

describe("the browser's language", () => {
  it.each([
    ["ja", "ja"],
    ["ja-JP", "ja"],
    ["ja-JP,ja;q=0.9,en;q=0.8", "ja"],
    ["en-US,en;q=0.9,ja;q=0.5", "en"],
    ["fr-FR,ja;q=0.3", "ja"],
    ["fr-FR", null],
    ["", null],
  ])("Accept-Language %j → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("prefers the sign-in page's switch, then Accept-Language, then English", () => {
    expect(browserLocaleFrom("en", "ja-JP")).toBe("en");
    expect(browserLocaleFrom("xx", "ja-JP")).toBe("ja");
    expect(browserLocaleFrom(null, "de")).toBe("en");
  });

  it("reads the language cookie from a Cookie header", () => {
    expect(localeCookieValue("a=1; keyward-locale=ja; b=2")).toBe("ja");
    expect(localeCookieValue("a=1")).toBeNull();
    expect(localeCookieValue(undefined)).toBeNull();
  });
});
