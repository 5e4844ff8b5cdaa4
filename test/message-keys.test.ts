import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { msg, translateMessage } from "@/lib/domain/message";
import { translatorFor } from "@/lib/i18n/translator";

const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("message keys in the code", () => {
  // A mistyped key would reach the user as the raw key: translateMessage passes unknown keys through.
  it("every msg(\"…\") key exists in the message files", () => {
    const en = translatorFor("en");
    const missing: string[] = [];
    let found = 0;
    for (const file of ["lib", "app", "components"].flatMap(sourceFiles)) {
      // msg("key") calls, and the keys of lib/data's tables of whole sentences ("userRules.…").
      for (const m of fs.readFileSync(file, "utf8").matchAll(/\bmsg\("([^"]+)"|"(userRules\.[A-Za-z]+)"/g)) {
        const key = m[1] ?? m[2];
        found++;
        if (!en.has(key)) missing.push(`${path.relative(root, file)}: ${key}`);
      }
    }
    expect(found).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it("a refusal with a count reads naturally in each language", () => {
    const text = msg("userRules.roleInUse", { name: "Temp", count: 1 });
    expect(translateMessage(translatorFor("en"), text)).toBe("“Temp” is assigned to 1 user. Give that user another role first.");
    expect(translateMessage(translatorFor("ja"), text)).toBe("「Temp」は 1 人のユーザーに割り当てられています。先に別の役割を割り当ててください。");
  });
});
