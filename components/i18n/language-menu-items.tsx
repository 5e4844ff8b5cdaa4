"use client";

import { useLocale, useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { Check, Languages } from "lucide-react";
import { LOCALE_NAMES, LOCALES } from "@/lib/domain/locale";
import { useSetLanguage } from "./use-set-language";

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
