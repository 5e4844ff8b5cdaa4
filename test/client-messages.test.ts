import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import { clientMessages, SERVER_ONLY_NAMESPACES } from "@/lib/i18n/client-messages";

const ROOT = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** Client components and the lib/domain modules they import (whose message keys they show). */
function clientCode(): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of [...sources("app"), ...sources("components")]) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    if (!/^["']use client["']/.test(text)) continue;
    files.set(file, text);
    for (const [, mod] of text.matchAll(/from "@\/(lib\/domain\/[\w-]+)"/g)) {
      const domain = `${mod}.ts`;
      if (!files.has(domain)) files.set(domain, fs.readFileSync(path.join(ROOT, domain), "utf8"));
    }
  }
  return files;
}

describe("messages sent to the browser", () => {
  it("leave out only namespaces that no client component or the domain code it imports reads", () => {
    const code = clientCode();
    expect(code.size).toBeGreaterThan(20);
    const readers = [...code].flatMap(([file, text]) =>
      [...SERVER_ONLY_NAMESPACES].filter((ns) => new RegExp(`["'\`(]${ns}(\\.|["'\`)])`).test(text)).map((ns) => `${file}: ${ns}`),
    );
    expect(readers).toEqual([]);
  });

  it("drop the server-only namespaces and keep the rest", () => {
    const sent = clientMessages(en);
    for (const ns of SERVER_ONLY_NAMESPACES) expect(ns in en && !(ns in sent)).toBe(true);
    expect(Object.keys(sent).length).toBe(Object.keys(en).length - SERVER_ONLY_NAMESPACES.size);
  });
});
