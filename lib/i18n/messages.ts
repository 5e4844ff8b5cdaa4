import en from "@/messages/en.json";
import ja from "@/messages/ja.json";
import type { Locale } from "@/lib/domain/locale";

/** Both message files, loaded once: they are small, and notices need any language at any time. */
export const MESSAGES: Record<Locale, typeof en> = { en, ja };
