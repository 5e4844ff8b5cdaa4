import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import i18next from "eslint-plugin-i18next";

const config = [
  ...next,
  ...nextTs,
  // Playwright fixtures call their callback `use`, which is not a React hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Visible text comes from messages/*.json (next-intl), never from a literal in a component.
  // Exceptions are explicit: an `// eslint-disable-next-line i18next/no-literal-string` with the reason.
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": { include: ["^aria-(label|description|valuetext|roledescription)$", "^(title|alt|placeholder)$", "(^l|L)abel$", "(^d|D)escription$", "(^h|H)eading$", "(^m|M)essage$", "(^t|T)ext$", "(^h|H)int$"] },
          words: { exclude: ["[0-9!-/:-@[-`{-~]+", "[A-Z_-]+", "Keyward"] },
          // The plugin's own list, plus react-hook-form's calls, whose strings are field names.
          callees: {
            exclude: ["i18n(ext)?", "t", "require", "addEventListener", "removeEventListener", "postMessage", "getElementById", "dispatch", "commit", "includes", "indexOf", "endsWith", "startsWith", "t\\.(rich|markup|raw|has)", "register", "setValue", "watch", "getValues"],
          },
        },
      ],
    },
  },
  // Links prefetch on intent (components/ui/link.tsx), not because they scrolled into view.
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    ignores: ["components/ui/link.tsx"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use Link from @/components/ui/link: it prefetches on hover or focus only." }] }] },
  },
  // The data layer runs on SQLite and PostgreSQL alike (lib/db/database.ts, issue 14): no
  // better-sqlite3-only calls or synchronous transactions outside the API's hot path.
  {
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.{ts,tsx}", "lib/data/**/*.ts", "lib/rotation/**/*.ts", "lib/notify/**/*.ts", "lib/auth/**/*.ts", "lib/i18n/**/*.ts"],
    ignores: ["**/*.test.ts", "components/ui/link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "next/link", message: "Use Link from @/components/ui/link: it prefetches on hover or focus only." },
            { name: "@/lib/db/client", importNames: ["getDb", "writeTransaction"], message: "Use getKeywardDb() and db.transaction() from @/lib/db/database: they run on either database." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[arguments.length=0][callee.property.name=/^(all|get|run)$/]",
          message: "SQLite's builder only: await the query instead (one row: `(await q…limit(1))[0]`).",
        },
      ],
    },
  },
  { ignores: ["node_modules/**", ".next*/**", "dist/**", "drizzle/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
