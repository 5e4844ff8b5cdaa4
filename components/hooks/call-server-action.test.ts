import { describe, expect, it } from "vitest";
import { translateMessage } from "@/lib/domain/message";
import { translatorFor } from "@/lib/i18n/translator";
import { callServerAction } from "./call-server-action";

describe("callServerAction", () => {
  it("passes the action's own answer through, success or refusal", async () => {
    await expect(callServerAction(async (n: number) => ({ ok: true as const, data: n * 2 }), 21)).resolves.toEqual({ ok: true, data: 42 });
    const refusal = { ok: false as const, error: "Enter a name.", status: 400, fieldErrors: { name: ["Enter a name."] } };
    await expect(callServerAction(async () => refusal, null)).resolves.toEqual(refusal);
  });

  it("turns a request that got no answer into a sentence a person can act on", async () => {
    const result = await callServerAction(async () => {
      throw new TypeError("Failed to fetch");
    }, null);
    expect(result).toMatchObject({ ok: false, unreachable: true });
    expect(translateMessage(translatorFor("en"), result.ok ? "" : result.error)).toBe("Couldn’t reach Keyward. Check your connection and try again.");
    expect(translateMessage(translatorFor("ja"), result.ok ? "" : result.error)).toBe("Keyward に接続できませんでした。接続を確認して、もう一度お試しください。");
  });
});
