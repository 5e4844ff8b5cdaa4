/**
 * A translatable message as lib/domain hands it on: a key of messages/*.json plus its ICU
 * parameters, encoded in one string because zod issues and DomainError carry strings. Whoever
 * shows it (the action wrapper on the server, the form on the client) turns it into the
 * viewer's language; nothing below that layer knows a language.
 */
export type MessageParams = Record<string, string | number>;

const SEPARATOR = "|";
const KEY = /^[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+$/;

export function msg(key: string, params?: MessageParams): string {
  return params ? key + SEPARATOR + JSON.stringify(params) : key;
}

/** The key and parameters of an encoded message; null for any other text (already readable). */
export function decodeMessage(text: string): { key: string; params: MessageParams } | null {
  const cut = text.indexOf(SEPARATOR);
  const key = cut === -1 ? text : text.slice(0, cut);
  if (!KEY.test(key)) return null;
  if (cut === -1) return { key, params: {} };
  try {
    const params: unknown = JSON.parse(text.slice(cut + 1));
    return params && typeof params === "object" ? { key, params: params as MessageParams } : null;
  } catch {
    return null;
  }
}

/** A translator as next-intl's `t` (root namespace) or createTranslator provide it. */
export interface Translator {
  (key: string, params?: MessageParams): string;
  has(key: string): boolean;
}

/** Any next-intl `t` (typed by its keys) as the plain Translator that translateMessage takes. */
export function asTranslator(t: { (key: never, values?: never): string; has(key: never): boolean }): Translator {
  const translate = (key: string, params?: MessageParams) => t(key as never, params as never);
  return Object.assign(translate, { has: (key: string) => t.has(key as never) });
}

/** The viewer's words for an encoded message; other text is returned as it is. */
export function translateMessage(t: Translator, text: string): string {
  const m = decodeMessage(text);
  return m && t.has(m.key) ? t(m.key, m.params) : text;
}
