import { describe, expect, it } from "vitest";
import { decodeMessage, msg, translateMessage, type Translator } from "./message";

const t: Translator = Object.assign((key: string, params?: Record<string, string | number>) => `[${key} ${JSON.stringify(params ?? {})}]`, {
  has: (key: string) => key !== "errors.missing",
});

describe("encoded messages", () => {
  it("carry a key and its parameters through one string", () => {
    expect(decodeMessage(msg("validation.titleTooLong", { max: 100 }))).toEqual({ key: "validation.titleTooLong", params: { max: 100 } });
    expect(decodeMessage(msg("errors.serverFailed"))).toEqual({ key: "errors.serverFailed", params: {} });
  });

  it("leave readable text alone", () => {
    for (const text of ["Enter a title.", "タイトルを入力してください。", "Failed to fetch", "a.b c", "x|{}"]) {
      expect(decodeMessage(text)).toBeNull();
      expect(translateMessage(t, text)).toBe(text);
    }
  });

  it("translate a known key with its parameters, and show an unknown key as it is", () => {
    expect(translateMessage(t, msg("validation.titleTooLong", { max: 100 }))).toBe('[validation.titleTooLong {"max":100}]');
    expect(translateMessage(t, "errors.missing")).toBe("errors.missing");
  });

  it("refuse malformed parameters rather than guess", () => {
    expect(decodeMessage("errors.x|not json")).toBeNull();
  });
});
