import Negotiator from "negotiator";

/** The console's languages. Browser-safe: the language switch and the server both use it. */
export const LOCALES = ["en", "ja"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The cookie the switch on the sign-in and set-up pages writes (a signed-in user's choice is saved on the user). */
export const LOCALE_COOKIE = "keyward-locale";

/** Each language named in itself, as the switch offers them. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ja: "日本語" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The best console language for an Accept-Language header ("ja-JP" → ja), or null when none fits. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const best = new Negotiator({ headers: { "accept-language": header } }).language([...LOCALES]);
  return isLocale(best) ? best : null;
}

/** The browser's language: the sign-in page's switch (its cookie), else Accept-Language, else English. */
export function browserLocaleFrom(cookieValue: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

/** The value of the language cookie in a Cookie header. */
export function localeCookieValue(cookieHeader: string | null | undefined): string | null {
  for (const part of cookieHeader?.split(";") ?? []) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE) return value ?? null;
  }
  return null;
}
