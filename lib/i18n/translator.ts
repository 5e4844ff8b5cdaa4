import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/domain/locale";
import { asTranslator, type Translator } from "@/lib/domain/message";
import { MESSAGES } from "./messages";

// One per language, kept: a translator caches its parsed messages.
const translators = new Map<Locale, Translator>();

/** A translator for a language chosen by code, not by the request: notices go out in each recipient's own. */
export function translatorFor(locale: Locale): Translator {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = asTranslator(createTranslator({ locale, messages: MESSAGES[locale] }))));
  return t;
}
