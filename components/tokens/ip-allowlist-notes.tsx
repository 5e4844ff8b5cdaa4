"use client";

import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/ui/checkbox";
import { useMessageText } from "@/components/hooks/use-message-text";
import { openRangeMessage } from "@/lib/domain/ip-allowlist";

/**
 * Every invalid entry once, each with the one message that names it and says what is wrong. Its
 * chip points here (aria-describedby `${idPrefix}-invalid-${index}`), so nothing repeats it.
 */
export function InvalidEntries({ idPrefix, invalid }: { idPrefix: string; invalid: { index: number; entry: string; message: string }[] }) {
  const t = useTranslations("tokens.ipList");
  const text = useMessageText();
  if (invalid.length === 0) return null;
  return (
    <ul aria-label={t("invalidEntries")} className="space-y-0.5 text-xs text-red-700 dark:text-red-400">
      {invalid.map(({ index, entry, message }) => (
        <li key={entry} id={`${idPrefix}-invalid-${index}`}>
          {text(message)}
        </li>
      ))}
    </ul>
  );
}

/** The explicit consent a 0.0.0.0/0 or ::/0 entry needs; part of the form's state, so a checkbox. */
export function OpenRangeConsent({ id, range, checked, onChange }: { id: string; range: string; checked: boolean; onChange: (confirmed: boolean) => void }) {
  const t = useTranslations("tokens.ipList");
  const text = useMessageText();
  return (
    <div className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
      <p>{text(openRangeMessage(range))}</p>
      <div className="flex items-center gap-2">
        <Checkbox id={id} checked={checked} onCheckedChange={(c) => onChange(c === true)} />
        <label htmlFor={id} className="font-medium">
          {t("allowEvery")}
        </label>
      </div>
    </div>
  );
}
