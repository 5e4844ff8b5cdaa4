import type en from "@/messages/en.json";
import type { Locale } from "@/lib/domain/locale";

// Typed keys and locales for every useTranslations/getTranslations call.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
