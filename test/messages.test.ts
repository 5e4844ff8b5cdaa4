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
