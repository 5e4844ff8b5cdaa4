import { describe, expect, it } from "vitest";
import { staticImports } from "./module-graph";

// Issue 16: every page's first-load JavaScript stays small. The libraries below are loaded only
// where they are used, and then lazily (import()), so they must not be reachable by static
// imports from these entry points. A module graph, not the bundle: it names the import to undo.
const SHELL = ["app/layout.tsx", "app/(console)/layout.tsx"];
const LAZY_EVERYWHERE = ["@tanstack/react-query", "sonner", "zod", "@hookform/resolvers/zod", "better-auth", "better-auth/react", "react-day-picker", "date-fns", "ipaddr.js"];

describe("first-load imports", () => {
  it("the shell (every page) loads no query cache, toasts, forms, schemas, calendar or menu", () => {
    const { packages } = staticImports(SHELL);
    const found = [...packages].filter(([spec, names]) => LAZY_EVERYWHERE.includes(spec) || spec === "react-hook-form" || (spec === "radix-ui" && names.has("DropdownMenu")));
    expect(found.map(([spec]) => spec)).toEqual([]);
  });

  it("sign-in and set-up load neither Radix's dropdown nor its popover", () => {
    for (const page of ["app/(auth)/login/page.tsx", "app/(setup)/setup/page.tsx"]) {
      const { packages } = staticImports([...SHELL, page]);
      const radix = [...(packages.get("radix-ui") ?? [])];
      expect({ page, radix: radix.filter((n) => n === "DropdownMenu" || n === "Popover") }).toEqual({ page, radix: [] });
      expect({ page, lazy: LAZY_EVERYWHERE.filter((l) => packages.has(l)) }).toEqual({ page, lazy: [] });
    }
  });

  it("the token page loads its dialogs' forms and the date picker's popover when they open", () => {
    const { packages } = staticImports([...SHELL, "app/(console)/api-management/[tokenId]/page.tsx"]);
    expect(["react-hook-form", ...LAZY_EVERYWHERE].filter((l) => packages.has(l))).toEqual([]);
    expect([...(packages.get("radix-ui") ?? [])].filter((n) => n === "Popover" || n === "DropdownMenu")).toEqual([]);
  });

  it("the users page loads its add-user and change-role forms when their dialog opens", () => {
    const { packages } = staticImports([...SHELL, "app/(console)/users/page.tsx"]);
    expect(["react-hook-form", ...LAZY_EVERYWHERE].filter((l) => packages.has(l))).toEqual([]);
  });

  it("the creation form loads the any-IP question and the reveal dialog when they are needed", () => {
    const { packages } = staticImports([...SHELL, "app/(console)/api-management/new/page.tsx"]);
    expect([...(packages.get("radix-ui") ?? [])].filter((n) => /^(Dialog|Popover|DropdownMenu)\b/.test(n))).toEqual([]);
    // The chip input checks addresses as they are typed: ipaddr.js is the form's own.
    expect(LAZY_EVERYWHERE.filter((l) => l !== "ipaddr.js" && packages.has(l))).toEqual([]);
  });

  it("sees the imports it checks (a form page reaches react-hook-form, the token list TanStack Query)", () => {
    expect(staticImports(["app/(console)/api-management/new/page.tsx"]).packages.has("react-hook-form")).toBe(true);
    expect(staticImports(["app/(console)/api-management/(list)/page.tsx"]).packages.has("@tanstack/react-query")).toBe(true);
    expect(staticImports(["components/ui/date-picker-popover.tsx"]).packages.get("radix-ui")?.has("Popover")).toBe(true);
  });
});
