import type { Locale } from "@/lib/domain/locale";

/**
 * Dates and times in each language's own style, in a given zone: "2026年11月23日 16:05" in
 * Japanese, "2026-11-23 16:05:00 GMT+9" in English (sortable, as administrators compare logs).
 * Browser-safe: the console's LocalTime and the notices both use it.
 */
const DATE_TIME: Record<Locale, Intl.DateTimeFormatOptions> = {
  en: { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short" },
  ja: { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
};
const INTL_LOCALE: Record<Locale, string> = { en: "en-CA", ja: "ja-JP" };

// Building an Intl.DateTimeFormat costs far more than formatting with one (a page of events, a
// batch of notices), so each language and zone keeps its formatter. Zones come from viewers and
// have endless spellings, so the memory is capped.
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...DATE_TIME[locale], timeZone });
    if (formatters.size < 500) formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | Date, locale: Locale, timeZone: string): string {
  return dateTimeFormat(locale, timeZone).format(new Date(iso)).replace(",", "");
}

/** A calendar date (YYYY-MM-DD, as expiry dates are stored): "2026年11月23日" in Japanese, as stored in English. */
export function formatCalendarDate(isoDate: string, locale: Locale): string {
  if (locale === "en") return isoDate;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}
