import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import { clientMessages, SECTION_NAMESPACES, SHELL_NAMESPACES, type Section } from "@/lib/i18n/client-messages";
import { ROOT, staticImports } from "./module-graph";

const NAMESPACES = Object.keys(en);
/** Read by server components only (event texts, notices, the outbox, navigation): never sent. */
const SERVER_ONLY = ["app", "eventActions", "eventDetails", "events", "nav", "notices", "outbox"];

const SHELL_ENTRIES = ["app/layout.tsx", "app/page.tsx", "app/error.tsx", "app/not-found.tsx", "app/forbidden.tsx", "app/(console)/layout.tsx", "app/(console)/error.tsx", "app/(console)/not-found.tsx"];
const SECTIONS: Record<string, Section> = {
  "app/(console)/api-management": "tokens",
  "app/(console)/events": "events",
  "app/(console)/users": "users",
  "app/(console)/roles": "roles",
  "app/(console)/outbox": "outbox",
  "app/(console)/rotations": "rotations",
  "app/(console)/docs": "docs",
  "app/(auth)": "signIn",
  "app/(setup)": "setup",
};

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** The namespaces the client modules these entries load (now or by import()) name in their code. */
function namespacesRead(entries: string[]): Map<string, string> {
  const read = new Map<string, string>();
  for (const file of staticImports(entries, { dynamic: true }).files) {
    const code = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    for (const ns of NAMESPACES) if (new RegExp(`["'\`(]${ns}(\\.|["'\`)])`).test(code) && !read.has(ns)) read.set(ns, path.relative(ROOT, file));
  }
  return read;
}

const unsent = (read: Map<string, string>, sent: readonly string[]) => [...read].filter(([ns]) => !sent.includes(ns)).map(([ns, file]) => `${file}: ${ns}`);

describe("messages sent to the browser", () => {
  it("the shell's client components read only the shell's namespaces", () => {
    const read = namespacesRead(SHELL_ENTRIES);
    expect(read.has("shell")).toBe(true);
    expect(unsent(read, SHELL_NAMESPACES)).toEqual([]);
  });

  it("each section's client components, lazily loaded ones too, read only what its layout sends", () => {
    for (const [dir, section] of Object.entries(SECTIONS)) {
      expect(unsent(namespacesRead(sources(dir)), [...SHELL_NAMESPACES, ...SECTION_NAMESPACES[section]]), section).toEqual([]);
      expect(fs.readFileSync(path.join(ROOT, dir, "layout.tsx"), "utf8"), dir).toContain(`<SectionMessages section="${section}">`);
    }
    // It sees what it checks: the token pages read "tokens", the users page's lazy dialog "users".
    expect(namespacesRead(sources("app/(console)/api-management")).has("tokens")).toBe(true);
    expect(namespacesRead(["app/(console)/users/page.tsx"]).has("userRules")).toBe(true);
  });

  it("every console section is listed, and no server-only namespace is ever sent", () => {
    const dirs = fs.readdirSync(path.join(ROOT, "app/(console)"), { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith("_"));
    expect(dirs.map((e) => `app/(console)/${e.name}`).filter((d) => !(d in SECTIONS))).toEqual([]);
    for (const section of Object.keys(SECTION_NAMESPACES) as Section[]) {
      const sent = Object.keys(clientMessages(en, section));
      expect(sent.filter((ns) => SERVER_ONLY.includes(ns)), section).toEqual([]);
      expect(sent.length, section).toBe(new Set([...SHELL_NAMESPACES, ...SECTION_NAMESPACES[section]]).size);
    }
    expect(Object.keys(clientMessages(en)).sort()).toEqual([...SHELL_NAMESPACES].sort());
  });
});
