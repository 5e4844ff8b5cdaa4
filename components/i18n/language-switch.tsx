"use client";

import { useLocale, useTranslations } from "next-intl";
import { Languages } from "lucide-react";
import { LOCALE_NAMES, LOCALES } from "@/lib/domain/locale";
import { useSetLanguage } from "./use-set-language";

// The user menu's radio group is in ./language-menu-items.tsx: importing Radix's dropdown here
// put its menu, popper and focus code (about 30 KB gzip) on the sign-in and set-up pages.

/** Language on the sign-in and set-up pages, before anyone is signed in (kept in a cookie). */
export function LanguageSelect() {
  const t = useTranslations("language");
  const locale = useLocale();
  const setLanguage = useSetLanguage();
  return (
    <label className="flex items-center justify-end gap-2 text-sm text-slate-700 dark:text-slate-300">
      <Languages className="size-4" aria-hidden />
      <span>{t("label")}</span>
      <select
        value={locale}
        disabled={setLanguage.pending}
        onChange={(e) => void setLanguage.run(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
