import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/domain/locale";
import { asTranslator, type Translator } from "@/lib/domain/message";
import { MESSAGES } from "./messages";

/** A translator for a language chosen by code, not by the request: notices go out in each recipient's own. */
export function translatorFor(locale: Locale): Translator {
  return asTranslator(createTranslator({ locale, messages: MESSAGES[locale] }));
}
