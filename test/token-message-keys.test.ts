import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";

// msg("key") is a plain string to TypeScript, so a mistyped key would reach the user as the key
// itself; the console's t("key") calls are checked by next-intl's typed keys instead.
const FILES = [
  "lib/domain/token-schemas.ts",
  "lib/domain/ip-allowlist.ts",
  "lib/domain/expiry.ts",
  "lib/domain/public-key.ts",
  "lib/crypto/public-key-server.ts",
  "lib/data/tokens.ts",
  "lib/data/token-lifecycle.ts",
  "app/(console)/api-management/actions.ts",
  "app/(console)/api-management/[tokenId]/actions.ts",
];

function has(tree: unknown, key: string): boolean {
  const value = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), tree);
  return typeof value === "string";
}

describe("the tokens area's message keys", () => {
  const keys = FILES.flatMap((file) => [...fs.readFileSync(path.join(process.cwd(), file), "utf8").matchAll(/\bmsg\("([^"]+)"/g)].map((m) => ({ file, key: m[1] })));

  it("are found in the files", () => {
    expect(keys.length).toBeGreaterThan(50);
  });

  it("exist in English and Japanese", () => {
    const missing = keys.filter(({ key }) => !has(en, key) || !has(ja, key)).map(({ file, key }) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });
});
