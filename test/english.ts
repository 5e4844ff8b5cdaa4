import { translateMessage } from "@/lib/domain/message";
import { translatorFor } from "@/lib/i18n/translator";

const english = translatorFor("en");

/** A lib/domain message (a key with parameters) as an English-speaking user reads it; null stays null. */
export function inEnglish<T extends string | null | undefined>(text: T): T {
  return (typeof text === "string" ? translateMessage(english, text) : text) as T;
}
