"use client";

import { useLocale, useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { Check, Languages } from "lucide-react";
import { useServerAction } from "@/components/hooks/use-server-action";
import { LOCALE_NAMES, LOCALES } from "@/lib/domain/locale";
import { setLanguageAction } from "@/lib/i18n/actions";

function useSetLanguage() {
  return useServerAction(setLanguageAction, { refusal: "toast" });
}

/** Language in the user menu: a radio group, saved on the user and applied at once. */
export function LanguageMenuItems() {
  const t = useTranslations("language");
  const locale = useLocale();
  const setLanguage = useSetLanguage();
  return (
    <DropdownMenu.Group>
      <DropdownMenu.Label className="flex items-center gap-2 px-2 py-1.5 text-xs font-medium text-slate-600 dark:text-slate-300">
        <Languages className="size-4" aria-hidden />
        {t("label")}
      </DropdownMenu.Label>
      <DropdownMenu.RadioGroup value={locale} onValueChange={(value) => void setLanguage.run(value)}>
        {LOCALES.map((l) => (
          <DropdownMenu.RadioItem
            key={l}
            value={l}
            lang={l}
            disabled={setLanguage.pending}
            className="relative flex cursor-pointer items-center gap-2 rounded py-1.5 pl-8 pr-2 text-sm outline-none data-[highlighted]:bg-slate-100 data-[state=checked]:font-semibold dark:data-[highlighted]:bg-slate-800"
          >
            <DropdownMenu.ItemIndicator className="absolute left-2">
              <Check className="size-4" aria-hidden />
            </DropdownMenu.ItemIndicator>
            {LOCALE_NAMES[l]}
          </DropdownMenu.RadioItem>
        ))}
      </DropdownMenu.RadioGroup>
    </DropdownMenu.Group>
  );
}

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
