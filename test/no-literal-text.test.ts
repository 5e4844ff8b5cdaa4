import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Issue 11: the lint rule that keeps visible literals out of components (eslint.config.mjs),
// exercised through the project's own configuration, so a change that loosens it fails here.
const eslint = new ESLint({ cwd: process.cwd() });

async function literalErrors(code: string, filePath = "components/example.tsx"): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "i18next/no-literal-string").map((m) => m.message);
}

// The first lint loads the whole type-aware configuration: seconds, not milliseconds.
describe("no literal text in components", { timeout: 60_000 }, () => {
  it("refuses visible text and labelled attributes written as literals", async () => {
    expect(await literalErrors(`export function A() { return <p>Delete token</p>; }\n`)).toHaveLength(1);
    expect(await literalErrors(`export function A() { return <button aria-label="Close dialog" />; }\n`)).toHaveLength(1);
    expect(await literalErrors(`export function A() { return <input placeholder="Search tokens" />; }\n`)).toHaveLength(1);
    expect(await literalErrors(`export function Page() { return <h1>Users</h1>; }\n`, "app/(console)/example/page.tsx")).toHaveLength(1);
  });

  it("accepts text from the message files, class names, symbols and proper names", async () => {
    const code = `import { useTranslations } from "next-intl";
export function A() {
  const t = useTranslations("tokens");
  return (
    <p className="text-sm" aria-label={t("title")}>
      {t("title")} <span>Keyward</span> <span>/</span> <span>404</span>
    </p>
  );
}
`;
    expect(await literalErrors(code)).toEqual([]);
  });
});
