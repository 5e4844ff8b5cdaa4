import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Every argument a message uses ({name}, {count, plural, …}, <link>…</link>), with its kind. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    out.add(`${el.value}:${TYPE[el.type]}`);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) argumentsOf(option.value, out);
    if (el.type === TYPE.tag) argumentsOf(el.children, out);
  }
  return out;
}

const messages = { en: flatten(en as Tree), ja: flatten(ja as Tree) };

describe("message files", () => {
  it("have the same keys in English and Japanese", () => {
    const onlyEn = [...messages.en.keys()].filter((k) => !messages.ja.has(k));
    const onlyJa = [...messages.ja.keys()].filter((k) => !messages.en.has(k));
    expect({ onlyEn, onlyJa }).toEqual({ onlyEn: [], onlyJa: [] });
  });

  it("use the same placeholders, plurals and tags in each message of both languages", () => {
    const mismatched: string[] = [];
    for (const [key, text] of messages.en) {
      const other = messages.ja.get(key);
      if (other === undefined) continue;
      const a = [...argumentsOf(parse(text))].sort().join(", ");
      const b = [...argumentsOf(parse(other))].sort().join(", ");
      if (a !== b) mismatched.push(`${key}: en {${a}} ja {${b}}`);
    }
    expect(mismatched).toEqual([]);
  });

  it("are valid ICU messages with no empty text", () => {
    for (const [lang, map] of Object.entries(messages)) {
      for (const [key, text] of map) {
        expect(text.trim(), `${lang} ${key}`).not.toBe("");
        expect(() => parse(text), `${lang} ${key}`).not.toThrow();
      }
    }
  });
});

describe("numbers read as numbers", () => {
  it("totals, page numbers and counts are grouped for the reader's language", async () => {
    const { createTranslator } = await import("next-intl");
    const tEn = createTranslator({ locale: "en", messages: en });
    const tJa = createTranslator({ locale: "ja", messages: ja });
    expect(tEn("tokens.table.summary", { total: 100_000, page: 2_000, pageCount: 4_000 })).toBe("100,000 tokens · Page 2,000 of 4,000");
    expect(tJa("tokens.table.summary", { total: 100_000, page: 2_000, pageCount: 4_000 })).toBe("100,000 件のトークン · 2,000 / 4,000 ページ");
    expect(tEn("users.pageSummary", { total: 12_345, page: 1_000, pageCount: 1_000 })).toBe("Page 1,000 of 1,000 · 12,345 users");
    expect(tEn("outbox.pageOf", { page: 1_200, count: 3_400 })).toBe("Page 1,200 of 3,400");
    expect(tJa.markup("tokens.detail.exchangeCount", { count: 25_000, last: () => "" })).toBe("25,000 回 (最終: )");
  });
});
